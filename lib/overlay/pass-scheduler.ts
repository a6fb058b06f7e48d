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
 *
 * `watchRoot`: a wider element to observe when the site may put new cells outside the list
 * found so far (Facebook: the post, since no capture says where it appends a page of
 * comments). A change there outside the list notes no cell but still brings a pass, whose
 * `attach()` then finds the wider list and makes it read every cell.
 */
/** Attributes a post's identity is read from (lib/sites/x/parse: permalink, author link, time). */
const IDENTITY_ATTRIBUTES = ['href', 'datetime'];

export function createListWatcher(
  listRoot: () => Element | null,
  onChange: () => void,
  ours: (node: Node) => boolean = () => false,
  watchRoot: () => Element | null = () => null,
) {
  let observer: MutationObserver | null = null;
  /** The element observed: the list, or the wider root holding it. */
  let observed: Element | null = null;
  /** The list whose children are the cells. */
  let list: Element | null = null;
  /** Children of the list added or changed since the last take; null: not known (read them all). */
  let changed: Set<Element> | null = null;

  const onlyOurs = (nodes: NodeList) => {
    for (let i = 0; i < nodes.length; i++) if (!ours(nodes[i]!)) return false;
    return true;
  };
  /** Notes the cell a change touched; false when the change was only the extension's own. */
  function note(r: MutationRecord): boolean {
    if (r.type !== 'attributes' && onlyOurs(r.addedNodes) && onlyOurs(r.removedNodes)) return false;
    if (!changed || !list) return true;
    if (r.target === list) {
      // Cells inserted (removed ones are simply gone).
      r.addedNodes.forEach((n) => n instanceof Element && changed!.add(n));
      return true;
    }
    let node: Node | null = r.target;
    while (node && node.parentNode !== list) node = node.parentNode;
    // Outside the list (in the wider root): no cell, but a pass looks whether the list grew.
    if (node instanceof Element) changed.add(node);
    return true;
  }

  return {
    attach(): void {
      const root = listRoot() ?? document.body;
      const wide = watchRoot();
      const watch = wide && wide !== root && wide.contains(root) ? wide : root;
      if (root !== list) {
        list = root;
        changed = null; // a new list: nothing read from it yet
      }
      if (watch === observed) return;
      observer?.disconnect();
      observer = new MutationObserver((records) => {
        let theirs = false;
        for (const r of records) if (note(r)) theirs = true;
        // The bars a pass just placed are no reason for another pass.
        if (theirs) onChange();
      });
      // A post's identity is its links and its time: should X ever point a kept cell at another
      // post by changing them in place, the cell must be read again, not kept from the last pass.
      observer.observe(watch, { childList: true, subtree: true, attributes: true, attributeFilter: IDENTITY_ATTRIBUTES });
      observed = watch;
      changed = null;
    },
    /**
     * The list's children added or changed since the last call, or null when that is not
     * known (a new list, the page body watched, or `forget()` since): then read every cell.
     */
    takeChanges(): ReadonlySet<Element> | null {
      // Changes made since the observer last reported (e.g. by the page's own frame callbacks).
      for (const r of observer?.takeRecords() ?? []) note(r);
      const out = list === document.body ? null : changed;
      changed = list && list !== document.body ? new Set() : null;
      return out;
    },
    /** What was read may be out of date (a pass stopped before reading): the next take says "not known". */
    forget(): void {
      changed = null;
    },
    /** The list is not found yet, or X replaced it: a pass should look again. */
    get stale(): boolean {
      return !list || list === document.body || !list.isConnected;
    },
    /** The list left the page. */
    get detached(): boolean {
      return !!list && !list.isConnected;
    },
    disconnect(): void {
      observer?.disconnect();
      observer = null;
      observed = null;
      list = null;
      changed = null;
    },
  };
}
