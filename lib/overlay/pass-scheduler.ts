import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * Least time between two passes over the page (see createPassScheduler). Each pass has fixed
 * costs (the thread-wide reads, the room's settle, a message to the background, a store
 * update per answer); at 250 ms instead of 100 X's added time fell by about 4 points (issue 7)
 * and nothing an agent sees is later: a bar draws only after its post stayed near the
 * viewport for 100 ms, a screen ahead of it, and its room is reserved from the start.
 */
export const MIN_PASS_GAP_MS = 250;

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
 *
 * It also notes which of the list's children (X's cells) the changes touched, so a pass can
 * read those again and keep what it read from the rest (`takeChanges`): the page changes a
 * few cells at a time, and a pass over every cell made each pass cost as much as the page.
 * `ours(node)`: nodes the extension itself adds or removes (the bar hosts), which change no
 * cell's content.
 */
/** Attributes a post's identity is read from (lib/sites/x/parse: permalink, author link, time). */
const IDENTITY_ATTRIBUTES = ['href', 'datetime'];

export function createListWatcher(listRoot: () => Element | null, onChange: () => void, ours: (node: Node) => boolean = () => false) {
  let observer: MutationObserver | null = null;
  let observed: Element | null = null;
  /** Children of the list added or changed since the last take; null: not known (read them all). */
  let changed: Set<Element> | null = null;

  const onlyOurs = (nodes: NodeList) => {
    for (let i = 0; i < nodes.length; i++) if (!ours(nodes[i]!)) return false;
    return true;
  };
  /** Notes the cell a change touched; false when the change was only the extension's own. */
  function note(r: MutationRecord): boolean {
    if (r.type !== 'attributes' && onlyOurs(r.addedNodes) && onlyOurs(r.removedNodes)) return false;
    if (!changed || !observed) return true;
    if (r.target === observed) {
      // Cells inserted (removed ones are simply gone).
      r.addedNodes.forEach((n) => n instanceof Element && changed!.add(n));
      return true;
    }
    let node: Node | null = r.target;
    while (node && node.parentNode !== observed) node = node.parentNode;
    if (node instanceof Element) changed.add(node);
    return true;
  }

  return {
    attach(): void {
      const root = listRoot() ?? document.body;
      if (root === observed) return;
      observer?.disconnect();
      observer = new MutationObserver((records) => {
        let theirs = false;
        for (const r of records) if (note(r)) theirs = true;
        // The bars a pass just placed are no reason for another pass.
        if (theirs) onChange();
      });
      // A post's identity is its links and its time: should X ever point a kept cell at another
      // post by changing them in place, the cell must be read again, not kept from the last pass.
      observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: IDENTITY_ATTRIBUTES });
      observed = root;
      changed = null; // a new list: nothing read from it yet
    },
    /**
     * The list's children added or changed since the last call, or null when that is not
     * known (a new list, the page body watched, or `forget()` since): then read every cell.
     */
    takeChanges(): ReadonlySet<Element> | null {
      // Changes made since the observer last reported (e.g. by the page's own frame callbacks).
      for (const r of observer?.takeRecords() ?? []) note(r);
      const out = observed === document.body ? null : changed;
      changed = observed && observed !== document.body ? new Set() : null;
      return out;
    },
    /** What was read may be out of date (a pass stopped before reading): the next take says "not known". */
    forget(): void {
      changed = null;
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
      changed = null;
    },
  };
}
