/**
 * The content-script side of the tap (isolated world). Anything in the page can post a
 * message that looks like the tap's, so every message is untrusted input: it must come from
 * this window and origin, carry the marker, and match the schema (tap-schema.ts) exactly;
 * its items are then held as hints and accepted only for comment ids the page shows (`take`). The adapter also
 * checks each accepted time against the relative time the page shows (index.ts).
 */
import { NUMERIC_ID_RE } from './selectors';
import { TAP_MAX_ITEMS, TAP_MAX_SECONDS, TAP_MIN_SECONDS, TAP_SOURCE, TAP_VERSION, type TapItem, type TapMessage } from './tap';

const isId = (v: unknown): v is string => typeof v === 'string' && NUMERIC_ID_RE.test(v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Every own key is one of `allowed` (zod's strictObject refuses the rest). */
const onlyKeys = (v: Record<string, unknown>, allowed: readonly string[]) => Object.keys(v).every((k) => allowed.includes(k));
const ITEM_KEYS = ['id', 'createdTime', 'authorId', 'parentId'] as const;
const MESSAGE_KEYS = ['source', 'v', 'actor', 'items'] as const;

/** A copy of the item when it has tapItemSchema's exact shape (tap-schema.ts), else null. */
function readItem(v: unknown): TapItem | null {
  if (!isRecord(v) || !onlyKeys(v, ITEM_KEYS)) return null;
  const { id, createdTime, authorId, parentId } = v;
  if (!isId(id) || typeof createdTime !== 'number' || !Number.isInteger(createdTime) || createdTime < TAP_MIN_SECONDS || createdTime > TAP_MAX_SECONDS) return null;
  if ((authorId !== undefined && !isId(authorId)) || (parentId !== undefined && !isId(parentId))) return null;
  const item: TapItem = { id, createdTime };
  if (authorId !== undefined) item.authorId = authorId;
  if (parentId !== undefined) item.parentId = parentId;
  return item;
}

/**
 * The message, copied, when it has tapMessageSchema's exact shape, else null. A hand-written
 * check instead of zod keeps zod out of facebook.js; the zod schema stays the definition and
 * a test proves the two agree.
 */
export function parseTapMessage(v: unknown): TapMessage | null {
  if (!isRecord(v) || !onlyKeys(v, MESSAGE_KEYS)) return null;
  const { source, v: version, actor, items } = v;
  if (source !== TAP_SOURCE || version !== TAP_VERSION || (actor !== undefined && !isId(actor))) return null;
  if (!Array.isArray(items) || items.length < 1 || items.length > TAP_MAX_ITEMS) return null;
  const out: TapItem[] = [];
  // A plain index loop: holes in a sparse array are `undefined`, refused like zod does.
  for (let i = 0; i < items.length; i++) {
    const item = readItem(items[i]);
    if (!item) return null;
    out.push(item);
  }
  return actor === undefined ? { source: TAP_SOURCE, v: TAP_VERSION, items: out } : { source: TAP_SOURCE, v: TAP_VERSION, actor, items: out };
}

export interface TapEventLike {
  source: unknown;
  origin: string;
  data: unknown;
}

/** The message, when it came from this window and origin and has the tap's exact shape; else null. */
export function readTapMessage(event: TapEventLike, win: { location: { origin: string } }): TapMessage | null {
  if (event.source !== win || event.origin !== win.location.origin) return null;
  return parseTapMessage(event.data);
}

/** Pending hints kept at most; the oldest go first (a flood cannot grow memory). */
export const MAX_PENDING = 5000;

export interface TapReceiver {
  /** Reads one `message` event; returns whether it was a valid tap message. */
  receive(event: TapEventLike): boolean;
  /** Items for ids the page shows (`isShown`), each handed out once; the rest stay pending. */
  take(isShown: (commentId: string) => boolean): TapItem[];
  /** The acting profile/Page of the latest request that said (`av`), or null. */
  actor(): string | null;
  pending(): number;
}

export function createTapReceiver(win: { location: { origin: string } }): TapReceiver {
  const pending = new Map<string, TapItem>();
  let actor: string | null = null;
  return {
    receive(event) {
      const msg = readTapMessage(event, win);
      if (!msg) return false;
      if (msg.actor) actor = msg.actor;
      for (const item of msg.items) {
        // The first time seen for an id stays (times do not change); later copies may add fields.
        const had = pending.get(item.id);
        pending.delete(item.id);
        pending.set(item.id, had ? { ...item, ...had, createdTime: had.createdTime } : item);
      }
      while (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value!);
      return true;
    },
    take(isShown) {
      const out: TapItem[] = [];
      for (const [k, item] of pending) {
        if (!isShown(k)) continue;
        out.push(item);
        pending.delete(k);
      }
      return out;
    },
    actor: () => actor,
    pending: () => pending.size,
  };
}
