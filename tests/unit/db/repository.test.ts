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
});
