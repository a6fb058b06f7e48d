/**
 * The MAIN-world network tap (notes/facebook-2026.md §1.4): wraps XMLHttpRequest and fetch
 * **read-only** to see the page's own `/api/graphql/` responses, and forwards the few fields
 * Threadmark stores (comment id, created_time, author id, parent id, and the acting actor
 * `av` of the request) to the content script with `window.postMessage`.
 *
 * Rules, each tested (tests/unit/sites/facebook-tap.test.ts):
 * - never changes a request or a response: the original is called with the same arguments
 *   and the page receives the very promise / Response / responseText the browser produced;
 *   the tap reads a `clone()` of fetch responses and `responseText` after `load`;
 * - never sends a request of its own;
 * - chains with other wrappers installed before or after it, installs once per window;
 * - any error of its own is swallowed (nothing throws into the page), and parsing runs
 *   after the page's handlers (a macrotask later).
 * No dependencies (this file is bundled into the MAIN-world script): no zod here; the
 * receiving side (tap-receiver.ts) validates.
 */
import { createCommentScan } from './comment-scan';
import { commentsFromGraphQL, mayHoldComments, type ExactComment } from './times';
import { NUMERIC_ID_RE } from './selectors';
import type { TapItemShape, TapMessageShape } from './tap-schema';

export const TAP_SOURCE = 'threadmark-fb-tap';
export const TAP_VERSION = 1;
/** At most this many items per message (a 5 MB response holds a few thousand comments at most). */
export const TAP_MAX_ITEMS = 2000;

/** created_time bounds the content script accepts, Unix seconds: 2004 … 2100. */
export const TAP_MIN_SECONDS = 1_072_915_200;
export const TAP_MAX_SECONDS = 4_102_444_799;

/**
 * One comment's fields and the whole message, typed from the zod schemas in tap-schema.ts
 * (a type-only import: no zod in this bundle). `createdTime` is Unix seconds; `actor` is the
 * `av` of the request (the acting profile or Page), when the request said.
 */
export type TapItem = TapItemShape;
export type TapMessage = TapMessageShape;

/** What the tap needs of a window (a real one in the page, a fake one in tests). */
export interface TapWindow {
  XMLHttpRequest?: { prototype: XMLHttpRequest };
  fetch?: typeof fetch;
  location: { origin: string; href?: string };
  postMessage(message: unknown, targetOrigin: string): void;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

export interface TapOptions {
  /** Where summaries go; default `win.postMessage(msg, win.location.origin)`. */
  post?: (msg: TapMessage) => void;
  /** When to parse; default a macrotask later (after the page's own handlers). */
  defer?: (fn: () => void) => void;
  /** The clock that ends a slice; default performance.now (tests pass a steady one). */
  now?: () => number;
}

const INSTALLED = Symbol.for('threadmark.fb-tap');
const noop = () => {};

/** A same-origin `/api/graphql/` URL (Facebook and Business Suite both post there). */
export function isGraphQLUrl(url: string, origin: string): boolean {
  try {
    const u = new URL(url, origin);
    return u.origin === origin && (u.pathname === '/api/graphql/' || u.pathname === '/api/graphql');
  } catch {
    return false;
  }
}

/** `av` (acting actor) of a request body: form-urlencoded string, URLSearchParams or FormData. Never consumes a stream. */
export function actorOf(body: unknown): string | undefined {
  try {
    let av: unknown = null;
    if (typeof body === 'string') av = new URLSearchParams(body).get('av');
    else if (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) av = body.get('av');
    else if (typeof FormData !== 'undefined' && body instanceof FormData) av = body.get('av');
    return typeof av === 'string' && NUMERIC_ID_RE.test(av) ? av : undefined;
  } catch {
    return undefined;
  }
}

/** The message for the comments read, or null when none is timed. */
function messageOf(comments: Map<string, ExactComment>, actor?: string): TapMessage | null {
  const items: TapItem[] = [];
  for (const c of comments.values()) {
    if (c.createdTime === undefined) continue;
    const item: TapItem = { id: c.id, createdTime: c.createdTime };
    if (c.authorId) item.authorId = c.authorId;
    if (c.parentId) item.parentId = c.parentId;
    items.push(item);
    if (items.length >= TAP_MAX_ITEMS) break;
  }
  if (!items.length) return null;
  return actor ? { source: TAP_SOURCE, v: TAP_VERSION, actor, items } : { source: TAP_SOURCE, v: TAP_VERSION, items };
}

/** The message for one response body, or null when it holds no timed comment. */
export function summarise(body: string, actor?: string): TapMessage | null {
  if (typeof body !== 'string' || !mayHoldComments(body)) return null;
  return messageOf(commentsFromGraphQL(body), actor);
}

/** Bodies from this size on are read in slices (comment-scan.ts): one JSON.parse of them would be a long task. */
export const SLICED_FROM_CHARS = 256 * 1024;
/** Main-thread time one slice may take (a long task is 50 ms). */
export const SLICE_MS = 8;

/**
 * summarise for the page's main thread: small bodies in one go, large ones in slices of
 * SLICE_MS with `defer` between them, so the page never waits on the tap for long.
 */
export function summariseInSlices(body: string, actor: string | undefined, defer: (fn: () => void) => void, done: (msg: TapMessage | null) => void, now?: () => number): void {
  if (typeof body !== 'string' || !mayHoldComments(body)) return done(null);
  if (body.length < SLICED_FROM_CHARS) return done(summarise(body, actor));
  const scan = createCommentScan(body, now);
  const slice = () => {
    if (scan.step(SLICE_MS)) done(messageOf(scan.comments, actor));
    else defer(slice);
  };
  slice();
}

function requestUrl(input: unknown): string | null {
  if (typeof input === 'string') return input;
  if (input && typeof input === 'object') {
    const u = (input as { url?: unknown; href?: unknown }).url ?? (input as { href?: unknown }).href;
    if (typeof u === 'string') return u;
  }
  return null;
}

/**
 * Installs the tap on `win` (once). Returns an uninstaller that restores the originals when
 * no other wrapper has been installed on top since, and otherwise just turns the tap off.
 */
export function installTap(win: TapWindow, opts: TapOptions = {}): () => void {
  const w = win as TapWindow & { [INSTALLED]?: boolean };
  if (w[INSTALLED]) return noop;
  w[INSTALLED] = true;
  let on = true;
  const origin = win.location.origin;
  const post = opts.post ?? ((msg: TapMessage) => win.postMessage(msg, origin));
  const defer = opts.defer ?? ((fn: () => void) => void (win.setTimeout ?? setTimeout)(fn, 0));
  const handle = (text: string, actor: string | undefined) => {
    if (!on) return;
    // Every slice runs in its own task, each guarded: nothing of the tap ever throws into the page.
    const guarded = (fn: () => void) =>
      defer(() => {
        try {
          fn();
        } catch {
          // Never into the page.
        }
      });
    guarded(() =>
      summariseInSlices(
        text,
        actor,
        guarded,
        (msg) => {
          if (msg) post(msg);
        },
        opts.now,
      ),
    );
  };
  const undo: (() => void)[] = [];

  const proto = win.XMLHttpRequest?.prototype;
  if (proto && typeof proto.open === 'function' && typeof proto.send === 'function') {
    const origOpen = proto.open;
    const origSend = proto.send;
    const urls = new WeakMap<object, string>();
    const open = function (this: XMLHttpRequest, ...args: unknown[]) {
      try {
        if (on) urls.set(this, String(args[1]));
      } catch {
        // ignore
      }
      return (origOpen as (...a: unknown[]) => void).apply(this, args);
    };
    const send = function (this: XMLHttpRequest, ...args: unknown[]) {
      try {
        const url = on ? urls.get(this) : undefined;
        if (url && isGraphQLUrl(url, origin)) {
          const actor = actorOf(args[0]);
          const xhr = this;
          xhr.addEventListener('load', () => {
            try {
              if (xhr.responseType === '' || xhr.responseType === 'text') handle(xhr.responseText, actor);
            } catch {
              // ignore
            }
          });
        }
      } catch {
        // ignore
      }
      return (origSend as (...a: unknown[]) => void).apply(this, args);
    };
    proto.open = open as XMLHttpRequest['open'];
    proto.send = send as XMLHttpRequest['send'];
    undo.push(() => {
      if (proto.open === open) proto.open = origOpen;
      if (proto.send === send) proto.send = origSend;
    });
  }

  const origFetch = win.fetch;
  if (typeof origFetch === 'function') {
    const wrapped = function (this: unknown, ...args: Parameters<typeof fetch>): Promise<Response> {
      const p = origFetch.apply(this, args);
      try {
        const url = on ? requestUrl(args[0]) : null;
        if (url && isGraphQLUrl(url, origin) && p && typeof p.then === 'function') {
          const actor = actorOf(args[1]?.body);
          // Registered before the page can read the body: the clone is taken first. The
          // rejection handler (noop) is on our branch only; the page's promise `p` is returned as is.
          p.then((res) => {
            try {
              if (!res || res.bodyUsed || typeof res.clone !== 'function') return;
              res
                .clone()
                .text()
                .then((t) => handle(t, actor), noop);
            } catch {
              // ignore
            }
          }, noop);
        }
      } catch {
        // ignore
      }
      return p;
    };
    win.fetch = wrapped as typeof fetch;
    undo.push(() => {
      if (win.fetch === wrapped) win.fetch = origFetch;
    });
  }

  return () => {
    on = false;
    for (const u of undo) u();
    w[INSTALLED] = false;
  };
}
