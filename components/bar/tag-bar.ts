import { formatDuration } from '../../lib/format/duration';
import type { MessageView } from '../../lib/messaging/protocol';
import type { BarSlot } from '../../lib/overlay/bar-registry';
import { SHORTCUT_LABELS } from '../../lib/overlay/shortcuts';
import type { OverlayState } from '../../lib/overlay/store';
import type { TagPatch } from '../../lib/schema/records';
import { CHANNELS, QUERY_TYPES, SENTIMENTS, STATUSES } from '../../lib/schema/taxonomy';
import { label, text } from './labels';
import { messagesText } from './plural';

const SKIPPED = {
  'no-permalink': 'bar.skipped.noPermalink',
  'no-author': 'integrity.skipped.noAuthor',
  'time-out-of-range': 'integrity.skipped.timeOutOfRange',
  'no-time': 'bar.skipped.noTime',
  'bad-time': 'bar.skipped.badTime',
  unavailable: 'bar.skipped.unavailable',
  promoted: 'bar.skipped.promoted',
} as const;

/** How long the pointer may leave the bar before its choice closes (crossing the gap to it). */
const HOVER_CLOSE_MS = 250;

/** The one-line skeleton of every bar, cloned (no parsing per post). */
const LINE = (() => {
  if (typeof document === 'undefined') return null;
  const t = document.createElement('template');
  t.innerHTML =
    // The controls come before the clock: on a narrow column the clock's text is what gets cut.
    // Only what every bar shows: the sender (brand posts), the note (translated posts) and the
    // saving/error state are added to the bars that need them, so each bar styles, lays out
    // and paints as few elements as it can (issue 7).
    '<div class="bar" role="group"><span class="pills"></span>' +
    '<button type="button" class="more" aria-expanded="false"></button>' +
    '<span class="clock" role="timer" hidden></span></div>';
  return t;
})();

/** A brand post's "My reply / Teammate's reply" and its claim action, cloned for brand posts only. */
const SENDER = (() => {
  if (typeof document === 'undefined') return null;
  const t = document.createElement('template');
  t.innerHTML = '<span class="sender"><span class="who"></span><button type="button" class="link claim"></button></span>';
  return t;
})();

export interface TagBarOptions {
  onTag(patch: TagPatch): void;
  /** Only events a person caused act: a page script's click() or dispatched key is ignored. */
  acts(e: Event): boolean;
}

/** What one bar reads from the overlay store. */
export interface BarState {
  view: MessageView | undefined;
  saving: boolean;
  error: string | undefined;
  paused: OverlayState['paused'];
  now: number;
  /** Storage unreachable: bars whose tags wait say so instead of "Saving…". */
  storageProblem: OverlayState['storageProblem'];
}

/**
 * The bar under one post, plain DOM in its shadow root: one line with the tags already set
 * as pills, the case clock and a "Tags" control; the full choice opens over the page (a
 * popover in the top layer, so the post never grows) on click, hover or focus.
 */
export function createTagBar(root: ShadowRoot | HTMLElement, slot: BarSlot, opts: TagBarOptions) {
  const line = LINE!.content.firstElementChild!.cloneNode(true) as HTMLElement;
  const q = <T extends Element>(sel: string) => line.querySelector(sel) as T;
  const pills = q<HTMLElement>('.pills');
  const clock = q<HTMLElement>('.clock');
  const more = q<HTMLButtonElement>('.more');
  const sender = slot.fromBrand ? (SENDER!.content.firstElementChild!.cloneNode(true) as HTMLElement) : null;
  const who = sender?.querySelector<HTMLElement>('.who') ?? null;
  const claim = sender?.querySelector<HTMLButtonElement>('.claim') ?? null;
  if (sender) more.after(sender);
  if (slot.textNote) {
    // The stored text is X's translation, or an Article's title only: say so (issue 11 §5).
    const note = line.appendChild(document.createElement('span'));
    note.className = 'note';
    note.textContent = note.title = label(slot.textNote === 'translated' ? 'integrity.translated' : 'integrity.articleBody');
  }
  /** "Saving…" or why a write failed: added the first time there is something to say. */
  let state: HTMLElement | null = null;
  let choice: HTMLElement | null = null;
  let current: BarState | null = null;
  let closeTimer: ReturnType<typeof setTimeout> | undefined;
  let openedAt = 0;
  const notice = document.createElement('div');
  notice.setAttribute('role', 'status');
  root.append(line);

  line.setAttribute('aria-label', label('bar.label'));
  more.textContent = label('bar2.tags');
  more.setAttribute('aria-label', label('bar2.tagsFor'));
  more.setAttribute('aria-haspopup', 'true');

  const act = (e: Event) => opts.acts(e);
  claim?.addEventListener('click', (e) => {
    if (!act(e)) return;
    opts.onTag({ sentBy: current?.view?.sentBy === 'me' ? 'teammate' : 'me' });
  });
  more.addEventListener('click', (e) => {
    if (!act(e)) return;
    // A click right after hover or focus opened the choice keeps it open.
    if (isOpen() && performance.now() - openedAt > HOVER_CLOSE_MS) close();
    else open();
  });
  more.addEventListener('focus', () => open());
  for (const el of [more, pills]) el.addEventListener('pointerenter', (e) => act(e) && open());
  line.addEventListener('pointerenter', () => clearTimeout(closeTimer));
  line.addEventListener('pointerleave', (e) => act(e) && closeSoon());
  line.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && isOpen()) {
      close();
      more.focus({ preventScroll: true });
    }
  });
  line.addEventListener('focusout', (e) => {
    if (!e.relatedTarget || !line.contains(e.relatedTarget as Node)) closeSoon(0);
  });

  function isOpen(): boolean {
    return !!choice && !choice.hidden;
  }

  function open(): void {
    if (!current || current.paused || !slot.id) return;
    clearTimeout(closeTimer);
    if (isOpen()) return;
    openedAt = performance.now();
    choice ??= buildChoice();
    drawChoice();
    choice.hidden = false;
    more.setAttribute('aria-expanded', 'true');
    try {
      if (!choice.matches(':popover-open')) choice.showPopover();
      // The popover sits in the top layer: place it under the line, inside the window.
      const r = line.getBoundingClientRect();
      const w = choice.offsetWidth;
      choice.style.left = `${Math.max(4, Math.min(r.left, innerWidth - w - 4))}px`;
      const below = r.bottom + 2;
      choice.style.top = `${below + choice.offsetHeight > innerHeight ? Math.max(4, r.top - choice.offsetHeight - 2) : below}px`;
    } catch {
      // No Popover API (jsdom): it shows in place.
    }
    addEventListener('scroll', onScroll, { passive: true, capture: true });
  }

  function close(): void {
    clearTimeout(closeTimer);
    if (!choice || choice.hidden) return;
    try {
      choice.hidePopover();
    } catch {
      /* not shown as a popover */
    }
    choice.hidden = true;
    more.setAttribute('aria-expanded', 'false');
    removeEventListener('scroll', onScroll, { capture: true });
  }

  function closeSoon(ms = HOVER_CLOSE_MS): void {
    clearTimeout(closeTimer);
    closeTimer = setTimeout(() => {
      if (!line.isConnected || !line.matches(':focus-within')) close();
    }, ms);
  }

  function onScroll(e: Event): void {
    if (choice && e.target instanceof Node && choice.contains(e.target)) return;
    close();
  }

  /** The full choice, built the first time it opens (most bars never open). */
  function buildChoice(): HTMLElement {
    const el = document.createElement('div');
    el.className = 'choice';
    // The top layer where the browser has it; in place elsewhere (jsdom).
    if ('showPopover' in el) el.setAttribute('popover', 'manual');
    el.setAttribute('role', 'group');
    el.setAttribute('aria-label', label('bar.label'));
    el.hidden = true;
    const group = (name: string, key: string, values: readonly string[], prefix: string) => {
      const g = document.createElement('div');
      g.className = `chips ${name}`;
      g.setAttribute('role', 'group');
      g.setAttribute('aria-label', label(key));
      for (const v of values) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'chip';
        b.dataset.field = name;
        b.dataset.tag = v;
        b.textContent = label(`${prefix}.${v}`);
        const k = SHORTCUT_LABELS[v];
        if (k) b.title = label('bar.shortcut', { key: k });
        g.append(b);
      }
      el.append(g);
    };
    if (!slot.fromBrand) group('queryType', 'bar.typeGroup', QUERY_TYPES, 'queryType');
    group('status', 'bar.statusGroup', STATUSES, 'status');
    group('channel', 'bar.channelGroup', CHANNELS, 'channel');
    if (!slot.fromBrand) {
      group('sentiment', 'bar.sentimentGroup', SENTIMENTS, 'sentiment');
      group('noReplyNeeded', 'bar.noReplyNeeded', ['noReplyNeeded'], 'bar');
    }
    el.addEventListener('click', (e) => {
      const b = (e.target as Element).closest<HTMLButtonElement>('button[data-field]');
      if (!b || !act(e)) return;
      const field = b.dataset.field as keyof TagPatch;
      const view = current?.view;
      if (field === 'noReplyNeeded') opts.onTag({ noReplyNeeded: !view?.noReplyNeeded });
      else opts.onTag({ [field]: view?.[field as keyof MessageView] === b.dataset.tag ? null : b.dataset.tag } as TagPatch);
    });
    el.addEventListener('pointerenter', () => clearTimeout(closeTimer));
    el.addEventListener('pointerleave', (e) => act(e) && closeSoon());
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        close();
        more.focus({ preventScroll: true });
      }
    });
    el.addEventListener('focusout', (e) => {
      if (!e.relatedTarget || (!el.contains(e.relatedTarget as Node) && !line.contains(e.relatedTarget as Node))) closeSoon(0);
    });
    line.append(el);
    return el;
  }

  function drawChoice(): void {
    if (!choice || !current) return;
    const view = current.view;
    for (const b of choice.querySelectorAll<HTMLButtonElement>('button[data-field]')) {
      const field = b.dataset.field!;
      const pressed = field === 'noReplyNeeded' ? !!view?.noReplyNeeded : view?.[field as keyof MessageView] === b.dataset.tag;
      b.setAttribute('aria-pressed', String(pressed));
    }
    (choice.querySelector('.channel') as HTMLElement).hidden = view?.status !== 'escalated';
  }

  function drawPills(view: MessageView | undefined): void {
    const items: [string, string, string][] = [];
    if (view?.queryType) items.push(['queryType', view.queryType, label(`queryType.${view.queryType}`)]);
    if (view?.status) items.push(['status', view.status, label(`status.${view.status}`)]);
    if (view?.status === 'escalated' && view.channel) items.push(['channel', view.channel, label(`channel.${view.channel}`)]);
    if (view?.sentiment) items.push(['sentiment', view.sentiment, label(`sentiment.${view.sentiment}`)]);
    if (view?.noReplyNeeded) items.push(['noReplyNeeded', 'noReplyNeeded', label('bar.noReplyNeeded')]);
    const sig = items.map((i) => i[1]).join();
    if (pills.dataset.sig === sig) return;
    pills.dataset.sig = sig;
    pills.replaceChildren(
      ...items.map(([field, value, t]) => {
        const p = document.createElement('span');
        p.className = 'pill';
        p.dataset.field = field;
        p.dataset.tag = value;
        p.textContent = t;
        return p;
      }),
    );
  }

  function drawClock(view: MessageView | undefined, now: number): void {
    const parts: [string, string][] = [];
    const c = view?.clock;
    if (!slot.fromBrand && view && c && (view.waiting || view.latest)) {
      if (c.status === 'resolved' && c.cycleStart === null) {
        if (view.latest) parts.push(['done', label('bar.resolved')]);
      } else if (view.waiting && c.waitingSince !== null) {
        parts.push(['', text('bar.waiting', { duration: formatDuration(now - c.waitingSince) })]);
        if (c.deadline !== null) {
          const late = now > c.deadline;
          parts.push([late ? 'late' : 'left', text(late ? 'bar.late' : 'bar.left', { duration: formatDuration(c.deadline - now) })]);
        }
      } else if (view.latest && c.cycleStart !== null) parts.push(['', label('bar.answered')]);
      if (parts.length && view.latest && c.exchanged > 0) parts.push(['', messagesText(c.exchanged)]);
      if (parts.length && view.latest && c.escalationSuggested) parts.push(['escalate', label('bar2.escalateShort')]);
    }
    const sig = parts.map((p) => p.join(':')).join('|');
    if (clock.dataset.sig === sig) return;
    clock.dataset.sig = sig;
    clock.hidden = !parts.length;
    clock.title = parts.map((p) => p[1]).join(' · ');
    clock.replaceChildren(
      ...parts.map(([cls, t]) => {
        const s = document.createElement('span');
        if (cls) s.className = cls;
        s.textContent = t;
        if (cls === 'escalate') {
          // The short hint on the line; the full sentence for screen readers and on hover.
          const full = text('bar.escalate', { count: String(c!.exchanged) });
          s.setAttribute('role', 'note');
          s.setAttribute('aria-label', full);
          s.title = full;
        }
        return s;
      }),
    );
  }

  function drawNotice(message: string): void {
    close();
    if (notice.textContent !== message) notice.textContent = message;
    notice.title = message;
    notice.className = `bar notice${current?.paused ? ' paused' : ''}`;
    if (line.isConnected) line.replaceWith(notice);
    else if (!notice.isConnected) root.append(notice);
  }

  /** Brings the bar up to date with the store; touches the DOM only where something changed. */
  function update(s: BarState): void {
    current = s;
    if (s.paused) return drawNotice(pausedText(s.paused));
    if (!slot.id) return drawNotice(label(SKIPPED[slot.problem ?? 'no-permalink']));
    if (notice.isConnected) notice.replaceWith(line);
    const view = s.view;
    const quiet = slot.fromBrand || !!view?.noReplyNeeded || view?.status === 'resolved';
    line.classList.toggle('quiet', quiet);
    line.toggleAttribute('data-saving', s.saving);
    drawPills(view);
    drawClock(view, s.now);
    if (who && claim) {
      const mine = view?.sentBy === 'me';
      const whoText = label(mine ? 'bar.mine' : 'bar.teammate');
      who.textContent = view?.sentAsPerson ? label('fbPages.sentAsPerson', { who: whoText }) : whoText;
      who.classList.toggle('mine', mine);
      claim.textContent = label(mine ? 'bar.unclaim' : 'bar.claim');
    }
    const unreachable = s.saving && !s.error && s.storageProblem ? storageMessage(s.storageProblem) : '';
    const status = s.error ? text('bar.refused', { reason: s.error }) : unreachable || (s.saving ? label('bar.saving') : '');
    if (status && !state) {
      state = line.insertBefore(document.createElement('span'), choice);
      state.className = 'state';
    }
    if (state && state.textContent !== status) {
      state.textContent = status;
      state.title = status;
      const alert = !!s.error || !!unreachable;
      state.className = alert ? 'state error' : 'state saving';
      if (alert) state.setAttribute('role', 'alert');
      else state.removeAttribute('role');
    }
    if (isOpen()) drawChoice();
  }

  return {
    update,
    destroy(): void {
      close();
      clearTimeout(closeTimer);
      line.remove();
      notice.remove();
    },
  };
}

export type TagBar = ReturnType<typeof createTagBar>;

/** Why every bar is paused: the page's layout, or who the brand is on it (lib/overlay/identity.ts). */
function pausedText(paused: NonNullable<OverlayState['paused']>): string {
  const who = paused.identity;
  if (who?.kind === 'noBrand') return label('integrity.noBrand');
  if (who?.kind === 'otherAccount') return text('integrity.otherAccount', { shown: who.shown, kept: who.kept });
  return text('bar.paused', { missing: paused.missing.join(', ') });
}

/** "Threadmark can't reach its storage: …", shown in the bars whose tags wait for it. */
export function storageMessage(p: NonNullable<OverlayState['storageProblem']>): string {
  const reason = p.problem === 'failed' ? text('storage.reason.failed', { detail: p.detail }) : label(`storage.reason.${p.problem}`);
  return text('storage.unreachable', { reason });
}
