import { MIN_PASS_GAP_MS, type BarHandleLike, type BarSlot } from '../../../lib/overlay/runtime';
import type { TagPatch } from '../../../lib/schema/records';
import type { ConversationPage } from '../../fixtures/x/conversation-page';

/**
 * What the runtime tests against the real X adapter and handlers share: page loading, a
 * settle step for the pass scheduler, and bars as plain records (the DOM bar has its own tests).
 */
export interface FakeBar extends BarHandleLike {
  onTag: (patch: TagPatch) => void;
}

/**
 * Lets passes, writes and refreshes run: a few frames and timers, and at least the least gap
 * between two passes (a change made just after a pass is read by the next one, that late).
 */
export async function flush(): Promise<void> {
  const until = performance.now() + MIN_PASS_GAP_MS + 20;
  for (let i = 0; i < 5 || performance.now() < until; i++) {
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Shows a generated X page in jsdom at its own path. */
export function loadPage(page: ConversationPage): void {
  window.history.replaceState(null, '', new URL(page.url).pathname);
  document.documentElement.innerHTML = new DOMParser().parseFromString(page.html, 'text/html').documentElement.innerHTML;
}

/** A `mountBar` for startOverlay whose bars record their slot and tag callback. */
export function fakeBars() {
  const bars: FakeBar[] = [];
  const mountBar = () => (): FakeBar => {
    const bar: FakeBar = {
      host: document.createElement('threadmark-bar'),
      slot: null,
      onTag: () => {},
      render(slot: BarSlot, onTag: (p: TagPatch) => void) {
        bar.slot = slot;
        bar.onTag = onTag;
      },
      unmount() {
        bar.host.remove();
      },
    };
    bars.push(bar);
    return bar;
  };
  return { bars, mountBar, barFor: (id: string) => bars.find((b) => b.slot?.id === id && b.host.isConnected) };
}
