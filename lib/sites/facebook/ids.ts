/**
 * Facebook ids out of URLs: comment ids from permalinks, the base64 `comment:<post>_<comment>`
 * token of author links, author ids, post ids and slugs, Business Suite's asset and thread.
 * Pure, never throws; an id is returned only when it has the expected shape (never guessed).
 */
import { caseKeyOf } from '../../schema/taxonomy';
import { BS_INBOX_PATH_RE, BUSINESS_HOST, COMMENT_TOKEN_RE, HOSTS, NUMERIC_ID_RE, PFBID_RE, POST_PATH_RE, POST_QUERY_PAGES } from './selectors';

const BASE = 'https://www.facebook.com/';

/** Parses an href (absolute or relative to facebook.com); null when it is not a facebook.com URL. */
export function fbUrl(href: string | null | undefined): URL | null {
  if (!href) return null;
  try {
    const u = new URL(href, BASE);
    return isFacebookHost(u.hostname) ? u : null;
  } catch {
    return null;
  }
}

export function isFacebookHost(host: string): boolean {
  return (HOSTS as readonly string[]).includes(host.toLowerCase());
}

/** https on one of HOSTS. */
export function matches(url: URL): boolean {
  return url.protocol === 'https:' && isFacebookHost(url.hostname);
}

export interface CommentRef {
  /** The comment's own id: `reply_comment_id` for a reply, else `comment_id`. */
  id: string;
  /** The top-level comment of its thread (`comment_id`). */
  topId: string;
  isReply: boolean;
}

/**
 * The comment a permalink names. Both parameters must be numeric when present: a base64
 * `comment_id` is an author link's token, not a permalink.
 */
export function commentRefOf(href: string | null | undefined): CommentRef | null {
  return mayNameComment(href) ? commentRefOfUrl(fbUrl(href)) : null;
}

/** Most links of a comment are not permalinks: no URL parse for them (a `%` may encode the name). */
export const mayNameComment = (href: string | null | undefined): href is string => !!href && (href.includes('comment_id=') || href.includes('%'));

/** commentRefOf on an href already parsed by fbUrl (a comment's links are parsed once). */
export function commentRefOfUrl(u: URL | null): CommentRef | null {
  if (!u) return null;
  const top = u.searchParams.get('comment_id');
  if (!top || !NUMERIC_ID_RE.test(top)) return null;
  const reply = u.searchParams.get('reply_comment_id');
  if (reply === null) return { id: top, topId: top, isReply: false };
  if (!NUMERIC_ID_RE.test(reply)) return null;
  return { id: reply, topId: top, isReply: true };
}

/** Decodes `comment:<postId>_<commentId>` (base64, as author links and GraphQL `id` carry it). */
export function decodeCommentToken(token: string | null | undefined): { postId: string; commentId: string } | null {
  if (!token || token.length > 200 || !/^[A-Za-z0-9+/_-]+=*$/.test(token)) return null;
  try {
    const m = COMMENT_TOKEN_RE.exec(atob(token.replace(/-/g, '+').replace(/_/g, '/')));
    return m ? { postId: m[1]!, commentId: m[2]! } : null;
  } catch {
    return null;
  }
}

export interface AuthorRef {
  /** Numeric profile or Page id: only from `profile.php?id=` (a vanity path does not say it). */
  id: string | null;
  /** Lower-cased vanity path (`/customer.two`), when the link uses one. */
  vanity: string | null;
  /** The base64 comment token the link carries, decoded. */
  token: { postId: string; commentId: string } | null;
}

const NOT_PROFILES = new Set(['permalink.php', 'story.php', 'photo', 'photo.php', 'watch', 'groups', 'reel', 'hashtag', 'events', 'pages', 'share', 'login', 'l.php']);

export function authorRefOf(href: string | null | undefined): AuthorRef | null {
  return authorRefOfUrl(fbUrl(href));
}

/** authorRefOf on an href already parsed by fbUrl. */
export function authorRefOfUrl(u: URL | null): AuthorRef | null {
  if (!u) return null;
  const token = decodeCommentToken(u.searchParams.get('comment_id'));
  if (u.pathname === '/profile.php') {
    const id = u.searchParams.get('id');
    return id && NUMERIC_ID_RE.test(id) ? { id, vanity: null, token } : null;
  }
  const m = /^\/([A-Za-z0-9.]{2,80})\/?$/.exec(u.pathname);
  if (!m || NOT_PROFILES.has(m[1]!.toLowerCase())) return null;
  return { id: null, vanity: m[1]!.toLowerCase(), token };
}

/** The post a URL names: numeric id or `pfbid…` slug (an alias), or null. */
export function postRefOf(url: URL | string): string | null {
  const u = typeof url === 'string' ? fbUrl(url) : url;
  if (!u) return null;
  const m = POST_PATH_RE.exec(u.pathname);
  if (m) return m[1]!;
  const param = POST_QUERY_PAGES[u.pathname];
  if (!param) return null;
  const v = u.searchParams.get(param);
  return v && (NUMERIC_ID_RE.test(v) || PFBID_RE.test(v)) ? v : null;
}

export interface InboxRef {
  /** The Page the inbox acts for (`asset_id`). */
  pageId: string;
  /** The open thread (`selected_item_id`), or null when none is selected. */
  threadId: string | null;
  /** `FB_MESSAGE`, `IG_MESSAGE`, `FB_PAGE_POST`, … (null when absent). */
  threadType: string | null;
}

/** Business Suite inbox URL → the Page and the open thread. */
export function inboxRefOf(url: URL): InboxRef | null {
  if (url.protocol !== 'https:' || url.hostname !== BUSINESS_HOST || !BS_INBOX_PATH_RE.test(url.pathname)) return null;
  const pageId = url.searchParams.get('asset_id');
  if (!pageId || !NUMERIC_ID_RE.test(pageId)) return null;
  const thread = url.searchParams.get('selected_item_id');
  return { pageId, threadId: thread && NUMERIC_ID_RE.test(thread) ? thread : null, threadType: url.searchParams.get('thread_type') };
}

/** A permalink without Facebook's tracking parameters (`__cft__[0]`, `__tn__`). */
export function cleanPermalink(href: string): string {
  const u = fbUrl(href);
  return u ? cleanUrl(u) : href;
}

/** cleanPermalink on an href already parsed by fbUrl; changes `u`. */
export function cleanUrl(u: URL): string {
  // forEach, not keys(): in a Firefox content script URLSearchParams' iterators are not
  // iterable (Xray wrappers), and the spread threw on every comment.
  const tracking: string[] = [];
  u.searchParams.forEach((_, k) => {
    if (k.startsWith('__')) tracking.push(k);
  });
  for (const k of tracking) u.searchParams.delete(k);
  return u.toString();
}

/**
 * The case key of a Business Suite Messenger thread: the database's own key (caseKeyOf),
 * whose root and customer are both the thread (`selected_item_id` is the customer's
 * Page-scoped id), so the adapter and the stored records name the same case. A comment
 * thread has no key of its own here: its case is (top-level comment, commenter), keyed
 * when stored.
 */
export const inboxCaseKey = (threadId: string) => caseKeyOf('facebook', threadId, threadId);
