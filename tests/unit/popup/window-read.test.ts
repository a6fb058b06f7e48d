/**
 * The popup's first read (plain IndexedDB, lib/db/window-read.ts) must give exactly what the
 * repository's Dexie read gives, so the figures shown before and after the live reads start
 * are the same; and it must never create or change the database.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, DB_NAME, MESSAGE_COUNT, SCHEMA_VERSIONS, type ThreadmarkDb } from '../../../lib/db/database';
import { createRepository } from '../../../lib/db/repository';
import { readWindow, WINDOW_READ_SCHEMA } from '../../../lib/db/window-read';
import { obs } from '../observation-builder';

const DAY = 86_400_000;
const ctx = { now: Date.UTC(2026, 10, 3), agentName: 'Ana' };
const since = ctx.now - 7 * DAY;
let dbs: ThreadmarkDb[] = [];
afterEach(async () => {
  for (const d of dbs) await d.delete();
  dbs = [];
});
const fresh = (name: string) => {
  const db = createDb(`${name}-${Math.random()}`);
  dbs.push(db);
  return db;
};

describe('the popup’s first read', () => {
  it('names the database, stores, indexes and count key of lib/db/database.ts', () => {
    const latest = SCHEMA_VERSIONS.at(-1)!.stores;
    expect(WINDOW_READ_SCHEMA.db).toBe(DB_NAME);
    expect(WINDOW_READ_SCHEMA.count).toBe(MESSAGE_COUNT);
    expect(Object.keys(latest)).toEqual(expect.arrayContaining([WINDOW_READ_SCHEMA.messages, WINDOW_READ_SCHEMA.meta]));
    expect(latest[WINDOW_READ_SCHEMA.messages]!.split(/,\s*/)).toEqual(expect.arrayContaining([WINDOW_READ_SCHEMA.at, WINDOW_READ_SCHEMA.caseKey]));
  });

  it('reads the same rows, in the same order, as repository.activeSince, and the kept count', async () => {
    const db = fresh('window');
    const repo = createRepository(db);
    await repo.observe(
      [
        obs({ id: '300', rootId: '300', inReplyTo: null, at: ctx.now - 3 * DAY, author: 'eve', customer: 'eve' }),
        obs({ id: '301', rootId: '300', inReplyTo: '300', at: ctx.now - 2 * DAY, author: 'eve', customer: 'eve' }),
        obs({ id: '400', rootId: '400', inReplyTo: null, at: ctx.now - 30 * DAY, author: 'fay', customer: 'fay' }),
        obs({ id: '401', rootId: '400', inReplyTo: '400', at: ctx.now - DAY, author: 'fay', customer: 'fay' }),
        obs({ id: '499', rootId: '500', inReplyTo: null, at: since - DAY, author: 'gus', customer: 'gus' }),
        obs({ id: '500', rootId: '500', inReplyTo: null, at: since + 3_600_000, author: 'gus', customer: 'gus' }),
        obs({ id: '600', rootId: '600', inReplyTo: null, at: ctx.now - 20 * DAY, author: 'hal', customer: 'hal' }),
      ],
      ctx,
    );
    await repo.tag(obs({ id: '401', rootId: '400', inReplyTo: '400', at: ctx.now - DAY, author: 'fay', customer: 'fay' }), { queryType: 'complaint' }, ctx);
    const expected = await repo.activeSince(since);
    db.close();
    const read = await readWindow(since, db.name);
    expect(read).toEqual({ records: expected, total: 7 });
    expect(read!.records.map((r) => r.id).sort()).toEqual(['300', '301', '400', '401', '499', '500']);
  });

  it('leaves a User Timing mark at each step of the read, in order (the popup bench breaks an open down with them)', async () => {
    const db = fresh('marks');
    await createRepository(db).observe([obs({ id: '700', rootId: '700', inReplyTo: null, at: ctx.now - DAY, author: 'ivy', customer: 'ivy' })], ctx);
    db.close();
    performance.clearMarks();
    await readWindow(since, db.name);
    const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('threadmark:'));
    expect(marks.map((m) => m.name)).toEqual(['threadmark:read-start', 'threadmark:db-open', 'threadmark:window-rows', 'threadmark:read-done']);
    expect(marks.map((m) => m.startTime)).toEqual([...marks.map((m) => m.startTime)].sort((x, y) => x - y));
  });

  it('creates nothing when there is no database yet, and leaves it to Dexie', async () => {
    const name = `absent-${Math.random()}`;
    expect(await readWindow(since, name)).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
    // Dexie then creates it with its own schema.
    const db = createDb(name);
    dbs.push(db);
    expect(await createRepository(db).count()).toBe(0);
  });

  it('never holds up an upgrade: it closes when another connection wants a new version', async () => {
    const db = fresh('upgrade');
    await createRepository(db).observe([obs()], ctx);
    db.close();
    const reading = readWindow(since, db.name);
    const upgraded = createDb(db.name, [...SCHEMA_VERSIONS, { version: 3, stores: { ...SCHEMA_VERSIONS.at(-1)!.stores } }]);
    dbs.push(upgraded);
    expect(await createRepository(upgraded).count()).toBe(1);
    expect((await reading)?.total).toBe(1);
  });
});
