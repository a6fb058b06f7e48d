import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { createDb, SCHEMA_VERSIONS } from '../../../lib/db/database';
import { createRepository } from '../../../lib/db/repository';
import { DEFAULT_SETTINGS } from '../../../lib/schema/defaults';
import { mergeObservation } from '../../../lib/db/merge';
import { messageRecordSchema, observationSchema } from '../../../lib/schema/records';
import { obs } from '../observation-builder';

const NOW = Date.UTC(2026, 10, 3, 12);
const H = 3_600_000;
/** A Facebook comment timed only by "2 h" when it was first read. */
const fbApprox = obs({
  platform: 'facebook',
  id: '1220000000000001',
  rootId: '1220000000000001',
  inReplyTo: null,
  author: 'customer.two',
  customer: 'customer.two',
  at: NOW - 2 * H,
  atPrecision: 'approx',
  approxFrom: NOW - 3 * H,
  approxTo: NOW - 2 * H,
  permalink: 'https://www.facebook.com/acme/posts/1?comment_id=1220000000000001',
});

describe('Facebook fields on records', () => {
  it('accepts a Facebook comment with its approximate interval, a Page id and a Business Suite message id', () => {
    expect(observationSchema.safeParse(fbApprox).success).toBe(true);
    expect(observationSchema.safeParse({ ...fbApprox, id: 'mid.$cAABa8Xk2', fromBrand: true, pageId: '104857600000001' }).success).toBe(true);
  });

  it.each([
    ['an interval on an exact time', { atPrecision: 'exact' }, 'approxFrom'],
    ['an interval whose end is not the stored time', { approxTo: NOW }, 'approxTo'],
    ['an interval that ends before it starts', { approxFrom: NOW }, 'approxTo'],
    ['a Page id that is a name', { pageId: 'Acme' }, 'pageId'],
  ])('refuses %s, saying where', (_label, patch, path) => {
    const r = observationSchema.safeParse({ ...fbApprox, ...patch });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it("replaces the approximate time and its interval when Facebook's exact time arrives, and keeps it after", () => {
    const first = mergeObservation(undefined, fbApprox, NOW);
    expect(first).toMatchObject({ atPrecision: 'approx', approxFrom: NOW - 3 * H, approxTo: NOW - 2 * H });
    const exact = mergeObservation(first, { ...fbApprox, at: NOW - 2.5 * H, atPrecision: 'exact', approxFrom: undefined, approxTo: undefined }, NOW + 1);
    expect(exact.atPrecision).toBe('exact');
    expect(exact.at).toBe(NOW - 2.5 * H);
    expect(exact).not.toHaveProperty('approxFrom');
    // A later pass that again reads only "3 h" does not undo it.
    const again = mergeObservation(exact, { ...fbApprox, at: NOW - 3 * H + 1, approxTo: NOW - 3 * H + 1, approxFrom: NOW - 4 * H }, NOW + 2);
    expect(again).toMatchObject({ atPrecision: 'exact', at: NOW - 2.5 * H });
    expect(again).not.toHaveProperty('approxFrom');
    expect(messageRecordSchema.safeParse(again).success).toBe(true);
  });

  it('keeps the Page a reply was sent as, and "sent as you", once learnt', () => {
    const reply = { ...fbApprox, id: '1220000000000002', author: '104857600000001', fromBrand: true, pageId: '104857600000001' };
    const first = mergeObservation(undefined, { ...reply, sentAsPerson: true }, NOW);
    const again = mergeObservation(first, { ...reply, pageId: undefined }, NOW + 1);
    expect(again).toMatchObject({ pageId: '104857600000001', sentAsPerson: true });
  });
});

describe('schema version 4', () => {
  it("reads one site's messages of a period from a database written at version 3", async () => {
    const name = `upgrade-v4-${Math.random()}`;
    const old = createDb(name, SCHEMA_VERSIONS.filter((v) => v.version <= 3));
    await old.messages.bulkPut([mergeObservation(undefined, obs(), 1), mergeObservation(undefined, obs({ id: '102', at: obs().at + 1000 }), 1)]);
    old.close();

    const current = createDb(name);
    await current.open();
    expect(current.verno).toBe(4);
    const x = await current.messages.where('[platform+at]').between(['x', Dexie.minKey], ['x', Dexie.maxKey]).primaryKeys();
    expect(x).toEqual(['x:101', 'x:102']);
    await current.messages.put(mergeObservation(undefined, fbApprox, NOW));
    const fb = await current.messages.where('[platform+at]').between(['facebook', NOW - 3 * H], ['facebook', NOW]).toArray();
    expect(fb.map((r) => [r.key, r.atPrecision, r.approxFrom])).toEqual([['facebook:1220000000000001', 'approx', NOW - 3 * H]]);
    current.close();
    await Dexie.delete(name);
  });
});

describe('"sent as you, not as the Page" reaches the bar', () => {
  it.each([
    ['a reply sent from the agent\'s profile says so', { sentAsPerson: true as const }, true],
    ['a reply sent as the Page does not', { pageId: '104857600000001' }, undefined],
  ])('%s', async (_label, identity, flagged) => {
    const db = createDb(`fb-sent-as-${Math.random()}`);
    try {
      const h = createHandlers({ repo: createRepository(db), settings: async () => ({ ...DEFAULT_SETTINGS, agentName: 'Ana' }), now: () => NOW });
      const reply = { ...fbApprox, id: '1220000000000002', inReplyTo: '1220000000000001', author: '100000000000777', fromBrand: true, customer: null, ...identity };
      const view = await h.tag({ observation: reply, patch: { sentBy: 'me' } });
      expect(view.sentAsPerson).toBe(flagged);
      const [again] = await h.peek({ platform: 'facebook', ids: ['1220000000000002'] });
      expect(again!.sentAsPerson).toBe(flagged);
    } finally {
      await db.delete();
    }
  });
});
