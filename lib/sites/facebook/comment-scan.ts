/**
 * The comments of a large `/api/graphql/` body, read in slices. One JSON.parse of a 5 MB
 * body is a single task of tens of ms on the page's main thread (the tap runs there); this
 * scan finds the `"__typename":"Comment"` objects with a string-aware bracket walk that can
 * stop after any token and go on later, and JSON.parses only those objects (small), so no
 * slice runs longer than its budget. Same documents as parseDocuments (one per line,
 * optional `for (;;);`); a document that ends inside a string or an open bracket (a
 * truncated chunk) gives nothing, as JSON.parse would. Pure, never throws.
 */
import { collectComments, mergeComment, type ExactComment } from './times';

const FOR_PREFIX = 'for (;;);';
const STRUCTURE = /["{}[\]]/g;
const TYPENAME = '__typename';
const COMMENT = '"Comment"';
/** Work units (a token; a parsed object counts one per 64 chars) between two looks at the clock. */
const CHECK_EVERY = 1024;
/** Documents below this size are JSON.parsed whole (native and fast: well under a slice). */
export const WHOLE_DOCUMENT_CHARS = 128 * 1024;

export interface CommentScan {
  /** Scans until done or until `budgetMs` has passed; returns whether it is done. */
  step(budgetMs: number): boolean;
  /** Comments read so far (all of them once `step` returned true). */
  readonly comments: Map<string, ExactComment>;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** The index of the quote that closes the string opened at `open`, or -1. */
function stringEnd(text: string, open: number): number {
  let q = text.indexOf('"', open + 1);
  while (q !== -1) {
    let bs = 0;
    for (let k = q - 1; text.charCodeAt(k) === 92; k--) bs++;
    if (bs % 2 === 0) return q;
    q = text.indexOf('"', q + 1);
  }
  return -1;
}

export function createCommentScan(body: string, now: () => number = () => performance.now()): CommentScan {
  const comments = new Map<string, ExactComment>();
  const lines = typeof body === 'string' ? body.split('\n') : [];
  let line = -1;
  let text = '';
  let re = new RegExp(STRUCTURE.source, 'g');
  /** Open brackets: the object's start index, or -1 for an array. */
  let stack: number[] = [];
  /** Stack index of the outermost open Comment object, or -1. */
  let commentAt = -1;
  /** This document's comments, kept only when it ends well-formed. */
  let found = new Map<string, ExactComment>();
  let bad = false;

  /** Starts the next line: a small document is read whole here; false when it is not one to scan. */
  const startLine = (): boolean => {
    let t = lines[line]!.trim();
    if (t.startsWith(FOR_PREFIX)) t = t.slice(FOR_PREFIX.length).trimStart();
    if (!t || (t[0] !== '{' && t[0] !== '[')) return false;
    if (t.length < WHOLE_DOCUMENT_CHARS) {
      whole(t);
      work += t.length >> 6;
      return false;
    }
    text = t;
    re = new RegExp(STRUCTURE.source, 'g');
    stack = [];
    commentAt = -1;
    found = new Map();
    bad = false;
    return true;
  };

  let work = 0;
  /** A small document as commentsFromGraphQL reads it. */
  const whole = (t: string) => {
    try {
      const doc = collectComments(JSON.parse(t));
      for (const c of doc.values()) comments.set(c.id, mergeComment(comments.get(c.id), c));
    } catch {
      // Not JSON: skipped, as parseDocuments does.
    }
  };

  const endDocument = () => {
    if (!bad && stack.length === 0) for (const c of found.values()) comments.set(c.id, mergeComment(comments.get(c.id), c));
  };

  /** One token; false when the document is finished. */
  const token = (): boolean => {
    const m = re.exec(text);
    if (!m) return false;
    const i = m.index;
    const ch = text.charCodeAt(i);
    if (ch === 34) {
      const end = stringEnd(text, i);
      if (end === -1) {
        bad = true;
        return false;
      }
      re.lastIndex = end + 1;
      const top = stack.length - 1;
      if (top >= 0 && stack[top]! >= 0 && commentAt === -1 && end - i === TYPENAME.length + 1 && text.startsWith(TYPENAME, i + 1)) {
        let k = end + 1;
        while (isSpace(text.charCodeAt(k))) k++;
        if (text.charCodeAt(k) === 58) {
          k++;
          while (isSpace(text.charCodeAt(k))) k++;
          if (text.startsWith(COMMENT, k)) commentAt = top;
        }
      }
      return true;
    }
    if (ch === 123) stack.push(i);
    else if (ch === 91) stack.push(-1);
    else {
      const open = stack.pop();
      if (open === undefined || (ch === 125) !== open >= 0) {
        bad = true;
        return false;
      }
      if (stack.length === commentAt) {
        commentAt = -1;
        work += (i - open) >> 6;
        try {
          collectComments(JSON.parse(text.slice(open, i + 1)), found);
        } catch {
          bad = true;
          return false;
        }
      }
    }
    return true;
  };

  let scanning = false;
  return {
    comments,
    step(budgetMs) {
      const until = now() + budgetMs;
      for (;;) {
        work = 0;
        while (work < CHECK_EVERY) {
          work++;
          if (scanning) {
            if (token()) continue;
            endDocument();
            scanning = false;
          } else if (++line < lines.length) scanning = startLine();
          else return true;
        }
        if (now() >= until) return false;
      }
    },
  };
}
