import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createDb, MESSAGE_COUNT, SCHEMA_VERSIONS } from '../../../lib/db/database';
import type { MessageRecord } from '../../../lib/schema/records';
import { createRepository } from '../../../lib/db/repository';
import { mergeObservation } from '../../../lib/db/merge';
import { obs } from '../observation-builder';

/**
 * An agent's history must open in every later build. For each shipped schema version,
 * write a database exactly as that version did, then open it with the current code.
 */
describe.each(SCHEMA_VERSIONS.map((v) => [v.version]))('a database written at schema version %i', (version) => {
  it('opens with the current schema with every message and tag intact', async () => {
    const name = `upgrade-${version}-${Math.random()}`;
    const old = createDb(name, SCHEMA_VERSIONS.filter((v) => v.version <= version));
    const record = { ...mergeObservation(undefined, obs(), 1), queryType: 'complaint' as const };
    await old.messages.put(record);
    old.close();

    const current = createDb(name);
    await current.open();
    expect(current.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    expect(await current.messages.get('x:101')).toMatchObject({ queryType: 'complaint', caseKey: 'x:100:dana' });
    expect(await current.messages.where('caseKey').equals('x:100:dana').count()).toBe(1);
    current.close();
    await Dexie.delete(name);
  });
});

describe('the kept message count (schema version 2)', () => {
  it('is computed from the stored rows when a version 1 database opens, then kept by writes', async () => {
    const name = `upgrade-count-${Math.random()}`;
    const old = createDb(name, SCHEMA_VERSIONS.filter((v) => v.version === 1));
    await old.messages.bulkPut([mergeObservation(undefined, obs(), 1), mergeObservation(undefined, obs({ id: '102' }), 1)]);
    old.close();

    const current = createDb(name);
    const repo = createRepository(current);
    expect(await repo.count()).toBe(2);
    await repo.observe([obs({ id: '102' }), obs({ id: '103' })], { now: 2, agentName: '' });
    expect(await repo.count()).toBe(3);
    current.close();
    await Dexie.delete(name);
  });
});

/**
 * Years of history: thousands of rows written at each shipped version, every tag kind among
 * them, must all come through the upgrade unchanged, with the kept count right.
 */
const ROWS = 5000;
const QUERY_TYPES = ['complaint', 'feedback', 'recommendation', 'technical_question', 'response', 'other', null] as const;
const STATUS = ['open', 'pending', 'escalated', 'resolved', null] as const;
const SENTIMENT = ['negative', 'neutral', 'positive', null] as const;

function history(): MessageRecord[] {
  const rows: MessageRecord[] = [];
  for (let i = 0; i < ROWS; i++) {
    const customer = `c${i % 400}`;
    const brand = i % 3 === 0;
    const base = mergeObservation(
      undefined,
      obs({
        id: String(10_000 + i),
        rootId: String(9_000 + (i % 400)),
        inReplyTo: String(9_000 + (i % 400)),
        author: brand ? 'acme' : customer,
        fromBrand: brand,
        customer,
        at: Date.UTC(2024, 0, 1) + i * 3_600_000,
        text: `message ${i} ünïcödé ✓`,
      }),
      Date.UTC(2024, 0, 1) + i * 3_600_000 + 1000,
    );
    rows.push({
      ...base,
      queryType: brand ? null : QUERY_TYPES[i % QUERY_TYPES.length]!,
      status: STATUS[i % STATUS.length]!,
      sentiment: brand ? null : SENTIMENT[i % SENTIMENT.length]!,
      noReplyNeeded: !brand && i % 11 === 0,
    });
  }
  return rows;
}

describe.each(SCHEMA_VERSIONS.map((v) => [v.version]))(`${ROWS} rows written at schema version %i`, (version) => {
  it('all open with the current code unchanged, and the kept count is right', async () => {
    const name = `upgrade-bulk-${version}-${Math.random()}`;
    const shipped = SCHEMA_VERSIONS.filter((v) => v.version <= version);
    const old = createDb(name, shipped);
    const rows = history();
    await old.messages.bulkPut(rows);
    // A version with the meta store kept the count itself.
    if (shipped.at(-1)!.stores.meta) await old.table('meta').put({ key: MESSAGE_COUNT, value: rows.length });
    old.close();

    const current = createDb(name);
    const repo = createRepository(current);
    expect(await repo.count()).toBe(ROWS);
    expect(current.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    const stored = await current.messages.toArray();
    const byKey = new Map(stored.map((r) => [r.key, r]));
    expect(stored).toHaveLength(ROWS);
    const changed = rows.filter((r) => JSON.stringify(byKey.get(r.key)) !== JSON.stringify(r));
    expect(changed.map((r) => r.key)).toEqual([]);
    // The indexes came through: a case reads its rows, a period its window.
    expect(await current.messages.where('caseKey').equals(rows[0]!.caseKey).count()).toBe(rows.filter((r) => r.caseKey === rows[0]!.caseKey).length);
    expect(await current.messages.where('at').aboveOrEqual(rows[ROWS - 10]!.at).count()).toBe(10);
    // And the count is kept from there on: a new row counts, a re-tagged old one does not.
    await repo.tag(obs({ id: '99999999' }), { status: 'pending' }, { now: Date.now(), agentName: 'Ana' });
    await repo.tag(obs({ id: '10001', rootId: '9001', inReplyTo: '9001', author: 'c1', customer: 'c1', at: rows[1]!.at }), { status: 'resolved' }, { now: Date.now(), agentName: 'Ana' });
    expect(await repo.count()).toBe(ROWS + 1);
    current.close();
    await Dexie.delete(name);
  }, 60_000);
});
