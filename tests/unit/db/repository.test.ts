import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type ThreadmarkDb } from '../../../lib/db/database';
import { createRepository } from '../../../lib/db/repository';
import { obs } from '../observation-builder';

let db: ThreadmarkDb;
beforeEach(() => {
  db = createDb(`test-${Math.random()}`);
});
afterEach(async () => db.delete());

const ctx = { now: Date.UTC(2026, 10, 3), agentName: 'Ana' };

describe('repository', () => {
  it('stores a post once however often it is seen or retried', async () => {
    const repo = createRepository(db);
    for (let i = 0; i < 3; i++) await repo.observe([obs(), obs({ id: '102', at: obs().at + 60_000 })], ctx);
    await repo.tag(obs(), { queryType: 'complaint' }, ctx);
    await repo.tag(obs(), { queryType: 'complaint' }, ctx);
    expect(await db.messages.count()).toBe(2);
    expect((await db.messages.get('x:101'))?.queryType).toBe('complaint');
  });

  it('stores a post that is tagged before it was ever observed', async () => {
    const repo = createRepository(db);
    const r = await repo.tag(obs({ id: '555' }), { status: 'pending' }, ctx);
    expect(r).toMatchObject({ key: 'x:555', status: 'pending' });
    expect(await db.messages.count()).toBe(1);
  });

  it('writes nothing when a refused tag fails halfway', async () => {
    const repo = createRepository(db);
    await expect(repo.tag(obs({ id: '556' }), { sentBy: 'me' }, ctx)).rejects.toThrow(/sender/);
    expect(await db.messages.count()).toBe(0);
  });

  it('gives a brand reply the case of the parent it answers, stored earlier or in the same batch', async () => {
    const repo = createRepository(db);
    await repo.observe([obs()], ctx);
    const [reply] = await repo.observe([obs({ id: '103', author: 'acme', fromBrand: true, customer: null, inReplyTo: '101' })], ctx);
    expect(reply?.caseKey).toBe('x:100:dana');
    const batch = await repo.observe(
      [obs({ id: '201', author: 'eve', customer: 'eve' }), obs({ id: '202', author: 'acme', fromBrand: true, customer: null, inReplyTo: '201' })],
      ctx,
    );
    expect(batch[1]?.caseKey).toBe('x:100:eve');
  });

  it('reads the cases active since a time with their older messages', async () => {
    const repo = createRepository(db);
    const day = 86_400_000;
    await repo.observe(
      [
        obs({ id: '1', at: ctx.now - 90 * day, author: 'old', customer: 'old' }),
        obs({ id: '2', at: ctx.now - 40 * day }),
        obs({ id: '3', at: ctx.now - day, author: 'acme', fromBrand: true, customer: 'dana' }),
      ],
      ctx,
    );
    const rows = await repo.activeSince(ctx.now - 7 * day);
    expect(rows.map((r) => r.id).sort()).toEqual(['2', '3']);
  });

  it('looks up earlier messages unless the case started in the window with its root post', async () => {
    const repo = createRepository(db);
    const day = 86_400_000;
    const since = ctx.now - 7 * day;
    await repo.observe(
      [
        // Eve's thread starts in the window: its root post is stored there, nothing can precede it.
        obs({ id: '300', rootId: '300', inReplyTo: null, at: ctx.now - 3 * day, author: 'eve', customer: 'eve' }),
        obs({ id: '301', rootId: '300', inReplyTo: '300', at: ctx.now - 2 * day, author: 'eve', customer: 'eve' }),
        // Fay's root is stored but older than the window: the case reopened, its root is read.
        obs({ id: '400', rootId: '400', inReplyTo: null, at: ctx.now - 30 * day, author: 'fay', customer: 'fay' }),
        obs({ id: '401', rootId: '400', inReplyTo: '400', at: ctx.now - day, author: 'fay', customer: 'fay' }),
        // Gus's root is just inside the window (within a day of its start): still looked up.
        obs({ id: '499', rootId: '500', inReplyTo: null, at: since - day, author: 'gus', customer: 'gus' }),
        obs({ id: '500', rootId: '500', inReplyTo: null, at: since + 3_600_000, author: 'gus', customer: 'gus' }),
        // Out of the window entirely.
        obs({ id: '600', rootId: '600', inReplyTo: null, at: ctx.now - 20 * day, author: 'hal', customer: 'hal' }),
      ],
      ctx,
    );
    const rows = await repo.activeSince(since);
    expect(rows.map((r) => r.id).sort()).toEqual(['300', '301', '400', '401', '499', '500']);
  });

  it('keeps the number of stored messages: new rows only, never a rolled-back write', async () => {
    const repo = createRepository(db);
    expect(await repo.count()).toBe(0);
    await repo.observe([obs(), obs({ id: '102' }), obs()], ctx);
    await repo.observe([obs(), obs({ id: '102' })], ctx);
    await repo.tag(obs(), { queryType: 'complaint' }, ctx);
    expect(await repo.count()).toBe(2);
    await repo.tag(obs({ id: '103' }), { status: 'pending' }, ctx);
    await expect(repo.tag(obs({ id: '104' }), { sentBy: 'me' }, ctx)).rejects.toThrow(/sender/);
    expect(await repo.count()).toBe(3);
    expect(await repo.count()).toBe(await db.messages.count());
  });
});
