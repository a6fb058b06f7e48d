import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { MessageView, ObserveInput, PeekInput, TagInput } from '../messaging/protocol';
import type { Observation, Settings, TagPatch } from '../schema/records';
import type { TextNote } from '../schema/taxonomy';
import type { PostSlot, SiteAdapter, ThreadPost } from '../sites/types';
import { createOutbox } from './outbox';
import { toObservation, toObservations, type ReadyPost } from './observation';
import { createTabIdentity } from './identity';
import { matchPending, type PendingReply } from './own-replies';
import { shortcutFor } from './shortcuts';
import { acknowledge, createOverlayStore, optimisticTag, putViews, setStorageProblem, settleFailed } from './store';

/** What the runtime needs from a bar implementation (React in production, anything in tests). */
export interface BarHandleLike {
  host: HTMLElement;
  slot: { id: string | null } | null;
  render(slot: { id: string | null; problem: PostSlot['problem']; fromBrand: boolean; textNote?: TextNote }, onTag: (patch: TagPatch) => void): void;
  unmount(): void;
}

export interface OverlayDeps {
  adapter: SiteAdapter;
  ctx: ContentScriptContext;
  api: {
    observe(data: ObserveInput): Promise<MessageView[]>;
    peek(data: PeekInput): Promise<MessageView[]>;
    tag(data: TagInput): Promise<MessageView>;
  };
  settings: { get(): Promise<Settings>; watch(cb: (s: Settings) => void): () => void };
  mountBar(store: ReturnType<typeof createOverlayStore>): () => BarHandleLike;
  /** How long the page may show posts without a recognisable list before the bars say "paused". */
  layoutGraceMs?: number;
}

const CHUNK = 200;
/** Least time between two passes over the page (see schedule). */
export const MIN_PASS_GAP_MS = 100;
/**
 * After a tag the other posts' views (case clocks) are read again, once per burst: this long
 * after the last tag, and at least this often while the agent keeps tagging. One refresh per
 * tag queued a page-wide peek behind every write (1,000 tags: 1,000 peeks of 1,000 posts).
 */
export const REFRESH_AFTER_TAG_MS = 300;
export const REFRESH_AFTER_TAG_MAX_MS = 2000;

/**
 * The content-script runtime for one site: watches the page, mounts a bar in every post,
 * sends sightings and tags to the background, and tears everything down through `ctx`.
 */
export function startOverlay(deps: OverlayDeps) {
  const { adapter, ctx, api } = deps;
  const store = createOverlayStore();
  const mount = deps.mountBar(store);
  const outbox = createOutbox({ signal: ctx.signal, onProblem: (problem) => setStorageProblem(store, problem) });
  const bars = new Map<HTMLElement, BarHandleLike>();
  const parseCache = new WeakMap<Element, { sig: string; slot: PostSlot }>();
  const pending: PendingReply[] = [];
  const identity = createTabIdentity();
  let settings: Settings | null = null;
  let page = newPageState();
  let observer: MutationObserver | null = null;
  let observed: Element | null = null;
  let frame = 0;
  let gapTimer: number | undefined;
  let lastPass = -Infinity;
  let refreshTimer: number | undefined;
  let refreshDue = 0;

  function newPageState() {
    return {
      url: location.href,
      startedAt: Date.now(),
      /** id → signature of the last observation sent from this page. */
      sent: new Map<string, string>(),
      /** This conversation is stored (a brand post or a tag is in it). */
      tracked: false,
      posts: new Map<string, ReadyPost>(),
      /** The focused post, for posts whose root the adapter does not know. */
      focusedId: null as string | null,
    };
  }

  const cachedParse = (el: Element): PostSlot => {
    const sig = adapter.signature(el);
    const hit = parseCache.get(el);
    if (hit && hit.sig === sig) return hit.slot;
    const slot = adapter.parsePost(el);
    parseCache.set(el, { sig, slot });
    return slot;
  };

  /** Brand identities (settings + the account remembered for this tab) and whether they are known: lib/overlay/identity.ts. */
  function brandIdentity() {
    return identity.resolve(settings?.brandHandles[adapter.platform] ?? [], adapter.loggedInHandle(document));
  }

  function brandSet(): Set<string> {
    return brandIdentity().brand;
  }

  /**
   * One pass per burst of page changes: on the next frame, but at most one every
   * MIN_PASS_GAP_MS. A pass reads every post on the page, and X changes the page many
   * times a second while the agent scrolls.
   */
  function schedule() {
    if (frame || gapTimer !== undefined || ctx.isInvalid) return;
    const wait = lastPass + MIN_PASS_GAP_MS - performance.now();
    if (wait > 0) {
      gapTimer = ctx.setTimeout(() => {
        gapTimer = undefined;
        schedule();
      }, wait);
      return;
    }
    frame = ctx.requestAnimationFrame(() => {
      frame = 0;
      lastPass = performance.now();
      try {
        pass();
      } catch (e) {
        // Never throw into X's page: log and keep the page working.
        console.warn('Threadmark: pass failed', e);
      }
    });
  }

  function attach() {
    const root = adapter.listRoot(document) ?? document.body;
    if (root === observed) return;
    observer?.disconnect();
    observer = new MutationObserver(schedule);
    observer.observe(root, { childList: true, subtree: true });
    observed = root;
  }

  function pass() {
    if (!settings) return;
    if (location.href !== page.url) page = newPageState();
    attach();
    const url = new URL(location.href);
    const kind = adapter.pageKind(url);
    sweep();
    if (kind === 'other') {
      for (const h of bars.values()) h.unmount();
      bars.clear();
      return;
    }
    const read = adapter.readThread(document, url, cachedParse);
    const grace = Date.now() - page.startedAt > (deps.layoutGraceMs ?? 3000);
    const who = brandIdentity();
    const layoutPaused = !read.layoutOk && (read.posts.length > 0 || grace) ? { missing: read.missing } : null;
    // Without a known brand every post would be classified as a customer's: pause instead of guessing.
    const paused = layoutPaused ?? (who.problem ? { missing: [], identity: who.problem } : null);
    if (JSON.stringify(paused) !== JSON.stringify(store.getState().paused)) store.setState({ paused });

    const brand = who.brand;
    for (const tp of read.posts) renderBar(tp, brand);
    if (paused) return;

    const ready = read.posts.filter((p): p is ReadyPost => !!p.post);
    page.focusedId = ready.find((p) => p.role === 'focused')?.post.id ?? page.focusedId;
    const observations = toObservations(adapter.platform, ready, brand, page.focusedId);
    ready.forEach((p) => page.posts.set(p.post.id, p));
    claimOwnReplies(observations, brand);
    const fresh = observations.filter((o) => page.sent.get(o.id) !== signatureOf(o));
    if (!fresh.length) return;
    for (const o of fresh) page.sent.set(o.id, signatureOf(o));
    if (kind === 'conversation' && (page.tracked || observations.some((o) => o.fromBrand))) {
      page.tracked = true;
      void sendObservations(fresh);
    } else {
      void peek(fresh.map((o) => o.id)).then((views) => {
        if (kind === 'conversation' && !page.tracked && views.some((v) => v.stored)) {
          page.tracked = true;
          void sendObservations(observations);
        }
      });
    }
  }

  function renderBar(tp: ThreadPost, brand: Set<string>) {
    let handle = bars.get(tp.element);
    if (handle && !tp.element.contains(handle.host)) place(tp.element, handle.host); // X re-rendered the post
    if (!handle) {
      handle = mount();
      place(tp.element, handle.host);
      bars.set(tp.element, handle);
    }
    const id = tp.post?.id ?? null;
    const fromBrand = !!tp.post && brand.has(tp.post.author);
    const textNote = tp.post?.textNote;
    const prev = handle.slot as { id: string | null; problem: unknown; fromBrand: boolean; textNote?: TextNote } | null;
    if (prev && prev.id === id && prev.problem === tp.problem && prev.fromBrand === fromBrand && prev.textNote === textNote) return;
    handle.render({ id, problem: tp.problem, fromBrand, ...(textNote ? { textNote } : {}) }, (patch) => id && tag(id, patch));
  }

  /** Under the post's action row when the adapter knows it, else at the end of the post. */
  function place(article: HTMLElement, host: HTMLElement) {
    const after = adapter.barAnchor?.(article);
    if (after && after.parentElement && article.contains(after)) {
      if (after.nextSibling !== host) after.after(host);
    } else if (host.parentElement !== article) article.append(host);
  }

  /** Unmounts bars whose post left the page (X's virtual list drops far-away cells). */
  function sweep() {
    for (const [el, h] of bars) {
      if (!el.isConnected) {
        h.unmount();
        bars.delete(el);
      }
    }
  }

  function claimOwnReplies(observations: Observation[], brand: Set<string>) {
    if (!pending.length) return;
    const now = Date.now();
    for (const o of observations) {
      if (!o.fromBrand || page.sent.has(o.id)) continue;
      const p = page.posts.get(o.id)!;
      const i = matchPending(pending, { id: o.id, text: o.text, truncated: p.post.truncated, idTime: adapter.idTime(o.id) }, now);
      if (i < 0) continue;
      const [claim] = pending.splice(i, 1);
      const obs = toObservation(adapter.platform, p, brand, page.posts, claim!.replyTo ?? p.inReplyTo, page.focusedId);
      page.tracked = true;
      void tag(o.id, { sentBy: 'me' }, obs);
    }
  }

  async function sendObservations(items: Observation[]) {
    for (let i = 0; i < items.length; i += CHUNK) {
      const chunk = items.slice(i, i + CHUNK);
      try {
        putViews(store, await outbox.send(() => api.observe({ items: chunk })));
      } catch (e) {
        // Let a later pass try again.
        for (const o of chunk) page.sent.delete(o.id);
        console.warn('Threadmark: could not store posts', e);
      }
    }
  }

  async function peek(ids: string[]): Promise<MessageView[]> {
    const out: MessageView[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      try {
        const views = await outbox.send(() => api.peek({ platform: adapter.platform, ids: ids.slice(i, i + 500) }));
        putViews(store, views);
        out.push(...views);
      } catch (e) {
        console.warn('Threadmark: could not read tags', e);
      }
    }
    return out;
  }

  async function tag(id: string, patch: TagPatch, observation?: Observation) {
    const p = page.posts.get(id);
    const obs = observation ?? (p ? toObservation(adapter.platform, p, brandSet(), page.posts, p.inReplyTo, page.focusedId) : undefined);
    if (!obs) return;
    const undo = optimisticTag(store, id, patch);
    try {
      acknowledge(store, id, await outbox.send(() => api.tag({ observation: obs, patch })));
      if (!page.tracked && adapter.pageKind(new URL(location.href)) === 'conversation') {
        // The first tag makes the conversation tracked: store its other posts for context.
        page.tracked = true;
        const brand = brandSet();
        void sendObservations(toObservations(adapter.platform, [...page.posts.values()], brand, page.focusedId));
      } else {
        refreshSoon(); // a tag can change the clock of every post in the case
      }
    } catch (e) {
      // The write may have been stored before it failed (a worker stopped before answering):
      // show what is stored, not a guess.
      const [stored] = await peek([id]);
      settleFailed(store, id, patch, e instanceof Error ? e.message.replace(/^.*?: /, '') : String(e), stored, undo);
    }
  }

  /** Debounced refreshViews: REFRESH_AFTER_TAG_MS after the last call, at most REFRESH_AFTER_TAG_MAX_MS after the first. */
  function refreshSoon() {
    const now = Date.now();
    if (refreshTimer === undefined) refreshDue = now + REFRESH_AFTER_TAG_MAX_MS;
    else clearTimeout(refreshTimer);
    refreshTimer = ctx.setTimeout(() => {
      refreshTimer = undefined;
      void refreshViews();
    }, Math.max(0, Math.min(REFRESH_AFTER_TAG_MS, refreshDue - now)));
  }

  async function refreshViews() {
    const ids = [...page.posts.keys()];
    if (ids.length) await peek(ids);
  }

  function onKeyDown(e: KeyboardEvent) {
    const target = e.target as Element | null;
    if (!target || e.defaultPrevented) return;
    if (adapter.composer.isTextbox(target) && e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      rememberDraft(target);
      return;
    }
    if (isEditable(target)) return;
    const action = shortcutFor(e);
    if (!action) return;
    const article = [...bars.keys()].find((el) => el === target || el.contains(target));
    const id = article && bars.get(article)?.slot?.id;
    if (!id || store.getState().paused) return;
    e.preventDefault();
    e.stopPropagation();
    if ('toggle' in action) void tag(id, { noReplyNeeded: !store.getState().views[id]?.noReplyNeeded });
    else {
      const view = store.getState().views[id];
      const [[field, value]] = Object.entries(action.patch) as [[keyof TagPatch, unknown]];
      // Pressing the key of the tag already set clears it, like clicking the chip again.
      void tag(id, { [field]: view && view[field as keyof MessageView] === value ? null : value } as TagPatch);
    }
  }

  function onClick(e: MouseEvent) {
    const target = e.target as Element | null;
    if (target && adapter.composer.isSubmit(target)) rememberDraft(target);
  }

  function rememberDraft(from: Element) {
    const text = adapter.composer.draftText(from, document);
    if (!text.trim()) return;
    pending.push({
      text,
      replyTo: adapter.composer.replyTarget(from, document, new URL(location.href)),
      submittedAt: Date.now(),
      // Whatever the page already shows cannot be the reply being sent (issue 11 §4).
      seenBefore: new Set(page.posts.keys()),
    });
    if (pending.length > 20) pending.shift();
  }

  // Wiring: everything goes through ctx so it is torn down when the script is invalidated.
  ctx.addEventListener(window, 'keydown', onKeyDown, { capture: true });
  ctx.addEventListener(window, 'click', onClick, { capture: true });
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    page = newPageState();
    schedule();
  });
  ctx.addEventListener(window, 'popstate', schedule);
  ctx.setInterval(() => {
    store.setState({ now: Date.now() });
    if (observed && !observed.isConnected) schedule();
  }, 30_000);
  ctx.setInterval(() => void refreshViews(), 60_000);
  // Until X has rendered the list, look for it a few times a second (cheap: one querySelector).
  ctx.setInterval(() => {
    if (!observed || observed === document.body || !observed.isConnected) schedule();
  }, 500);
  const unwatch = deps.settings.watch((s) => {
    settings = s;
    for (const h of bars.values()) h.slot = null; // re-render: brand identities may have changed
    schedule();
  });
  ctx.onInvalidated(() => {
    unwatch();
    observer?.disconnect();
    for (const h of bars.values()) h.unmount();
    bars.clear();
  });
  void deps.settings.get().then((s) => {
    settings = s;
    schedule();
  });

  return { store, pass, bars };
}

function signatureOf(o: Observation): string {
  return `${o.rootId}|${o.inReplyTo}|${o.fromBrand}|${o.customer}|${o.at}|${o.text.length}`;
}

function isEditable(el: Element): boolean {
  return (el as HTMLElement).isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || !!el.closest('[contenteditable="true"]');
}
