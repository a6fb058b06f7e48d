/**
 * The room a bar takes, reserved by CSS that is in the page before the site inserts a post.
 *
 * X's virtual list measures a new cell in the same task that inserts it; a bar added after
 * that (our MutationObserver runs later) grows the cell, X re-measures and moves every cell
 * below it: layout and paint per batch that the extension caused. With this sheet in the page
 * the site's first measurement already includes the bar's room, and the bar host is placed
 * over that room without taking any (the site's sheet positions it), so the cell never
 * changes size.
 *
 * The sheet applies only while `<html data-threadmark="<page kind>">` says bars show on this
 * page, and only to the posts the site's selector names; a post that matches it but gets no
 * bar (e.g. a recommended post) is marked `data-threadmark-nobar` and gives the room back.
 * The page may remove the sheet or the attributes: then a bar overlaps or pushes its post,
 * nothing else (records never depend on them).
 */

/** The bar's line (24 px) plus 2 px above and below: what a post grows by. */
export const BAR_ROOM_PX = 28;
/** On `<html>`: the page kind whose posts get a bar, while bars show. */
export const PAGE_ATTR = 'data-threadmark';
/** On a post that matches the site's selector but shows no bar. */
export const NOBAR_ATTR = 'data-threadmark-nobar';

/**
 * The two rules every site's sheet starts with: `room` (the posts that get a bar) grows by the
 * bar's room at its bottom, and `host` (their bar hosts) sits in that room, `left`/`right` px
 * from the post's edges. Both properties are set so the room and the host's place never depend
 * on the site's own classes.
 */
export function roomRules(room: string, host: string, inset: { left: number; right: number }): string {
  return (
    `${room} { position: relative; padding-bottom: ${BAR_ROOM_PX}px; }\n` +
    `${host} { position: absolute; left: ${inset.left}px; right: ${inset.right}px; bottom: 2px; margin: 0; }\n`
  );
}

export interface BarSpaceSpec {
  /** Every post that gets a bar, under `html[data-threadmark="<kind>"]` (a selector list). */
  posts: string;
  /** The whole sheet: the room on `posts` and the host's place in it. */
  css: string;
  /**
   * A simple selector every element of `posts` matches (X: `article`), to look for them in a
   * changed part of the page; without it the whole page is searched each time.
   */
  candidates?: string;
}

export function createBarSpace(spec: BarSpaceSpec, doc: Document = document) {
  let style: HTMLStyleElement | null = null;
  const marked = new Set<Element>();
  /** The sheet or the page kind changed since the last settle: look at every post again. */
  let everything = true;
  /** The posts the sheet gives room to, in `within` (and `within` itself) or in the whole page. */
  function* roomed(within: Iterable<Element> | null): Iterable<Element> {
    if (!within || !spec.candidates) return yield* doc.querySelectorAll(spec.posts);
    for (const part of within) {
      if (!part.isConnected) continue;
      if (part.matches(spec.posts)) yield part;
      for (const el of part.querySelectorAll(spec.candidates)) if (el.matches(spec.posts)) yield el;
    }
  }
  return {
    /** Bars show on a page of this kind: the sheet is in the page (again, if the page removed it). */
    on(kind: string): void {
      if (!style) {
        style = doc.createElement('style');
        style.textContent = spec.css;
      }
      if (!style.isConnected) {
        (doc.head ?? doc.documentElement).append(style);
        everything = true;
      }
      if (doc.documentElement.getAttribute(PAGE_ATTR) !== kind) {
        doc.documentElement.setAttribute(PAGE_ATTR, kind);
        everything = true;
      }
    },
    /** No bars on this page: no room anywhere. */
    off(): void {
      if (doc.documentElement.hasAttribute(PAGE_ATTR)) doc.documentElement.removeAttribute(PAGE_ATTR);
    },
    /**
     * Posts the sheet gives room to but that have no bar give it back; a post that got a bar
     * since takes it again. `barred`: the posts showing a bar. `changed`: the only parts of
     * the page (the list's cells) that changed since the last settle, when the caller knows;
     * the rest of the page is as the last settle left it.
     */
    settle(barred: { has(el: Element): boolean }, changed: Iterable<Element> | null = null): void {
      for (const el of marked) {
        if (!el.isConnected || barred.has(el)) {
          el.removeAttribute(NOBAR_ATTR);
          marked.delete(el);
        }
      }
      for (const el of roomed(everything ? null : changed)) {
        if (barred.has(el)) continue;
        el.setAttribute(NOBAR_ATTR, '');
        marked.add(el);
      }
      everything = false;
    },
    /** The extension stops: the page is as it was. */
    remove(): void {
      this.off();
      style?.remove();
      for (const el of marked) el.removeAttribute(NOBAR_ATTR);
      marked.clear();
    },
  };
}

export type BarSpace = ReturnType<typeof createBarSpace>;
