import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, InvalidMessageError } from '../../../lib/background/handlers';
import { createDb, type ThreadmarkDb } from '../../../lib/db/database';
import { createRepository } from '../../../lib/db/repository';
import { DEFAULT_SETTINGS } from '../../../lib/schema/defaults';
import { obs } from '../observation-builder';

const T0 = Date.UTC(2026, 10, 2, 10, 0);
const MIN = 60_000;
let db: ThreadmarkDb;
let now = T0;
const handlers = () =>
  createHandlers({ repo: createRepository(db), settings: async () => ({ ...DEFAULT_SETTINGS, agentName: 'Ana' }), now: () => now });

beforeEach(() => {
  db = createDb(`h-${Math.random()}`);
  now = T0 + 10 * MIN;
});
afterEach(() => db.delete());

describe('background handlers', () => {
  it('answers a sighting with the case clock of each post', async () => {
    const [view] = await handlers().observe({ items: [obs({ at: T0 })] });
    expect(view).toMatchObject({ id: '101', stored: true, queryType: null });
    // Waiting since 10:00, target 30 min → deadline 10:30; one message exchanged.
    expect(view!.clock).toMatchObject({ waitingSince: T0, deadline: T0 + 30 * MIN, exchanged: 1 });
  });

  it('records my reply, stops the clock, and credits it to me', async () => {
    const h = handlers();
    await h.observe({ items: [obs({ at: T0 })] });
    const reply = obs({ id: '102', at: T0 + 5 * MIN, author: 'acme', fromBrand: true, customer: null, inReplyTo: '101' });
    const mine = await h.tag({ observation: reply, patch: { sentBy: 'me' } });
    expect(mine).toMatchObject({ sentBy: 'me' });
    const [customer] = await h.peek({ platform: 'x', ids: ['101'] });
    expect(customer!.clock).toMatchObject({ waitingSince: null, exchanged: 2 });
    expect(await db.messages.get('x:102')).toMatchObject({ agent: 'Ana', caseKey: 'x:100:dana' });
  });

  it('peeks without storing anything', async () => {
    const [view] = await handlers().peek({ platform: 'x', ids: ['999'] });
    expect(view).toMatchObject({ id: '999', stored: false, clock: null });
    expect(await db.messages.count()).toBe(0);
  });

  it.each([
    ['a guessed id', { items: [obs({ id: 'article-3' })] }, /observe: items\.0\.id: not a platform id/],
    ['a missing time', { items: [{ ...obs(), at: undefined }] }, /observe: items\.0\.at/],
    ['an unknown field', { items: [{ ...obs(), extra: 1 }] }, /observe: items\.0/],
  ])('refuses a sighting with %s, saying where, and stores nothing', async (_label, data, message) => {
    await expect(handlers().observe(data)).rejects.toThrow(message);
    await expect(handlers().observe(data)).rejects.toBeInstanceOf(InvalidMessageError);
    expect(await db.messages.count()).toBe(0);
  });

  it.each([
    ['an unknown query type', { queryType: 'rant' }, /tag: patch\.queryType/],
    ['sentiment on a brand reply', { sentiment: 'negative' }, /tag: sentiment is set on customer messages only/],
  ])('refuses a tag with %s', async (_label, patch, message) => {
    const observation = obs({ author: 'acme', fromBrand: true, customer: 'dana' });
    await expect(handlers().tag({ observation, patch })).rejects.toThrow(message);
    expect(await db.messages.count()).toBe(0);
  });
});
