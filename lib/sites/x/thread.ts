/**
 * Reading a whole X page: which posts belong to the conversation, in which role, and
 * what each one answers. Decisions are written up in lib/sites/README.md.
 */
import { createThreadMemo, type PageKind, type PostSlot, type ThreadMemo, type ThreadPost, type ThreadRead } from '../types';
import { isPromoted, lineAbove, lineBelow, parsePost, replyHeaderHandles } from './parse';
import { HOSTS, isReservedPath, NOTIFICATIONS_PAGE_RE, PROFILE_PATH_RE, SEL, STATUS_PAGE_RE, TESTID } from './selectors';

export function matches(url: URL): boolean {
  return url.protocol === 'https:' && (HOSTS as readonly string[]).includes(url.hostname.toLowerCase());
}

/** The status id of a status page (`/{handle}/status/{id}`, with `/photo/1` etc.), else null. */
export function statusIdOf(url: URL): string | null {
  if (!matches(url)) return null;
  return STATUS_PAGE_RE.exec(url.pathname)?.[2] ?? null;
}

export function pageKind(url: URL): PageKind {
  if (!matches(url)) return 'other';
  if (statusIdOf(url)) return 'conversation';
  if (NOTIFICATIONS_PAGE_RE.test(url.pathname)) return 'notifications';
  return 'other';
}

export function listRoot(doc: Document): Element | null {
  return doc.querySelector(SEL.timeline);
}

export function loggedInHandle(doc: Document): string | null {
  // The nav's link comes first: querySelector stops there, where querySelectorAll would walk
  // the whole page (~3 ms on a 1,000-post thread, and the runtime asks on every tag).
  const first = doc.querySelector(SEL.profileLink);
  const handle = (m: RegExpExecArray | null) => (m && !isReservedPath(m[1]!) ? m[1]!.toLowerCase() : null);
  const own = handle(PROFILE_PATH_RE.exec(first?.getAttribute('href') ?? ''));
  if (own) return own;
  const links = first ? doc.querySelectorAll(SEL.profileLink) : [];
  for (let i = 1; i < links.length; i++) {
    const m = handle(PROFILE_PATH_RE.exec(links[i]!.getAttribute('href') ?? ''));
    if (m) return m;
  }
  const avatar = doc.querySelector(SEL.accountSwitcherAvatar);
  return handle(/^UserAvatar-Container-([A-Za-z0-9_]{1,15})$/.exec(avatar?.getAttribute('data-testid') ?? ''));
}

/** One cell of the list, classified. */
interface Item {
  cell: Element;
  kind: 'post' | 'promoted' | 'heading' | 'other';
  slot?: PostSlot;
  /** Thread line drawn above / below the avatar (see selectors.ts). */
  above?: boolean;
  below?: boolean;
  atTop?: boolean;
}

const memos = new WeakMap<Document, Map<string, ThreadMemo>>();

/** readThread's own memo for this document and conversation (the last 20 conversations). */
function memoFor(doc: Document, key: string): ThreadMemo {
  let byKey = memos.get(doc);
  if (!byKey) memos.set(doc, (byKey = new Map()));
  let memo = byKey.get(key);
  if (!memo) {
    memo = createThreadMemo(key);
    byKey.set(key, memo);
    if (byKey.size > 20) byKey.delete(byKey.keys().next().value!);
  }
  return memo;
}

const bigId = (id: string) => BigInt(id);

/**
 * `changed(cell)`: whether a cell may have changed since the last read (the runtime knows from
 * its MutationObserver); a cell it says is unchanged keeps what the last read found in it.
 * Without it every cell is read.
 */
export function readThread(
  doc: Document,
  url: URL,
  parse: (el: Element) => PostSlot = parsePost,
  memoArg?: ThreadMemo | null,
  changed?: (cell: Element) => boolean,
): ThreadRead {
  const kind = pageKind(url);
  if (kind === 'other') return { kind, layoutOk: true, missing: [], posts: [] };
  try {
    return read(doc, url, kind, parse, memoArg, changed);
  } catch {
    return { kind, layoutOk: false, missing: ['unreadable'], posts: [] };
  }
}

/** What the last read found in a cell, for reads told the cell has not changed since. */
interface CellRead {
  kind: PageKind;
  parse: (el: Element) => PostSlot;
  item: Item;
  tweet: boolean;
  /** Its post shows the author's name block (asked only while no post on the page did). */
  userName?: boolean;
  permalink: boolean;
}
const cellReads = new WeakMap<Element, CellRead>();

/**
 * One cell, classified. A post that could not be read (no id yet) is always read again: X may
 * fill it in without a change the caller sees (its signature counts its text).
 */
function readCell(cell: Element, kind: PageKind, parse: (el: Element) => PostSlot, changed?: (cell: Element) => boolean): CellRead {
  const last = changed ? cellReads.get(cell) : undefined;
  if (last && last.kind === kind && last.parse === parse && (last.item.kind !== 'post' || last.item.slot?.post) && !changed!(cell)) return last;
  const r = classify(cell, kind, parse);
  cellReads.set(cell, r);
  return r;
}

function classify(cell: Element, kind: PageKind, parse: (el: Element) => PostSlot): CellRead {
  const of = (item: Item): CellRead => ({ kind, parse, item, tweet: false, permalink: false });
  const article = firstTopLevelArticle(cell);
  if (!article) return of({ cell, kind: cell.querySelector(SEL.heading) ? 'heading' : 'other' });
  if (isPromoted(article)) return of({ cell, kind: 'promoted' });
  const isTweet = article.getAttribute('data-testid') === TESTID.tweet;
  if (!isTweet && kind !== 'conversation') return of({ cell, kind: 'other' });
  const slot = parse(article);
  return {
    kind,
    parse,
    item: { cell, kind: 'post', slot, above: isTweet && lineAbove(article), below: isTweet && lineBelow(article) },
    tweet: isTweet,
    permalink: isTweet && (!!slot.post || slot.problem === 'bad-time' || slot.problem === 'time-out-of-range' || slot.problem === 'no-author'),
  };
}

function read(
  doc: Document,
  url: URL,
  kind: PageKind,
  parse: (el: Element) => PostSlot,
  memoArg?: ThreadMemo | null,
  changed?: (cell: Element) => boolean,
): ThreadRead {
  if (!doc.querySelector(SEL.primaryColumn)) return { kind, layoutOk: false, missing: ['primaryColumn'], posts: [] };
  const root = listRoot(doc);
  if (!root) return { kind, layoutOk: false, missing: ['timeline'], posts: [] };

  // 1. Classify the cells.
  const items: Item[] = [];
  let tweets = 0;
  let withUserName = 0;
  let withPermalink = 0;
  let nonCells = 0;
  for (let cell = root.firstElementChild; cell; cell = cell.nextElementSibling) {
    if (cell.getAttribute('data-testid') !== TESTID.cell) {
      nonCells++;
      continue;
    }
    const r = readCell(cell, kind, parse, changed);
    if (r.tweet) {
      tweets++;
      if (withUserName === 0 && (r.userName ??= !!r.item.slot!.element.querySelector(SEL.userName))) withUserName++; // one is enough
      if (r.permalink) withPermalink++;
    }
    // Where the cell is in the list changes without any change inside it: asked every time.
    if (r.item.kind === 'post') r.item.atTop = !cell.previousElementSibling && /translateY\(0(?:px)?\)/.test(cell.getAttribute('style') ?? 'translateY(0)');
    items.push(r.item);
  }

  // 2. Does the page still look like X as we know it?
  const missing: string[] = [];
  if (items.length === 0 && nonCells > 0) missing.push('cell');
  else if (tweets === 0) missing.push('tweet');
  else {
    if (withUserName === 0) missing.push('User-Name');
    if (withPermalink === 0) missing.push('permalinkTime');
  }

  const posts = kind === 'conversation' ? conversation(doc, url, items, memoArg) : timeline(items);
  return { kind, layoutOk: missing.length === 0, missing, posts };
}

/** The first article in document order is the cell's own: a nested one comes after its parent. */
function firstTopLevelArticle(cell: Element): Element | null {
  return cell.getElementsByTagName('article')[0] ?? null;
}

function timeline(items: Item[]): ThreadPost[] {
  const out: ThreadPost[] = [];
  for (const it of items) {
    if (it.kind === 'post' && it.slot) out.push({ ...it.slot, role: 'timeline', rootId: null, inReplyTo: null });
  }
  return out;
}

function conversation(doc: Document, url: URL, items: Item[], memoArg?: ThreadMemo | null): ThreadPost[] {
  const focusedId = statusIdOf(url)!;
  const memo = memoArg === null ? createThreadMemo(focusedId) : (memoArg ?? memoFor(doc, focusedId));
  if (memo.key !== focusedId) Object.assign(memo, createThreadMemo(focusedId));

  // The focused post: the tabindex=-1 article showing the URL's id.
  let focusIdx = items.findIndex((it) => it.slot?.element.getAttribute('tabindex') === '-1');
  if (focusIdx >= 0) {
    const shown = items[focusIdx]!.slot!.post?.id;
    // X has not re-rendered after a navigation yet: the page still shows another conversation.
    if (shown && shown !== focusedId) return [];
  }

  // Cut at "Discover more": the first heading cell after the focused post (or anywhere when
  // the focused post has been recycled away), or the first post already known to be there.
  let end = items.length;
  for (let i = Math.max(focusIdx, 0); i < items.length; i++) {
    const it = items[i]!;
    const id = it.slot?.post?.id;
    if (it.kind === 'heading' || (id && memo.discover.has(id))) {
      end = i;
      break;
    }
  }
  if (end < items.length && items[end]!.kind === 'heading') {
    for (let i = end + 1; i < items.length; i++) {
      const id = items[i]!.slot?.post?.id;
      if (id) memo.discover.add(id);
    }
  }
  const conv = items.slice(0, end);

  // Roles. With the focused post on the page: by position. Without it (recycled), by id
  // order: a parent is always older than its reply, and snowflake ids grow with time.
  const focused = BigInt(focusedId);
  const roleOf = (i: number, it: Item): ThreadPost['role'] => {
    if (focusIdx >= 0) return i < focusIdx ? 'ancestor' : i === focusIdx ? 'focused' : 'reply';
    const id = it.slot?.post?.id;
    if (id) return memo.ancestors.has(id) || bigId(id) < focused ? 'ancestor' : 'reply';
    return 'reply';
  };

  // Root: read it whenever the top of the conversation is on the page (it may only now have
  // rendered its ancestors), else keep the last one read.
  const found = findRoot(conv, focusIdx);
  if (found) memo.rootId = found;
  const rootId = memo.rootId;

  const out: ThreadPost[] = [];
  for (let i = 0; i < conv.length; i++) {
    const it = conv[i]!;
    if (it.kind !== 'post' || !it.slot) continue;
    const role = roleOf(i, it);
    const id = it.slot.post?.id ?? null;
    if (role === 'ancestor' && id) memo.ancestors.add(id);
    const prev = i > 0 ? conv[i - 1]! : null;
    const prevId = prev?.kind === 'post' ? (prev.slot?.post?.id ?? null) : null;
    let parent: string | null = null;
    if (it.above && prev?.below && prevId) {
      // Both ends of the thread line are drawn: this post answers the one above. Ancestors
      // are always drawn so, down to the focused post.
      parent = prevId;
    } else if (role === 'reply' && !it.above && !(prev?.kind === 'post' && prev.below)) {
      parent = focusedId; // a new chain under the focused post
    } // else: the top of the chain, signals that disagree, or the post above is not on the page → unknown
    if (id) {
      if (parent && parent !== id) memo.parents.set(id, parent);
      else parent = memo.parents.get(id) ?? null;
    }
    out.push({ ...it.slot, role, rootId, inReplyTo: parent === id ? null : parent });
  }
  return out;
}

/**
 * The conversation root, or null while the top of the conversation is not on the page:
 * - the topmost ancestor, when no thread line is drawn above it;
 * - the focused post, when nothing is above it and it shows no "Replying to" header (X
 *   renders the focused post first and loads its ancestors after: a reply alone on the
 *   page is not a root);
 * - when the top cell of the list is a withheld/deleted post, its id cannot be read: the
 *   first post below it with an id stands in (stable, as X always renders the chain from
 *   the top).
 */
function findRoot(conv: Item[], focusIdx: number): string | null {
  if (focusIdx < 0) return null;
  const chain = conv.slice(0, focusIdx + 1).filter((it) => it.kind === 'post');
  const top = chain[0];
  if (!top?.slot) return null;
  if (top.slot.post) {
    if (top.above) return null;
    if (chain.length === 1 && replyHeaderHandles(top.slot.element).length > 0) return null;
    return top.slot.post.id;
  }
  if (!top.atTop) return null;
  for (const it of chain) if (it.slot?.post) return it.slot.post.id;
  return null;
}
