import type { BarHandleLike, BarSlot } from '../../lib/overlay/bar-registry';
import type { OverlayState, OverlayStore } from '../../lib/overlay/store';
import type { TagPatch } from '../../lib/schema/records';
import { createTagBar, type BarState, type TagBar } from './tag-bar';
import { readTheme, themeCss } from './theme';

/** The element that hosts one bar's shadow root inside a post. */
export const BAR_TAG = 'threadmark-bar';

/**
 * Bars render when their post comes within this distance of the viewport (one screen above
 * and below), so scrolling never shows an empty one; until then the host holds exactly the
 * bar's height (the :host rule), or, with `hostsOnDraw`, the page's sheet holds the room and
 * the host is not in the post yet: either way the post is the same height before and after.
 */
const NEAR_VIEWPORT = '100% 0px 100% 0px';
/**
 * …and once it has stayed there this long: a post the list or the agent scrolls past faster
 * (X adds and drops cells many times a second while the agent flings through a thread) is
 * never drawn, which was most of the bars' style, layout and paint (issue 7). A screen ahead
 * of the viewport, 100 ms is long before a person scrolling reads the post.
 */
export const NEAR_DWELL_MS = 100;
/** How often the bars look at X's theme and font size again (the agent may switch them). */
const THEME_EVERY_MS = 5000;

/**
 * Each bar's shadow root is closed, so a page script cannot reach in and press its
 * controls; tests reach it here (a module variable the page cannot see).
 */
const shadows = new WeakMap<Element, ShadowRoot>();
export function shadowOfBar(host: Element): ShadowRoot | undefined {
  return shadows.get(host);
}

export interface BarMounterOptions {
  signal?: AbortSignal;
  /** Only events a person caused act (the default). Component tests pass their own. */
  acts?: (e: Event) => boolean;
  /**
   * A bar's host goes into its post only when the bar draws (`placeWhenDrawn`); until then the
   * post itself is watched. For sites whose sheet reserves the room (lib/overlay/bar-space.ts):
   * a placed host, even empty, is a positioned box per post that the page's every style,
   * layout and paint walk (issue 7: ~5 points of X's added time).
   */
  hostsOnDraw?: boolean;
}

/**
 * Mounts bars: plain DOM, each in its own closed shadow root (X's styles stay out, ours stay
 * in), all sharing one constructed stylesheet so a thousand bars parse the CSS once, each
 * rendered once it is near the viewport, all kept up to date by one store subscription.
 */
export function createBarMounter(store: OverlayStore, css: string, opts: BarMounterOptions = {}) {
  const acts = opts.acts ?? ((e: Event) => e.isTrusted);
  const sheet = makeSheet(css);
  const theme = makeSheet('');
  let themeText = '';
  const syncTheme = () => {
    const next = themeCss(readTheme(document));
    if (next === themeText || !theme) return;
    themeText = next;
    theme.replaceSync(next);
  };
  syncTheme();
  const themeTimer = setInterval(syncTheme, THEME_EVERY_MS);
  /** Shown bars by post id, for the store subscription. */
  const byId = new Map<string, Set<Shown>>();
  const all = new Set<Shown>();
  /** What each undrawn bar watches (its host, or its post with `hostsOnDraw`) and what draws it. */
  const waiting = new Map<Element, () => void>();
  /** Watched elements near the viewport now, not drawn yet, and since when (the observer's clock: performance.now()). */
  const nearSince = new Map<Element, number>();
  let dwellTimer: ReturnType<typeof setTimeout> | undefined;
  /** Draws the bars whose post stayed near long enough; looks again when the next one is due. */
  const drawDwelt = () => {
    dwellTimer = undefined;
    const now = performance.now();
    let next = Infinity;
    for (const [target, since] of nearSince) {
      const due = since + NEAR_DWELL_MS;
      if (due > now) {
        next = Math.min(next, due);
        continue;
      }
      nearSince.delete(target);
      // Gone with its cell: still observed, so it counts again if the page puts it back.
      if (!target.isConnected) continue;
      near!.unobserve(target);
      const show = waiting.get(target);
      waiting.delete(target);
      show?.();
    }
    if (next < Infinity) dwellTimer = setTimeout(drawDwelt, next - now);
  };
  const near =
    typeof IntersectionObserver === 'function'
      ? new IntersectionObserver(
          (entries) => {
            for (const e of entries) {
              if (e.isIntersecting) nearSince.set(e.target, e.time);
              else nearSince.delete(e.target);
            }
            if (nearSince.size && dwellTimer === undefined) dwellTimer = setTimeout(drawDwelt, NEAR_DWELL_MS);
          },
          { rootMargin: NEAR_VIEWPORT },
        )
      : null; // jsdom: render at once

  interface Shown {
    slot: BarSlot;
    bar: TagBar;
    /** What the bar last drew from the store (the store writes views in place: lib/overlay/store.ts). */
    drawn: BarState;
  }
  const stateOf = (s: OverlayState, id: string | null): BarState => ({
    view: id ? s.views[id] : undefined,
    saving: id ? (s.saving[id] ?? 0) > 0 : false,
    error: id ? s.errors[id] : undefined,
    paused: s.paused,
    now: s.now,
    storageProblem: s.storageProblem,
  });
  const redraw = (b: Shown, s: OverlayState) => {
    b.drawn = stateOf(s, b.slot.id);
    b.bar.update(b.drawn);
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.paused !== prev.paused || s.now !== prev.now || s.storageProblem !== prev.storageProblem) {
      for (const b of all) redraw(b, s);
      return;
    }
    // Only the bars drawn are compared, with what each drew: the store keeps a view of every
    // post seen on the page (a thousand on a long thread), and this runs once per answer.
    for (const [id, set] of byId) {
      const saving = (s.saving[id] ?? 0) > 0;
      for (const b of set) if (s.views[id] !== b.drawn.view || saving !== b.drawn.saving || s.errors[id] !== b.drawn.error) redraw(b, s);
    }
  });
  opts.signal?.addEventListener(
    'abort',
    () => {
      near?.disconnect();
      clearTimeout(dwellTimer);
      unsubscribe();
      clearInterval(themeTimer);
    },
    { once: true },
  );

  /** Creates a detached bar; the runtime places it in the post. */
  return function mount(): BarHandleLike {
    const host = document.createElement(BAR_TAG);
    const shadow = host.attachShadow({ mode: 'closed' });
    shadows.set(host, shadow);
    if (sheet && theme) shadow.adoptedStyleSheets = [sheet, theme];
    else shadow.append(Object.assign(document.createElement('style'), { textContent: css }));
    // One element holds the bar, so tests can query it as a container.
    const box = shadow.appendChild(document.createElement('div'));
    box.className = 'root';
    // Keys typed in the bar are ours: X's single-key shortcuts must not see them.
    for (const type of ['keydown', 'keyup', 'keypress'] as const) host.addEventListener(type, (e) => e.stopPropagation());
    // Clicks in the bar must not open the post (X navigates on article clicks).
    host.addEventListener('click', (e) => e.stopPropagation());
    let shown: Shown | null = null;
    let latest: { slot: BarSlot; onTag: (patch: TagPatch) => void } | null = null;
    let visible = near === null;
    /** What this bar watches until it draws; `placeHost`: puts the host in its post (hostsOnDraw). */
    let watched: Element | null = null;
    let placeHost: (() => void) | null = null;
    const stopWatching = () => {
      if (!watched) return;
      near?.unobserve(watched);
      waiting.delete(watched);
      nearSince.delete(watched);
      watched = null;
    };
    const watch = (target: Element) => {
      if (!near || watched === target) return;
      stopWatching();
      watched = target;
      waiting.set(target, () => {
        watched = null;
        visible = true;
        placeHost?.();
        draw();
      });
      near.observe(target);
    };
    const forget = () => {
      if (!shown) return;
      all.delete(shown);
      const set = shown.slot.id ? byId.get(shown.slot.id) : undefined;
      set?.delete(shown);
      if (set && !set.size) byId.delete(shown.slot.id!);
      shown.bar.destroy();
      shown = null;
    };
    const draw = () => {
      if (!latest) return;
      forget();
      const { slot, onTag } = latest;
      const bar = createTagBar(box, slot, { onTag, acts });
      shown = { slot, bar, drawn: stateOf(store.getState(), slot.id) };
      all.add(shown);
      if (slot.id) {
        let set = byId.get(slot.id);
        if (!set) byId.set(slot.id, (set = new Set()));
        set.add(shown);
      }
      bar.update(shown.drawn);
    };
    const handle: BarHandleLike = {
      host,
      slot: null,
      render(slot, onTag) {
        handle.slot = slot;
        latest = { slot, onTag };
        if (visible) draw();
        else if (!watched) watch(host);
      },
      unmount() {
        stopWatching();
        placeHost = null;
        forget();
        latest = null;
        host.remove();
      },
    };
    if (opts.hostsOnDraw) {
      handle.placeWhenDrawn = (post, place) => {
        placeHost = place;
        if (visible) place();
        else watch(post);
      };
    }
    return handle;
  };
}

function makeSheet(css: string): CSSStyleSheet | null {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    return sheet;
  } catch {
    return null; // jsdom and old engines: fall back to a <style> per bar
  }
}
