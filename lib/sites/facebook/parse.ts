/**
 * Reading a Page post and its comment threads out of facebook.com's DOM. Pure functions of
 * the elements: no state, no layout reads, never throw. Ids come only from permalinks
 * (`comment_id` / `reply_comment_id`); a comment without one is a slot with a problem, never
 * a guessed id. Times are left as the text the page shows: relative-time.ts and times.ts
 * turn them into an interval or an exact time.
 */
import { authorRefOf, authorRefOfUrl, cleanUrl, commentRefOf, commentRefOfUrl, fbUrl, mayNameComment, postRefOf } from './ids';
import { SEL } from './selectors';

export type FbProblem = 'no-permalink' | 'no-author' | 'duplicate' | 'unreadable';

export interface FbComment {
  /** Comment id (legacy fbid, digits). */
  id: string;
  /** Top-level comment of the thread: the conversation root (itself at depth 0). */
  topId: string;
  /** Direct parent from the page structure, checked against the permalink; null when the page does not say. */
  parentId: string | null;
  /** 0 top-level, 1 reply, 2 reply to a reply; null when a reply's place is not known. */
  depth: 0 | 1 | 2 | null;
  /** Numeric author id (`profile.php?id=`); null when the link uses a vanity path. */
  authorId: string | null;
  /** Lower-cased vanity path, when the author link uses one. */
  authorVanity: string | null;
  authorName: string;
  /** Numeric post id from the author link's base64 token (`comment:<post>_<comment>`), when it names this comment. */
  postId: string | null;
  text: string;
  /** What the page shows as the time ("2h", "hace 2 h", "Just now"). */
  timeText: string;
  /** The comment's permalink without tracking parameters. */
  permalink: string;
}

export interface FbCommentSlot {
  element: Element;
  comment: FbComment | null;
  problem: FbProblem | null;
}

/** Depth-first over the elements under `root`, skipping (not entering) nested comment articles. */
function ownElements(root: Element, fn: (el: Element) => void): void {
  const stack: Element[] = [];
  for (let c = root.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  while (stack.length) {
    const el = stack.pop()!;
    if (el.getAttribute('role') === 'article') continue;
    fn(el);
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  }
}

/** Visible text; emoji images as their alt text. */
export function textOf(node: Node): string {
  let out = '';
  const walk = (n: Node) => {
    if (n.nodeType === 3) {
      out += n.nodeValue ?? '';
      return;
    }
    if (n.nodeType !== 1) return;
    const el = n as Element;
    if (el.tagName === 'IMG') {
      out += el.getAttribute('alt') ?? '';
      return;
    }
    if (el.tagName === 'SCRIPT' || el.tagName === 'STYLE') return;
    if (el.tagName === 'BR') out += '\n';
    for (let c = el.firstChild; c; c = c.nextSibling) walk(c);
  };
  walk(node);
  return out;
}

/** The elements a comment was read from: while they are in place and unchanged, so is the comment. */
interface CommentParts {
  timeLink: Element;
  authorLink: Element;
  textEl: Element | null;
}

function readComment(article: Element): { slot: FbCommentSlot; parts: CommentParts | null } {
  try {
    let timeLink: Element | null = null;
    let timeUrl: URL | null = null;
    let ref: ReturnType<typeof commentRefOf> = null;
    let authorLink: Element | null = null;
    let author: ReturnType<typeof authorRefOf> = null;
    let textEl: Element | null = null;
    ownElements(article, (el) => {
      if (el.tagName === 'A') {
        const href = el.getAttribute('href');
        // Each link's href is parsed at most once (the author link's is asked both questions).
        let u: URL | null | undefined;
        const url = () => (u === undefined ? (u = fbUrl(href)) : u);
        if (!ref && mayNameComment(href)) {
          const r = commentRefOfUrl(url());
          if (r) {
            ref = r;
            timeLink = el;
            timeUrl = url();
            return;
          }
        }
        if (!authorLink && el.getAttribute('role') === 'link') {
          const a = authorRefOfUrl(url());
          if (a) {
            authorLink = el;
            author = a;
          }
        }
      } else if (!textEl && el.tagName === 'DIV' && el.getAttribute('dir') === 'auto' && el.parentElement?.closest('span[lang]')) {
        textEl = el;
      }
    });
    if (!ref || !timeLink || !timeUrl) return { slot: { element: article, comment: null, problem: 'no-permalink' }, parts: null };
    if (!authorLink || !author) return { slot: { element: article, comment: null, problem: 'no-author' }, parts: null };
    const r = ref as ReturnType<typeof commentRefOf> & object;
    const a = author as NonNullable<ReturnType<typeof authorRefOf>>;
    const tl = timeLink as Element;
    const tu = timeUrl as URL;
    const comment: FbComment = {
      id: r.id,
      topId: r.topId,
      parentId: null,
      depth: r.isReply ? null : 0,
      authorId: a.id,
      authorVanity: a.vanity,
      authorName: textOf(authorLink).trim(),
      // The token names a post only when it names this very comment.
      postId: a.token && a.token.commentId === r.id ? a.token.postId : null,
      text: textEl ? textOf(textEl).trim() : '',
      timeText: textOf(tl).trim(),
      permalink: cleanUrl(tu),
    };
    return { slot: { element: article, comment, problem: null }, parts: { timeLink: tl, authorLink, textEl } };
  } catch {
    return { slot: { element: article, comment: null, problem: 'unreadable' }, parts: null };
  }
}

/** One comment article → its comment, or why it cannot be read. */
export function parseComment(article: Element): FbCommentSlot {
  return readComment(article).slot;
}

/** What the parts show: any edit, new time text or relinked author changes it. */
function partsPrint(p: CommentParts): string {
  return `${p.timeLink.getAttribute('href')}\u0000${p.timeLink.textContent}\u0000${p.authorLink.getAttribute('href')}\u0000${p.authorLink.textContent}\u0000${p.textEl?.textContent ?? ''}`;
}

/**
 * parseComment with a per-article memo: a pass re-reads every comment shown, and a long
 * thread has hundreds. A comment is read again only when one of the elements it was read
 * from left the article or changed (href or text), or when it could not be read (a comment
 * still posting gets its permalink later). Each reader has its own memo (one per adapter).
 */
export function createCommentReader(): (article: Element) => FbCommentSlot {
  const memo = new WeakMap<Element, { parts: CommentParts; print: string; slot: FbCommentSlot }>();
  return (article) => {
    const hit = memo.get(article);
    if (hit) {
      const { timeLink, authorLink, textEl } = hit.parts;
      const inPlace = article.contains(timeLink) && article.contains(authorLink) && (!textEl || article.contains(textEl));
      if (inPlace && partsPrint(hit.parts) === hit.print) return hit.slot;
      memo.delete(article);
    }
    const { slot, parts } = readComment(article);
    // Without a text element the text may still arrive (nothing to watch): read again next time.
    if (parts?.textEl) memo.set(article, { parts, print: partsPrint(parts), slot });
    return slot;
  };
}

/** Cheap string that changes when a recycled article starts showing another comment. */
export function signature(article: Element): string {
  let sig = '';
  ownElements(article, (el) => {
    if (!sig && el.tagName === 'A' && commentRefOf(el.getAttribute('href'))) sig = `${el.getAttribute('href')}|${el.textContent ?? ''}`;
  });
  return sig || `${article.childElementCount}|${(article.textContent ?? '').length}`;
}

/** A comment article, or a top-level comment's `[data-commentid]` wrapper holding one. */
function articleThrough(el: Element): Element | null {
  if (el.matches(SEL.article)) return el;
  if (!el.matches(SEL.commentWrapper)) return null;
  const a = el.querySelector(SEL.article);
  return a && a.parentElement?.closest(SEL.commentWrapper) === el ? a : null;
}

/**
 * The comment a reply sits under, from the page structure: a replies list follows the
 * article it answers, so walk up from the reply's parent and take the nearest earlier
 * sibling that is a comment article or a top-level comment's `data-commentid` wrapper
 * (plain wrappers are skipped: they hold sibling replies). Stops at `post`.
 */
export function structuralParent(reply: Element, post: Element): Element | null {
  for (let a = reply.parentElement; a && a !== post; a = a.parentElement) {
    for (let s = a.previousElementSibling; s; s = s.previousElementSibling) {
      const art = articleThrough(s);
      if (art) return art;
    }
  }
  return null;
}

export interface FbPost {
  element: Element;
  /** Numeric post id (from a comment's token), else null. */
  id: string | null;
  /** The post as the URL or the post's own permalink names it: numeric id or `pfbid…` slug. */
  ref: string | null;
  /** Post owner's numeric id (the Page), from its first profile link. */
  ownerId: string | null;
}

export interface FbCommentRead extends FbCommentSlot {
  /** The comment as placed in its thread (depth, parent filled in when the structure agrees with the permalink). */
  comment: FbComment | null;
}

export interface FbThreadRead {
  kind: 'conversation' | 'other';
  layoutOk: boolean;
  missing: string[];
  post: FbPost | null;
  /** Page order; the post itself is context, not a slot. */
  comments: FbCommentRead[];
}

/** The post being read: the open dialog's when there is one, else the page's first. */
export function postArticle(doc: Document): { scope: Element | null; post: Element | null } {
  const dialogs = doc.querySelectorAll(SEL.dialog);
  for (let i = dialogs.length - 1; i >= 0; i--) {
    const post = topArticle(dialogs[i]!);
    if (post && post.querySelector(SEL.article)) return { scope: dialogs[i]!, post };
  }
  const main = doc.querySelector(SEL.main);
  return { scope: main, post: main ? topArticle(main) : null };
}

function topArticle(scope: Element): Element | null {
  // The first article in page order has no article above it inside `scope`: one querySelector
  // instead of listing every comment (a pass asks this twice), unless `scope` sits in one.
  const first = scope.querySelector(SEL.article);
  if (!first || !first.parentElement?.closest(SEL.article)) return first;
  for (const a of scope.querySelectorAll(SEL.article)) if (!a.parentElement?.closest(SEL.article)) return a;
  return null;
}

/**
 * The element holding the post's comment threads, one child per thread (the cells the
 * runtime's list watcher notes changes in): the nearest common ancestor of the first and the
 * last top-level comment wrapper. Null with fewer than two threads (then the post is watched).
 */
export function commentList(post: Element): Element | null {
  const first = post.querySelector(SEL.commentWrapper);
  const all = first ? post.querySelectorAll(SEL.commentWrapper) : null;
  const last = all?.[all.length - 1];
  if (!first || !last || last === first || first.contains(last)) return null;
  const above = new Set<Element>();
  for (let a = first.parentElement; a && a !== post; a = a.parentElement) above.add(a);
  for (let a = last.parentElement; a && a !== post; a = a.parentElement) if (above.has(a)) return a;
  return null;
}

/**
 * What readComments keeps between passes: the comments it read in each cell (a child of the
 * list it reads by), reused while `changed` says the cell is unchanged.
 */
export interface CellReads {
  /** The list whose children are the cells (the runtime's list root); read whole when it is not the post or inside it. */
  root: Element | null;
  /** False: the cell is unchanged since the last read (the runtime's MutationObserver knows). */
  changed?: (cell: Element) => boolean;
  memo: WeakMap<Element, FbCommentRead[]>;
}

/** The post's comment articles outside `root` (none on Facebook's pages so far), read on every pass. */
function articlesAround(post: Element, root: Element): { before: Element[]; after: Element[] } {
  const before: Element[] = [];
  const after: Element[] = [];
  for (let a: Element = root; a !== post && a.parentElement; a = a.parentElement) {
    let side = before;
    const level: Element[][] = [[], []];
    for (const sib of a.parentElement.children) {
      if (sib === a) {
        side = after;
        continue;
      }
      const into = level[side === before ? 0 : 1]!;
      if (sib.matches(SEL.article)) into.push(sib);
      into.push(...sib.querySelectorAll(SEL.article));
    }
    // Outer levels wrap inner ones: their earlier articles come first, their later ones last.
    before.unshift(...level[0]!);
    after.push(...level[1]!);
  }
  return { before, after };
}

/**
 * Every comment of the post shown (dialog or permalink), with thread structure. Never
 * throws: unknown markup reports `layoutOk: false` and the names of what is missing.
 */
export function readComments(doc: Document, url: URL, parse: (el: Element) => FbCommentSlot = parseComment, cells?: CellReads): FbThreadRead {
  try {
    const { scope, post } = postArticle(doc);
    if (!scope) return { kind: 'other', layoutOk: false, missing: ['main'], post: null, comments: [] };
    if (!post) return { kind: 'other', layoutOk: true, missing: [], post: null, comments: [] };
    const read = (el: Element): FbCommentRead => ({ ...parse(el) });
    /** Slots read on this pass (to place), and the cell each came from. */
    const fresh = new Map<FbCommentRead, Element | null>();
    let slots: FbCommentRead[];
    const root = cells?.root ?? null;
    if (cells && root && (root === post || post.contains(root))) {
      // Cell by cell: a cell the runtime says is unchanged keeps what the last read found in it.
      const { before, after } = root === post ? { before: [], after: [] } : articlesAround(post, root);
      slots = before.map(read);
      for (const s of slots) fresh.set(s, null);
      for (const cell of root.children) {
        const kept = cells.changed && !cells.changed(cell) ? cells.memo.get(cell) : undefined;
        if (kept) {
          slots.push(...kept);
          continue;
        }
        const list = [...(cell.matches(SEL.article) ? [cell] : []), ...cell.querySelectorAll(SEL.article)].map(read);
        for (const s of list) fresh.set(s, cell);
        cells.memo.set(cell, list);
        slots.push(...list);
      }
      for (const s of after.map(read)) {
        fresh.set(s, null);
        slots.push(s);
      }
    } else {
      slots = [...post.querySelectorAll(SEL.article)].map(read);
      for (const s of slots) fresh.set(s, null);
    }
    const byElement = new Map<Element, FbCommentRead>();
    const seen = new Set<string>();
    const out: FbCommentRead[] = [];
    /** Cells whose reading depends on more than the cell itself: read again next pass. */
    const again = new Set<Element>();
    for (const s of slots) {
      let slot: FbCommentRead = s;
      if (s.comment) {
        if (seen.has(s.comment.id)) slot = { element: s.element, comment: null, problem: 'duplicate' };
        else seen.add(s.comment.id);
      }
      // A comment it could not read (still posting: the permalink comes later) or a duplicate.
      if (!slot.comment && fresh.get(s)) again.add(fresh.get(s)!);
      byElement.set(s.element, slot);
      out.push(slot);
    }
    // Place replies: the structural parent must belong to the same thread as the permalink says.
    for (const slot of out) {
      const c = slot.comment;
      if (!c || c.depth === 0 || !fresh.has(slot)) continue;
      const cell = fresh.get(slot) ?? null;
      const pEl = structuralParent(slot.element, post);
      const p = pEl ? byElement.get(pEl)?.comment : null;
      if (p && p.topId === c.topId && p.id === c.topId) slot.comment = { ...c, parentId: p.id, depth: 1 };
      else if (p && p.topId === c.topId && p.depth === 1) slot.comment = { ...c, parentId: p.id, depth: 2 };
      // Unplaced, or placed by a comment in another cell: that may change without this cell changing.
      if (cell && (slot.comment?.depth == null || !pEl || !cell.contains(pEl))) again.add(cell);
    }
    for (const cell of again) cells?.memo.delete(cell);
    const postId = out.find((s) => s.comment?.postId)?.comment?.postId ?? null;
    const ownerHref = [...post.querySelectorAll('a[href*="profile.php?id="]')].find((a) => !a.closest(SEL.article + ' ' + SEL.article) && a.parentElement?.closest(SEL.article) === post);
    const owner = ownerHref ? authorRefOf(ownerHref.getAttribute('href')) : null;
    let ref = postRefOf(url);
    if (!ref) {
      for (const a of post.querySelectorAll('a[href]')) {
        if (a.parentElement?.closest(SEL.article) !== post) continue;
        const u = fbUrl(a.getAttribute('href'));
        if (u && !u.searchParams.has('comment_id') && (ref = postRefOf(u))) break;
      }
    }
    const missing: string[] = [];
    if (out.length && !out.some((s) => s.comment) && !post.querySelector(SEL.commentLink)) missing.push('commentLink');
    return {
      kind: 'conversation',
      layoutOk: missing.length === 0,
      missing,
      post: { element: post, id: postId, ref, ownerId: owner?.id ?? null },
      comments: out,
    };
  } catch {
    return { kind: 'other', layoutOk: false, missing: ['unreadable'], post: null, comments: [] };
  }
}
