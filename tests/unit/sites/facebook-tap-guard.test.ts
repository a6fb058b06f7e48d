import { describe, expect, it } from 'vitest';
import { TAP_MAX_ITEMS, TAP_MAX_SECONDS, TAP_MIN_SECONDS, TAP_SOURCE, TAP_VERSION } from '../../../lib/sites/facebook/tap';
import { parseTapMessage } from '../../../lib/sites/facebook/tap-receiver';
import { tapMessageSchema } from '../../../lib/sites/facebook/tap-schema';
import { seededRandom } from '../../seeded-random';

/**
 * facebook.js checks the tap's messages without zod (parseTapMessage); the zod schema in
 * tap-schema.ts stays the definition. These cases and the generated ones prove the two
 * accept and refuse exactly the same messages, and accept them as the same value.
 */
const item = (over: Record<string, unknown> = {}) => ({ id: '1234567890', createdTime: 1_700_000_000, ...over });
const msg = (over: Record<string, unknown> = {}) => ({ source: TAP_SOURCE, v: TAP_VERSION, items: [item()], ...over });

function agree(value: unknown): { zod: boolean; guard: boolean } {
  const z = tapMessageSchema.safeParse(value);
  const g = parseTapMessage(value);
  if (z.success && g) expect(g).toEqual(z.data);
  return { zod: z.success, guard: g !== null };
}

const sparse = [item(), item()];
delete (sparse as unknown[])[1];

const CASES: [string, boolean, unknown][] = [
  ['the tap\'s message', true, msg()],
  ['with the actor and every item field', true, msg({ actor: '42', items: [item({ authorId: '7', parentId: '8' })] })],
  ['with optional fields present but undefined', true, msg({ actor: undefined, items: [item({ authorId: undefined })] })],
  ['at the earliest time', true, msg({ items: [item({ createdTime: TAP_MIN_SECONDS })] })],
  ['at the latest time', true, msg({ items: [item({ createdTime: TAP_MAX_SECONDS })] })],
  ['with the most items', true, msg({ items: Array.from({ length: TAP_MAX_ITEMS }, (_, i) => item({ id: String(i + 1) })) })],
  ['a second before the earliest time', false, msg({ items: [item({ createdTime: TAP_MIN_SECONDS - 1 })] })],
  ['a second after the latest time', false, msg({ items: [item({ createdTime: TAP_MAX_SECONDS + 1 })] })],
  ['a time in milliseconds', false, msg({ items: [item({ createdTime: 1_700_000_000_000 })] })],
  ['a fractional time', false, msg({ items: [item({ createdTime: 1_700_000_000.5 })] })],
  ['a time as a string', false, msg({ items: [item({ createdTime: '1700000000' })] })],
  ['NaN or Infinity as the time', false, msg({ items: [item({ createdTime: NaN }), item({ createdTime: Infinity })] })],
  ['one item too many', false, msg({ items: Array.from({ length: TAP_MAX_ITEMS + 1 }, () => item()) })],
  ['no items', false, msg({ items: [] })],
  ['items that are not an array', false, msg({ items: { 0: item(), length: 1 } })],
  ['a hole in the items', false, msg({ items: sparse })],
  ['an item that is an array', false, msg({ items: [['1234567890', 1_700_000_000]] })],
  ['an item with an extra field', false, msg({ items: [item({ text: 'hi' })] })],
  ['a message with an extra field', false, msg({ html: '<b>' })],
  ['another source', false, msg({ source: 'threadmark-fb-tap ' })],
  ['another version', false, msg({ v: 2 })],
  ['the version as a string', false, msg({ v: '1' })],
  ['an id with letters', false, msg({ items: [item({ id: '12a4' })] })],
  ['an id of 26 digits', false, msg({ items: [item({ id: '1'.repeat(26) })] })],
  ['an empty id', false, msg({ items: [item({ id: '' })] })],
  ['an id with a newline after it', false, msg({ items: [item({ id: '123\n' })] })],
  ['a numeric id as a number', false, msg({ items: [item({ id: 1234567890 })] })],
  ['an actor that is not an id', false, msg({ actor: 'me' })],
  ['a null actor', false, msg({ actor: null })],
  ['a parent id that is not an id', false, msg({ items: [item({ parentId: 'x' })] })],
  ['an author id of null', false, msg({ items: [item({ authorId: null })] })],
  ['null', false, null],
  ['a string', false, JSON.stringify(msg())],
  ['an array', false, [msg()]],
  ['a Map', false, new Map(Object.entries(msg()))],
];

describe("facebook.js's check of tap messages agrees with the zod schema", () => {
  it.each(CASES)('%s (accepted: %s)', (_name, accepted, value) => {
    expect(agree(value)).toEqual({ zod: accepted, guard: accepted });
  });

  it('agrees on thousands of generated messages, valid and broken', () => {
    // A seeded generator (mulberry32): the same messages every run.
    const rnd = seededRandom(0x5eed);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const values: unknown[] = [undefined, null, 0, -1, 1, 2, 1.5, NaN, '', '1', '007', 'x1', '1'.repeat(25), '1'.repeat(26), TAP_MIN_SECONDS, TAP_MAX_SECONDS, TAP_MAX_SECONDS + 1, 1_700_000_000, true, [], {}, TAP_SOURCE, TAP_VERSION];
    const keys = ['id', 'createdTime', 'authorId', 'parentId', 'source', 'v', 'actor', 'items', 'extra'];
    let accepted = 0;
    for (let n = 0; n < 5000; n++) {
      const m: Record<string, unknown> = msg({ items: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => item(rnd() < 0.5 ? { authorId: '5' } : {})) });
      // Zero to three random edits, on the message or on one of its items.
      for (let e = Math.floor(rnd() * 4); e > 0; e--) {
        const items = m.items as Record<string, unknown>[];
        const target = rnd() < 0.5 || !Array.isArray(items) || !items.length ? m : pick(items);
        const k = pick(keys);
        if (rnd() < 0.2) delete target[k];
        else target[k] = pick(values);
      }
      const r = agree(m);
      expect(r.guard, JSON.stringify(m)).toBe(r.zod);
      if (r.zod) accepted++;
    }
    // Both kinds were generated in number.
    expect(accepted).toBeGreaterThan(500);
    expect(accepted).toBeLessThan(4500);
  });
});
