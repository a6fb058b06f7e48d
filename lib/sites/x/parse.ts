/**
 * Reading one X post out of its article. Pure functions of the element: no state, no
 * layout reads (no getComputedStyle / offset*), never throw. One walk over the article's
 * elements collects everything; "own" means: not inside a nested article and not inside a
 * quoted post.
 */
import { cleanDisplayName, isSaneTime } from '../../schema/sites';
import type { ParsedPost, PostSlot, Problem } from '../types';
import { AT_HANDLE_RE, isReservedPath, LEADING_MENTIONS_RE, LINE_ABOVE_DEPTH, PROFILE_PATH_RE, SEL, STATUS_PATH_RE, TESTID } from './selectors';

/** X's snowflake epoch (2010-11-04T01:42:54.657Z). */
export const TWITTER_EPOCH_MS = 1288834974657;
/**
 * Page time and id time may differ by this much; further apart, the page is not showing
 * this post's time (layout drift, or a page that lies) and the post is skipped.
 */
export const TIME_SKEW_TOLERANCE_MS = 5 * 60_000;
/** Ids issued before snowflakes (before Nov 2010) decode to the epoch's first seconds: no check. */
const FIRST_SNOWFLAKE_MS = TWITTER_EPOCH_MS + 86_400_000;

/** Creation time encoded in a status id, or null for a non-snowflake id. */
export function snowflakeTime(id: string): number | null {
  if (!/^\d{1,25}$/.test(id)) return null;
  const ms = Number(BigInt(id) >> 22n) + TWITTER_EPOCH_MS;
  return ms >= FIRST_SNOWFLAKE_MS ? ms : null;
}

/** A status id for a moment (sequence bits optional), like X issues them. */
export function snowflakeAt(ms: number, sequence = 0): string {
  return ((BigInt(Math.floor(ms) - TWITTER_EPOCH_MS) << 22n) | BigInt(sequence & 0xfff)).toString();
}

/**
 * `el` belongs to this article itself: not to a nested article (a quoted unavailable post)
 * nor to a quoted post (a div[role=link] block holding its own author). One walk up.
 */
function own(el: Element, article: Element): boolean {
  let p = el.parentElement;
  for (; p && p !== article; p = p.parentElement) {
    const tag = p.tagName;
    if (tag === 'ARTICLE') return false;
    if (tag === 'DIV' && p.getAttribute('role') === 'link' && p.querySelector(SEL.userName)) return false;
  }
  return p === article;
}

/** `el` sits inside an element with one of these data-testids (below `article`). */
function inside(el: Element, article: Element, testids: readonly string[]): boolean {
  for (let p = el.parentElement; p && p !== article; p = p.parentElement) {
    const id = p.getAttribute('data-testid');
    if (id && testids.includes(id)) return true;
  }
  return false;
}

/**
 * The promoted wrapper encloses this article (never look *inside*: it also wraps video players).
 * X puts the wrapper inside the post's list cell, so the walk stops at the cell instead of
 * climbing to the document root on every pass; an article outside any cell is walked to the root.
 */
export function isPromoted(article: Element): boolean {
  for (let p = article.parentElement; p; p = p.parentElement) {
    const id = p.getAttribute('data-testid');
    if (id === TESTID.promoted) return true;
    if (id === TESTID.cell) return false;
  }
  return false;
}

/** What one walk over an article finds (own elements only). */
interface Scan {
  times: Element[];
  userName: Element | null;
  text: Element | null;
  articleTitle: Element | null;
  showMore: Element | null;
  avatar: Element | null;
  profileLinks: Element[];
  /** own() for this article, or always true when it quotes nothing (see scan). */
  own: (el: Element) => boolean;
}

/** Depth-first over the elements under `root`, in document order, until `fn` returns true. */
function walk(root: Element, fn: (el: Element) => boolean | void): void {
  let el: Element | null = root.firstElementChild;
  while (el) {
    if (fn(el)) return;
    if (el.firstElementChild) {
      el = el.firstElementChild;
      continue;
    }
    while (el && el !== root && !el.nextElementSibling) el = el.parentElement;
    el = el && el !== root ? el.nextElementSibling : null;
  }
}

/**
 * The only elements `visit` reads. The browser finds them natively (document order, as the
 * walk did): a post holds hundreds of elements and a walk in script crossed into the DOM
 * several times for each, the largest part of the content script's own time (issue 7).
 */
const SCANNED = 'time, a[href], [data-testid]';

/**
 * What can hold another post's elements inside an article: a nested article, or a quoted
 * post's block (a div[role=link] with an author), as own() tells them apart.
 */
const FOREIGN = `:scope article, :scope div[role="link"] ${SEL.userName}`;

function scan(article: Element): Scan {
  // Most posts quote nothing: then every element found is the post's own, and the walk up
  // from each one (own()) is skipped. One query instead of a walk per element (issue 7).
  const mine = article.querySelector(FOREIGN) ? (el: Element) => own(el, article) : () => true;
  const s: Scan = { times: [], userName: null, text: null, articleTitle: null, showMore: null, avatar: null, profileLinks: [], own: mine };
  for (const el of article.querySelectorAll(SCANNED)) visit(el, s);
  return s;
}

function visit(el: Element, s: Scan): void {
  const { own } = s;
  const tag = el.tagName;
  if (tag === 'TIME') {
    if (own(el)) s.times.push(el);
    return;
  }
  if (tag === 'A') {
    const href = el.getAttribute('href');
    if (href && PROFILE_PATH_RE.test(href)) s.profileLinks.push(el);
  }
  const id = el.getAttribute('data-testid');
  if (!id) return;
  if (id === TESTID.userName) s.userName ??= own(el) ? el : null;
  else if (id === TESTID.text) s.text ??= own(el) ? el : null;
  else if (id === TESTID.showMore) s.showMore ??= own(el) ? el : null;
  else if (id === TESTID.articleTitle) s.articleTitle ??= own(el) ? el : null;
  else if (id === TESTID.avatar) s.avatar ??= own(el) ? el : null;
}

/** The link around a time (its parent on X), within the article. */
function linkOf(time: Element, article: Element): Element | null {
  for (let p = time.parentElement; p && p !== article; p = p.parentElement) if (p.tagName === 'A') return p;
  return null;
}

/** Path of an href that may be absolute (x.com / twitter.com) or relative. */
function pathOf(href: string): string {
  const m = /^https?:\/\/(?:www\.|mobile\.)?(?:x|twitter)\.com(\/[^?#]*)/i.exec(href);
  return m ? m[1]! : href;
}

interface Permalink {
  handle: string;
  id: string;
  time: Element;
  href: string;
}

/**
 * The status id comes only from here: an own `time` whose link is a permalink. The handle
 * comes from the same link, except for reserved paths (`/i/status/{id}`): then from the
 * author block's `@handle`, and without one the post is skipped (never author `i`).
 */
function findPermalink(article: Element, s: Scan): Permalink | Problem {
  for (const time of s.times) {
    const link = linkOf(time, article);
    if (!link) continue;
    const href = link.getAttribute('href') ?? '';
    const m = STATUS_PATH_RE.exec(pathOf(href));
    if (!m) continue;
    if (!isReservedPath(m[1]!)) return { handle: m[1]!, id: m[2]!, time, href };
    const handle = authorHandle(s.userName);
    return handle ? { handle, id: m[2]!, time, href } : 'no-author';
  }
  if (s.times.length > 0) return 'no-permalink';
  // No time at all: a real post that lost its time row, or a tombstone.
  return s.userName ? 'no-time' : 'unavailable';
}

/** Text of a node, emoji `<img alt>` as their alt; X's hidden "…" after shortened links is dropped. */
export function textOf(node: Node): string {
  let out = '';
  const walk = (n: Node) => {
    if (n.nodeType === 3) {
      out += n.nodeValue ?? '';
      return;
    }
    if (n.nodeType !== 1) return;
    const el = n as Element;
    const tag = el.tagName;
    if (tag === 'IMG') {
      out += el.getAttribute('alt') ?? '';
      return;
    }
    if (tag === 'svg' || tag === 'SVG' || tag === 'SCRIPT' || tag === 'STYLE') return;
    if (tag === 'BR') {
      out += '\n';
      return;
    }
    if (el.getAttribute('aria-hidden') === 'true' && el.textContent === '…' && el.parentElement?.closest('a')) return;
    for (let c = el.firstChild; c; c = c.nextSibling) walk(c);
  };
  walk(node);
  return out;
}

const NOT_REPLY_HEADER = [TESTID.userName, TESTID.text] as const;

function headerHandles(article: Element, { profileLinks, own }: Scan): string[] {
  const out: string[] = [];
  for (const a of profileLinks) {
    const path = PROFILE_PATH_RE.exec(a.getAttribute('href') ?? '');
    const label = AT_HANDLE_RE.exec((a.textContent ?? '').trim());
    if (!path || !label || path[1]!.toLowerCase() !== label[1]!.toLowerCase()) continue;
    if (own(a) && !inside(a, article, NOT_REPLY_HEADER)) out.push(label[1]!);
  }
  return out;
}

/**
 * Handles of the "Replying to @a @b" header. The phrase is localised, so only its links
 * are read: own `a[href="/handle"]` whose text is `@handle`, outside the author block and
 * the text.
 */
export function replyHeaderHandles(article: Element): string[] {
  try {
    return headerHandles(article, scan(article));
  } catch {
    return [];
  }
}

/** "Replying to" handles, then the leading @mentions of the text; lower-cased, no repeats. */
function mentionsOf(header: string[], text: string): string[] {
  const out: string[] = [];
  const add = (h: string) => {
    const l = h.toLowerCase();
    if (!out.includes(l) && !isReservedPath(l)) out.push(l);
  };
  for (const h of header) add(h);
  const lead = LEADING_MENTIONS_RE.exec(text);
  if (lead) for (const m of lead[0].matchAll(/@([A-Za-z0-9_]{1,15})/g)) add(m[1]!);
  return out;
}

/** The `@handle` shown in the author block (a link in most layouts, plain text in 2026 post cards). */
function authorHandle(userName: Element | null): string | null {
  if (!userName) return null;
  let found: string | null = null;
  walk(userName, (el) => {
    if (el.childElementCount > 0) return false;
    const m = AT_HANDLE_RE.exec((el.textContent ?? '').trim());
    if (m && !isReservedPath(m[1]!)) found = m[1]!;
    return !!found;
  });
  return found;
}

/**
 * The display name: the author block's first profile link (`href="/handle"`); where X
 * shows name and handle as plain text (2026 post cards, whose first link is the time
 * permalink), the block's first part, unless it holds a time or a status link. Never the
 * text of a time link.
 */
function displayName(userName: Element | null): string {
  if (!userName) return '';
  for (const a of userName.querySelectorAll('a')) {
    if (PROFILE_PATH_RE.test(a.getAttribute('href') ?? '') && !a.querySelector('time')) return cleanDisplayName(textOf(a));
  }
  const first = userName.firstElementChild;
  if (!first || first.querySelector('time') || first.querySelector('a[href*="/status/"]')) return '';
  const name = cleanDisplayName(textOf(first));
  return AT_HANDLE_RE.test(name) ? '' : name;
}

/**
 * The author's own words and what they are: X's translation notice (a control inside the
 * text) is left out and the text marked `translated`; an X Article stores its title,
 * marked `article` (its body is not captured).
 */
function ownText(s: Scan): { text: string; textNote?: ParsedPost['textNote'] } {
  if (s.text) {
    const control = s.text.querySelector(SEL.textControl);
    if (!control) return { text: textOf(s.text).trim() };
    // The notice is the text's child block that holds the control; the rest is the text.
    let notice: Element = control;
    while (notice.parentElement && notice.parentElement !== s.text) notice = notice.parentElement;
    let text = '';
    for (let c = s.text.firstChild; c; c = c.nextSibling) if (c !== notice) text += textOf(c);
    return { text: text.trim(), textNote: 'translated' };
  }
  if (s.articleTitle) return { text: textOf(s.articleTitle).replace(/\s+/g, ' ').trim(), textNote: 'article' };
  return { text: '' };
}

function slot(element: Element, post: ParsedPost | null, problem: Problem | null): PostSlot {
  return { element: element as HTMLElement, post, problem };
}

/** Reads one top-level article. Pure; never throws; never guesses an id. */
export function parsePost(article: Element): PostSlot {
  try {
    if (isPromoted(article)) return slot(article, null, 'promoted');
    if (article.tagName !== 'ARTICLE' || article.getAttribute('data-testid') !== TESTID.tweet) return slot(article, null, 'unavailable');
    const s = scan(article);
    const link = findPermalink(article, s);
    if (typeof link === 'string') return slot(article, null, link);
    const datetime = link.time.getAttribute('datetime');
    if (!datetime) return slot(article, null, 'no-time');
    const at = Date.parse(datetime);
    if (!Number.isFinite(at) || at <= 0) return slot(article, null, 'bad-time');
    // A time no post can have, or not the time in the post's own id: skipped, never stored.
    if (!isSaneTime(at)) return slot(article, null, 'time-out-of-range');
    const idTime = snowflakeTime(link.id);
    if (idTime !== null && Math.abs(at - idTime) > TIME_SKEW_TOLERANCE_MS) return slot(article, null, 'time-out-of-range');

    const { text, textNote } = ownText(s);
    const post: ParsedPost = {
      id: link.id,
      author: link.handle.toLowerCase(),
      authorName: displayName(s.userName),
      at,
      text,
      truncated: !!s.showMore,
      permalink: `https://x.com/${link.handle}/status/${link.id}`,
      mentions: mentionsOf(headerHandles(article, s), text),
    };
    if (textNote) post.textNote = textNote;
    return slot(article, post, null);
  } catch {
    return slot(article, null, 'unavailable');
  }
}

/**
 * Cheap identity of what an article shows now: its permalink href and datetime. When a
 * recycled article starts showing another post this changes, and the caller re-parses.
 */
export function signature(article: Element): string {
  try {
    // Every pass asks again for every post on the page (a thousand when X keeps them all):
    // the permalink found last time is checked and read again instead of searched for.
    const known = permalinkSeen.get(article);
    if (known && known.a.contains(known.time) && article.contains(known.a)) {
      const href = known.a.getAttribute('href') ?? '';
      if (STATUS_PATH_RE.test(pathOf(href))) return `${href}|${known.time.getAttribute('datetime') ?? ''}`;
    }
    const times = article.getElementsByTagName('time');
    for (let i = 0; i < times.length; i++) {
      const time = times[i]!;
      const a = linkOf(time, article);
      if (!a || !own(time, article)) continue;
      const href = a.getAttribute('href') ?? '';
      if (STATUS_PATH_RE.test(pathOf(href))) {
        permalinkSeen.set(article, { a, time });
        return `${href}|${time.getAttribute('datetime') ?? ''}`;
      }
    }
    return `-|${article.getAttribute('data-testid') ?? ''}|${article.childElementCount}|${(article.textContent ?? '').length}`;
  } catch {
    return '';
  }
}

/** The post's own permalink time and its link, as signature() last found them. */
const permalinkSeen = new WeakMap<Element, { a: Element; time: Element }>();
/** The post's own avatar, as lineBelow() last found it. */
const avatarSeen = new WeakMap<Element, Element>();

/** The thread line above the avatar: this post continues the one above it (see selectors.ts). */
export function lineAbove(article: Element): boolean {
  let el: Element | null = article;
  for (let i = 0; i < LINE_ABOVE_DEPTH && el; i++) el = el.firstElementChild;
  return !!el && el.childElementCount === 0 && el.tagName === 'DIV';
}

/** The thread line below the avatar: the post below continues this one (see selectors.ts). */
export function lineBelow(article: Element): boolean {
  let avatar = avatarSeen.get(article) ?? null;
  // Asked on every pass: the avatar found before is reused while it is still this post's.
  if (!avatar || avatar.getAttribute('data-testid') !== TESTID.avatar || !article.contains(avatar)) {
    avatar = null;
    walk(article, (el) => {
      if (el.getAttribute('data-testid') === TESTID.avatar && own(el, article)) avatar = el;
      return !!avatar;
    });
    if (avatar) avatarSeen.set(article, avatar);
  }
  const column = avatar?.parentElement;
  if (!avatar || !column || column.childElementCount < 2) return false;
  for (let c = column.firstElementChild; c; c = c.nextElementSibling) {
    if (c !== avatar && c.tagName === 'DIV' && c.childElementCount === 0) return true;
  }
  return false;
}

/** `el` is the article of a cell, not a quoted/nested one. */
export function isTopLevelArticle(el: Element): boolean {
  if (el.tagName !== 'ARTICLE') return false;
  for (let p = el.parentElement; p; p = p.parentElement) if (p.tagName === 'ARTICLE') return false;
  return true;
}
