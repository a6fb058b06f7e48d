/**
 * Exact comment times from Facebook's own data (DESIGN §3, notes/facebook-2026.md §1): the
 * JSON blocks embedded in the first load and the `/api/graphql/` response bodies. Both are
 * walked for objects with `__typename: "Comment"` wherever they sit ("the path varies —
 * walk, don't assume"); only the few fields Threadmark stores are kept. Pure, never throws.
 */
import { decodeCommentToken } from './ids';
import { NUMERIC_ID_RE, SEL } from './selectors';

export interface ExactComment {
  id: string;
  /** Unix seconds (Facebook's `created_time`). */
  createdTime?: number;
  authorId?: string;
  /** `User`, `Page`, … (the author object's __typename). */
  authorKind?: string;
  /** Direct parent (`comment_direct_parent`), absent on top-level comments. */
  parentId?: string;
  depth?: number;
  /** Numeric post id (`parent_feedback.share_fbid` or the base64 id's post part). */
  postId?: string;
  text?: string;
}

/** Facebook did not exist before 2004; anything past 2100 is not a time. */
const MIN_TIME_S = 1_072_915_200;
const MAX_TIME_S = 4_102_444_800;

export const isCommentTime = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= MIN_TIME_S && v < MAX_TIME_S;
const numericId = (v: unknown): string | undefined => (typeof v === 'string' && NUMERIC_ID_RE.test(v) ? v : typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? String(v) : undefined);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The stored fields of one Comment object, or null when it is not one we can key. */
export function commentFields(o: Record<string, unknown>): ExactComment | null {
  if (o.__typename !== 'Comment') return null;
  const token = typeof o.id === 'string' ? decodeCommentToken(o.id) : null;
  const id = numericId(o.legacy_fbid) ?? token?.commentId;
  if (!id) return null;
  const out: ExactComment = { id };
  if (isCommentTime(o.created_time)) out.createdTime = o.created_time;
  if (isObj(o.author)) {
    const a = numericId(o.author.id);
    if (a) out.authorId = a;
    if (typeof o.author.__typename === 'string' && o.author.__typename.length < 40) out.authorKind = o.author.__typename;
  }
  const parent = isObj(o.comment_direct_parent) ? o.comment_direct_parent : null;
  if (parent) {
    const p = numericId(parent.legacy_fbid) ?? (typeof parent.id === 'string' ? decodeCommentToken(parent.id)?.commentId : undefined);
    if (p && p !== id) out.parentId = p;
  }
  if (typeof o.depth === 'number' && Number.isInteger(o.depth) && o.depth >= 0 && o.depth <= 10) out.depth = o.depth;
  const post = (isObj(o.parent_feedback) ? numericId(o.parent_feedback.share_fbid) : undefined) ?? token?.postId;
  if (post) out.postId = post;
  const body = isObj(o.body) && typeof o.body.text === 'string' ? o.body.text : undefined;
  if (body !== undefined) out.text = body;
  return out;
}

/**
 * Two copies of one comment into one: a stub (no time) never erases a field; the full copy
 * wins over a stub; between two full copies the first time stays (an edit does not move a
 * comment) and the later text wins (an edit changes it).
 */
export function mergeComment(a: ExactComment | undefined, b: ExactComment): ExactComment {
  if (!a) return b;
  const aFull = a.createdTime !== undefined;
  const bFull = b.createdTime !== undefined;
  const [base, over] = aFull && !bFull ? [b, a] : [a, b];
  const out: ExactComment = { ...base };
  for (const [k, v] of Object.entries(over) as [keyof ExactComment, never][]) if (v !== undefined) out[k] = v;
  if (aFull && bFull) out.createdTime = a.createdTime;
  return out;
}

/** Walks any JSON value (no recursion: a deep 5 MB response cannot overflow the stack). */
export function collectComments(value: unknown, into: Map<string, ExactComment> = new Map()): Map<string, ExactComment> {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (isObj(v[i])) stack.push(v[i]);
    } else if (isObj(v)) {
      const c = commentFields(v);
      if (c) into.set(c.id, mergeComment(into.get(c.id), c));
      for (const k in v) {
        const child = v[k];
        if (isObj(child)) stack.push(child);
      }
    }
  }
  return into;
}

const FOR_PREFIX = 'for (;;);';

/**
 * The JSON documents of a response body: one per line (Relay @stream/@defer chunks), each
 * possibly prefixed with `for (;;);`. Lines that are not JSON are skipped.
 */
export function parseDocuments(body: string): unknown[] {
  const out: unknown[] = [];
  for (let line of body.split('\n')) {
    line = line.trim();
    if (line.startsWith(FOR_PREFIX)) line = line.slice(FOR_PREFIX.length).trimStart();
    if (!line || (line[0] !== '{' && line[0] !== '[')) continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      // Not JSON (a truncated chunk, an HTML error page): skipped.
    }
  }
  return out;
}

/** Cheap test before any parsing: bodies without a comment time are not read at all. */
export const mayHoldComments = (text: string): boolean => text.includes('"created_time"') && text.includes('"Comment"');

/** Comments of a `/api/graphql/` response body. */
export function commentsFromGraphQL(body: string, into: Map<string, ExactComment> = new Map()): Map<string, ExactComment> {
  if (typeof body !== 'string' || !mayHoldComments(body)) return into;
  for (const doc of parseDocuments(body)) collectComments(doc, into);
  return into;
}

/**
 * Comments in the first-load JSON blocks (`script[type="application/json"]`, notes §1.3):
 * ordinary DOM, read by the isolated content script. `done` remembers blocks already read
 * (Facebook appends more during hydration).
 */
export function commentsFromEmbedded(doc: Document, into: Map<string, ExactComment> = new Map(), done?: WeakSet<Element>): Map<string, ExactComment> {
  for (const s of doc.querySelectorAll(SEL.jsonScript)) {
    if (done?.has(s)) continue;
    done?.add(s);
    const text = s.textContent ?? '';
    if (!mayHoldComments(text)) continue;
    try {
      collectComments(JSON.parse(text), into);
    } catch {
      // A broken block: skipped.
    }
  }
  return into;
}
