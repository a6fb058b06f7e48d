import { createRoot, type Root } from 'react-dom/client';
import type { OverlayStore } from '../../lib/overlay/store';
import type { TagPatch } from '../../lib/schema/records';
import { TagBar, type BarSlot } from './TagBar';

/** The element that hosts one bar's shadow root inside a post. */
export const BAR_TAG = 'threadmark-bar';

export interface BarHandle {
  host: HTMLElement;
  slot: BarSlot | null;
  render(slot: BarSlot, onTag: (patch: TagPatch) => void): void;
  unmount(): void;
}

/**
 * Mounts bars: each in its own open shadow root (X's styles stay out, ours stay in), all
 * sharing one constructed stylesheet so a thousand bars parse the CSS once.
 */
export function createBarMounter(store: OverlayStore, css: string) {
  const sheet = makeSheet(css);

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
    let root: Root | null = createRoot(container);
    const handle: BarHandle = {
      host,
      slot: null,
      render(slot, onTag) {
        handle.slot = slot;
        root?.render(<TagBar slot={slot} store={store} onTag={onTag} />);
      },
      unmount() {
        root?.unmount();
        root = null;
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
