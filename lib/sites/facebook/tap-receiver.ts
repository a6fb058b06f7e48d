/**
 * The content-script side of the tap (isolated world). Anything in the page can post a
 * message that looks like the tap's, so every message is untrusted input: it must come from
 * this window and origin, carry the marker, and match the schema exactly; its items are then
 * held as hints and accepted only for comment ids the page shows (`take`). The adapter also
 * checks each accepted time against the relative time the page shows (index.ts).
 */
import { z } from 'zod';
import { NUMERIC_ID_RE } from './selectors';
import { TAP_MAX_ITEMS, TAP_SOURCE, TAP_VERSION, type TapItem, type TapMessage } from './tap';

const id = z.string().regex(NUMERIC_ID_RE);
/** created_time in Unix seconds: 2004 … 2100. */
const unixSeconds = z.number().int().min(1_072_915_200).max(4_102_444_799);

export const tapItemSchema = z.strictObject({ id, createdTime: unixSeconds, authorId: id.optional(), parentId: id.optional() });
export const tapMessageSchema = z.strictObject({
  source: z.literal(TAP_SOURCE),
  v: z.literal(TAP_VERSION),
  actor: id.optional(),
  items: z.array(tapItemSchema).min(1).max(TAP_MAX_ITEMS),
});

export interface TapEventLike {
  source: unknown;
  origin: string;
  data: unknown;
}

/** The message, when it came from this window and origin and has the tap's exact shape; else null. */
export function readTapMessage(event: TapEventLike, win: { location: { origin: string } }): TapMessage | null {
  if (event.source !== win || event.origin !== win.location.origin) return null;
  const r = tapMessageSchema.safeParse(event.data);
  return r.success ? (r.data as TapMessage) : null;
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
