/**
 * The Facebook site adapter (facebook.com Page posts and the Business Suite inbox) behind the
 * shared SiteAdapter shape, plus what Facebook needs beyond it (README.md: the proposed
 * interface diff). Not wired into the extension yet.
 *
 * Times: exact when Facebook's own data gave one (embedded JSON, the tap) and it agrees with
 * the relative time the page shows; otherwise an approximate interval from that relative
 * time and when it was first seen (`precision: 'approx'`); no time at all → skipped.
 */
import type { ParsedPost, PostSlot, SiteAdapter, ThreadPost, ThreadRead } from '../types';
import { composer, type FacebookComposer } from './composer';
import { inboxRefOf, matches, postRefOf } from './ids';
import { readInbox, type Direction, type StyleOf } from './inbox';
import { commentList, createCommentReader, postArticle, readComments, signature as commentSignature, type FbComment, type FbCommentRead, type FbProblem } from './parse';
import { agreesWith, parseRelativeTime, type TimeInterval } from './relative-time';
import { HOSTS, MESSAGE_ID_RE, NUMERIC_ID_RE, SEL } from './selectors';
import type { TapReceiver } from './tap-receiver';
import { commentsFromEmbedded, mergeComment, type ExactComment } from './times';

export type TimePrecision = 'exact' | 'approx';

export interface ApproxTime {
  /** Earliest / latest possible creation time (ms). */
  from: number;
  to: number;
  /** The text it was read from ("2h"). */
  text: string;
  /** When that text was first seen. */
  seenAt: number;
}

/** A Facebook comment or Business Suite message as a ParsedPost, with what Facebook adds. */
export interface FacebookPost extends ParsedPost {
  /** `at` is Facebook's own time (exact) or the latest end of the interval (approx: leave it out of timed figures). */
  precision: TimePrecision;
  approx?: ApproxTime;
  /** Set when Facebook's data gave a time the page's relative time contradicts: the approximate time is kept. */
  timeConflict?: true;
  /** The case root: the thread's top-level comment id, or the Business Suite thread id. */
  rootId: string;
  /** Direct parent comment, when known. */
  parentId: string | null;
  depth: 0 | 1 | 2 | null;
  /** Numeric post id (comments), when known. */
  postId: string | null;
  /** `Page` / `User` (from Facebook's data), when known. */
  authorKind?: string;
  /** Business Suite messages: who sent it. */
  direction?: Direction;
}

export interface FacebookIdentity {
  /** The profile or Page the agent acts as. */
  actorId: string | null;
  source: 'asset_id' | 'request' | 'i_user' | null;
  /** The person behind the session (`c_user`): a reply by this id instead of a Page was sent "as you, not as the Page". */
  personId: string | null;
}

export interface FacebookAdapter extends SiteAdapter {
  hosts: readonly string[];
  composer: FacebookComposer;
  /** pageKind is only a hint on facebook.com: a post dialog can open over any page, so readThread runs on every page. */
  readsEveryPage: true;
  identity(doc: Document, url: URL): FacebookIdentity;
  /** Exact times known so far (tests, health counts). */
  exactTimes(): ReadonlyMap<string, ExactComment>;
}

export interface FacebookAdapterOptions {
  now?: () => number;
  /** The content-script end of the MAIN-world tap; its items join the exact times for ids the page shows. */
  tap?: TapReceiver | null;
  /** Direction reader for Business Suite (computed style by default). */
  styleOf?: StyleOf;
}

/** The shared Problem union has no Facebook words yet (README: site-declared problems): the nearest one. */
function toProblem(p: FbProblem | null): PostSlot['problem'] {
  return p === 'no-permalink' ? 'no-permalink' : 'unavailable';
}

/** Exact times kept per tab at most (a long thread has a few thousand). */
const MAX_TIMES = 20_000;

function cookie(doc: Document, name: string): string | null {
  try {
    const m = new RegExp(`(?:^|;\\s*)${name}=(\\d{1,25})(?:;|$)`).exec(doc.cookie ?? '');
    return m ? m[1]! : null;
  } catch {
    return null;
  }
}

function docUrl(doc: Document): URL | null {
  try {
    return new URL(doc.defaultView?.location.href ?? doc.URL);
  } catch {
    return null;
  }
}

export function createFacebookAdapter(opts: FacebookAdapterOptions = {}): FacebookAdapter {
  const now = opts.now ?? Date.now;
  const tap = opts.tap ?? null;
  const times = new Map<string, ExactComment>();
  const seen = new Map<string, { text: string; at: number; interval: TimeInterval | null }>();
  const embeddedDone = new WeakSet<Element>();
  const readComment = createCommentReader();
  /** What the last reads found in each cell of the comment list (readComments' CellReads). */
  const cellMemo = new WeakMap<Element, FbCommentRead[]>();

  const learn = (c: ExactComment) => {
    times.set(c.id, mergeComment(times.get(c.id), c));
    while (times.size > MAX_TIMES) times.delete(times.keys().next().value!);
  };

  /** When this relative-time text was first seen for this comment (a new text restarts it), and the interval it gives then. */
  const seenAt = (id: string, text: string): { at: number; interval: TimeInterval | null } => {
    const s = seen.get(id);
    if (s && s.text === text) return s;
    const at = now();
    const entry = { text, at, interval: parseRelativeTime(text, at) };
    seen.set(id, entry);
    if (seen.size > MAX_TIMES) seen.delete(seen.keys().next().value!);
    return entry;
  };

  /** The last result per comment reading, with what it was made from: a kept thread's comments are asked for on every pass. */
  const made = new WeakMap<FbComment, { data: ExactComment | undefined; parentData: ExactComment | undefined; seen: object; out: ReturnType<typeof makeCommentPost> }>();

  function commentPost(c: FbComment): { post: FacebookPost | null; problem: PostSlot['problem'] } {
    const data = times.get(c.id);
    const parentData = data?.parentId ? times.get(data.parentId) : undefined;
    const seen = seenAt(c.id, c.timeText);
    const last = made.get(c);
    if (last && last.data === data && last.parentData === parentData && last.seen === seen) return last.out;
    const out = makeCommentPost(c, data, seen);
    made.set(c, { data, parentData, seen, out });
    return out;
  }

  function makeCommentPost(c: FbComment, data: ExactComment | undefined, seen: { at: number; interval: TimeInterval | null }): { post: FacebookPost | null; problem: PostSlot['problem'] } {
    const { at: t0, interval } = seen;
    const exactMs = data?.createdTime !== undefined ? data.createdTime * 1000 : null;
    let at: number;
    let precision: TimePrecision;
    let approx: ApproxTime | undefined;
    let conflict = false;
    if (exactMs !== null && (!interval || agreesWith(exactMs, interval))) {
      at = exactMs;
      precision = 'exact';
    } else if (interval) {
      at = interval.to;
      precision = 'approx';
      approx = { ...interval, text: c.timeText, seenAt: t0 };
      conflict = exactMs !== null;
    } else {
      return { post: null, problem: 'no-time' };
    }
    // Facebook's parent is used only inside the thread the permalink names.
    const dataParent = data?.parentId && (data.parentId === c.topId || times.get(data.parentId)?.parentId === c.topId) ? data.parentId : null;
    const parentId = c.parentId ?? (c.depth === 0 ? null : dataParent);
    const dataDepth = data?.depth === 0 || data?.depth === 1 || data?.depth === 2 ? data.depth : null;
    const post: FacebookPost = {
      id: c.id,
      author: c.authorId ?? data?.authorId ?? c.authorVanity ?? '',
      authorName: c.authorName,
      at,
      text: c.text,
      truncated: false,
      permalink: c.permalink,
      mentions: [],
      precision,
      ...(approx ? { approx } : {}),
      ...(conflict ? { timeConflict: true as const } : {}),
      rootId: c.topId,
      parentId,
      depth: c.depth ?? dataDepth,
      postId: c.postId ?? data?.postId ?? null,
      ...(data?.authorKind ? { authorKind: data.authorKind } : {}),
    };
    if (!post.author) return { post: null, problem: 'no-permalink' };
    return { post, problem: null };
  }

  function parsePost(article: Element): PostSlot {
    try {
      if (article.hasAttribute('data-message-id')) return parseMessage(article);
      const slot = readComment(article);
      if (!slot.comment) return { element: article as HTMLElement, post: null, problem: toProblem(slot.problem) };
      const { post, problem } = commentPost(slot.comment);
      return { element: article as HTMLElement, post, problem };
    } catch {
      return { element: article as HTMLElement, post: null, problem: 'unavailable' };
    }
  }

  function parseMessage(el: Element): PostSlot {
    const url = docUrl(el.ownerDocument);
    const r = url ? readInbox(el.ownerDocument, url, opts.styleOf) : null;
    const slot = r?.messages.find((m) => m.element === el);
    if (!r || !r.pageId || !r.threadId || !slot?.message) return { element: el as HTMLElement, post: null, problem: slot?.problem === 'no-time' ? 'no-time' : 'unavailable' };
    return { element: el as HTMLElement, post: messagePost(slot.message, r.pageId, r.threadId), problem: null };
  }

  function messagePost(m: { id: string; at: number; direction: Direction; text: string }, pageId: string, threadId: string): FacebookPost {
    return {
      id: m.id,
      // In Business Suite the thread id is the customer's id (selected_item_id); the Page is asset_id.
      author: m.direction === 'page' ? pageId : threadId,
      authorName: '',
      at: m.at,
      text: m.text,
      truncated: false,
      permalink: `https://business.facebook.com/latest/inbox/all?asset_id=${pageId}&selected_item_id=${threadId}`,
      // A Page message has no parent to pair with: it answers the thread's customer, so its
      // customer (and so its case) is the thread's, not "nobody".
      mentions: m.direction === 'page' ? [threadId] : [],
      precision: 'exact',
      rootId: threadId,
      parentId: null,
      depth: null,
      postId: null,
      direction: m.direction,
    };
  }

  /** The list whose children are the cells: the post's comment list (its threads), else the post, else the column. */
  function listRoot(doc: Document): Element | null {
    const bubble = doc.querySelector(SEL.bsMessage);
    if (bubble) return bubble.closest('[role="region"]') ?? bubble.closest(SEL.bsGroup)?.parentElement ?? null;
    const { scope, post } = postArticle(doc);
    return (post && commentList(post)) ?? post ?? scope;
  }

  /**
   * The post, watched around its comment list: no capture says where facebook.com appends a
   * page of comments, and one put outside the list found so far must still bring a pass.
   */
  function watchRoot(doc: Document): Element | null {
    if (doc.querySelector(SEL.bsMessage)) return null;
    const { scope, post } = postArticle(doc);
    return post ?? scope;
  }

  function readThread(doc: Document, url: URL, _parse?: unknown, _memo?: unknown, changed?: (cell: Element) => boolean): ThreadRead {
    try {
      if (inboxRefOf(url)) {
        const r = readInbox(doc, url, opts.styleOf);
        const posts: ThreadPost[] = r.messages.map((s) => {
          const post = s.message && r.pageId && r.threadId ? messagePost(s.message, r.pageId, r.threadId) : null;
          return { element: s.element as HTMLElement, post, problem: post ? null : s.problem === 'no-time' ? 'no-time' : 'unavailable', role: 'reply', rootId: r.threadId, inReplyTo: null };
        });
        return { kind: r.kind, layoutOk: r.layoutOk, missing: r.missing, posts };
      }
      commentsFromEmbedded(doc, new Map(), embeddedDone).forEach(learn);
      // `changed` is about the children of listRoot: read by the same list, a thread the page
      // did not touch since the last pass keeps what was read in it.
      const r = readComments(doc, url, readComment, { root: listRoot(doc), changed, memo: cellMemo });
      if (tap) {
        const shown = new Set(r.comments.flatMap((s) => (s.comment ? [s.comment.id] : [])));
        for (const item of tap.take((id) => shown.has(id))) learn({ ...item });
      }
      const posts: ThreadPost[] = r.comments.map((s) => {
        if (!s.comment) return { element: s.element as HTMLElement, post: null, problem: toProblem(s.problem), role: 'reply', rootId: null, inReplyTo: null };
        const { post, problem } = commentPost(s.comment);
        return { element: s.element as HTMLElement, post, problem, role: 'reply', rootId: s.comment.topId, inReplyTo: post ? (post as FacebookPost).parentId : null };
      });
      return { kind: r.kind === 'conversation' || posts.length ? 'conversation' : 'other', layoutOk: r.layoutOk, missing: r.missing, posts };
    } catch {
      return { kind: 'other', layoutOk: false, missing: ['unreadable'], posts: [] };
    }
  }

  function identity(doc: Document, url: URL): FacebookIdentity {
    const personId = cookie(doc, 'c_user');
    const inbox = inboxRefOf(url);
    if (inbox) return { actorId: inbox.pageId, source: 'asset_id', personId };
    const fromRequest = tap?.actor() ?? null;
    if (fromRequest) return { actorId: fromRequest, source: 'request', personId };
    const iUser = cookie(doc, 'i_user');
    if (iUser) return { actorId: iUser, source: 'i_user', personId };
    return { actorId: null, source: null, personId };
  }

  return {
    platform: 'facebook',
    hosts: HOSTS,
    readsEveryPage: true,
    matches,
    pageKind: (url) => (!matches(url) ? 'other' : inboxRefOf(url)?.threadId || postRefOf(url) ? 'conversation' : 'other'),
    listRoot,
    watchRoot,
    parsePost,
    signature: (el) => (el.hasAttribute('data-message-id') ? `${el.getAttribute('data-message-id')}|${el.closest(SEL.bsGroup)?.getAttribute('data-utime') ?? ''}` : commentSignature(el)),
    readThread,
    loggedInHandle(doc) {
      const url = docUrl(doc);
      return url ? identity(doc, url).actorId : null;
    },
    identity,
    replyIdentity(doc, url, author) {
      const { personId } = identity(doc, url);
      // c_user is the person; any other numeric author the agent posted as is the Page acted as.
      if (personId && author === personId) return { sentAsPerson: true };
      return /^\d{1,25}$/.test(author) ? { pageId: author } : {};
    },
    // Facebook ids carry no time: own-reply matching relies on "not on the page before the submit".
    idTime: () => null,
    composer,
    barAnchor(article) {
      for (const ul of article.querySelectorAll('ul')) if (ul.closest(SEL.article) === article) return ul;
      return null;
    },
    exactTimes: () => times,
  };
}

/** The default instance (no tap). */
export const facebookAdapter = createFacebookAdapter();

/** Record ids the adapter produces: comment ids are digits, Business Suite message ids `mid.$…`. */
export const isFacebookId = (id: string): boolean => NUMERIC_ID_RE.test(id) || MESSAGE_ID_RE.test(id);

export { FB_SELECTOR_TABLE, HOSTS, LABELS, SEL } from './selectors';
export { parseComment, readComments } from './parse';
export { readInbox } from './inbox';
export { installTap, summarise } from './tap';
export { composer } from './composer';
