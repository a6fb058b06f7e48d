import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** Least time between two passes over the page (see createPassScheduler). */
export const MIN_PASS_GAP_MS = 100;

type Ctx = Pick<ContentScriptContext, 'setTimeout' | 'requestAnimationFrame' | 'isInvalid'>;

/**
 * One pass per burst of page changes: on the next frame, but at most one every
 * `minGapMs`. A pass reads every post on the page, and X changes the page many times a
 * second while the agent scrolls. A pass that throws is logged, never thrown into X's page.
 */
export function createPassScheduler(ctx: Ctx, pass: () => void, minGapMs = MIN_PASS_GAP_MS) {
  let frame = 0;
  let gapTimer: number | undefined;
  let lastPass = -Infinity;

  function schedule(): void {
    if (frame || gapTimer !== undefined || ctx.isInvalid) return;
    const wait = lastPass + minGapMs - performance.now();
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
        console.warn('Threadmark: pass failed', e);
      }
    });
  }
  return { schedule };
}

/**
 * Watches the list the site renders posts in (the page body until it exists) and calls
 * `onChange` on every change. `attach()` moves the observer when X replaces the list.
 */
export function createListWatcher(listRoot: () => Element | null, onChange: () => void) {
  let observer: MutationObserver | null = null;
  let observed: Element | null = null;
  return {
    attach(): void {
      const root = listRoot() ?? document.body;
      if (root === observed) return;
      observer?.disconnect();
      observer = new MutationObserver(onChange);
      observer.observe(root, { childList: true, subtree: true });
      observed = root;
    },
    /** The list is not found yet, or X replaced it: a pass should look again. */
    get stale(): boolean {
      return !observed || observed === document.body || !observed.isConnected;
    },
    /** The observed element left the page. */
    get detached(): boolean {
      return !!observed && !observed.isConnected;
    },
    disconnect(): void {
      observer?.disconnect();
      observer = null;
      observed = null;
    },
  };
}
