import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createDb, SCHEMA_VERSIONS } from '../../../lib/db/database';
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
