import { createRoot, type Root } from 'react-dom/client';
import type { OverlayStore } from '../../lib/overlay/store';
import type { TagPatch } from '../../lib/schema/records';
import { TagBar, type BarSlot } from './TagBar';

/** The element that hosts one bar's shadow root inside a post. */
export const BAR_TAG = 'threadmark-bar';

/**
 * Bars render when their post comes within this distance of the viewport (one screen above
 * and below), so scrolling never shows an empty one; until then the host only holds the
 * bar's height. A long thread keeps hundreds of posts in the page: rendering every bar
 * cost several ms per post (README "Performance").
 */
const NEAR_VIEWPORT = '100% 0px 100% 0px';
/** Height a bar takes before it renders (one row of chips), so the post does not jump. */
const PLACEHOLDER_HEIGHT = '30px';

export interface BarHandle {
  host: HTMLElement;
  slot: BarSlot | null;
  render(slot: BarSlot, onTag: (patch: TagPatch) => void): void;
  unmount(): void;
}

/**
 * Mounts bars: each in its own open shadow root (X's styles stay out, ours stay in), all
 * sharing one constructed stylesheet so a thousand bars parse the CSS once, each rendered
 * once it is near the viewport. `signal` ends the watching of the viewport.
 */
export function createBarMounter(store: OverlayStore, css: string, signal?: AbortSignal) {
  const sheet = makeSheet(css);
  /** Bars waiting to come near the viewport, by host. */
  const waiting = new Map<Element, () => void>();
  const near =
    typeof IntersectionObserver === 'function'
      ? new IntersectionObserver(
          (entries) => {
            for (const e of entries) {
              if (!e.isIntersecting) continue;
              near!.unobserve(e.target);
              const show = waiting.get(e.target);
              waiting.delete(e.target);
              show?.();
            }
          },
          { rootMargin: NEAR_VIEWPORT },
        )
      : null; // jsdom: render at once
  signal?.addEventListener('abort', () => near?.disconnect(), { once: true });

  /** Creates a detached bar; the runtime places it in the post. */
  return function mount(): BarHandle {
    const host = document.createElement(BAR_TAG);
    const shadow = host.attachShadow({ mode: 'open' });
    if (sheet) shadow.adoptedStyleSheets = [sheet];
    else shadow.append(Object.assign(document.createElement('style'), { textContent: css }));
    const container = document.createElement('div');
    shadow.append(container);
    // Keys typed in the bar are ours: X's single-key shortcuts must not see them.
    for (const type of ['keydown', 'keyup', 'keypress'] as const) host.addEventListener(type, (e) => e.stopPropagation());
    // Clicks in the bar must not open the post (X navigates on article clicks).
    host.addEventListener('click', (e) => e.stopPropagation());
    let root: Root | null = null;
    let latest: { slot: BarSlot; onTag: (patch: TagPatch) => void } | null = null;
    let shown = near === null;
    const draw = () => {
      if (!latest) return;
      root ??= createRoot(container);
      root.render(<TagBar slot={latest.slot} store={store} onTag={latest.onTag} />);
    };
    if (near) {
      host.style.minHeight = PLACEHOLDER_HEIGHT;
      waiting.set(host, () => {
        shown = true;
        host.style.minHeight = '';
        draw();
      });
      near.observe(host);
    }
    const handle: BarHandle = {
      host,
      slot: null,
      render(slot, onTag) {
        handle.slot = slot;
        latest = { slot, onTag };
        if (shown) draw();
      },
      unmount() {
        near?.unobserve(host);
        waiting.delete(host);
        root?.unmount();
        root = null;
        latest = null;
        host.remove();
      },
    };
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
