import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { foldSyncedLeaves, SYNC_SOURCE_PREFIX } from '../../../lib/db/sync-team';
import { countTeamRecords, createTeamDb } from '../../../lib/db/team';
import { record } from './records';

const NOW = Date.UTC(2026, 10, 3);
const agents = [{ user: 'ana', server: 'https://couch.example' }, { user: 'bob', server: 'https://couch.example' }];
const page = new Map([
  ['x:101', [{ owner: 'ana', record: record({ queryType: 'complaint' }) }]],
  ['x:102', [{ owner: 'ana', record: record(undefined, undefined, '102') }, { owner: 'bob', record: record({ queryType: 'feedback' }, undefined, '102') }]],
]);

describe("the lead's team store after a pull", () => {
  it('counts the messages each agent brought once, even when a page is folded again after a crash lost its checkpoint', async () => {
    const db = createTeamDb(`fold-${Math.random()}`);
    await foldSyncedLeaves(db, page, agents, NOW);
    await foldSyncedLeaves(db, page, agents, NOW + 1);
    const counts = Object.fromEntries((await db.files.toArray()).map((f) => [f.sha256, f.records]));
    expect(counts).toEqual({ [`${SYNC_SOURCE_PREFIX}ana`]: 2, [`${SYNC_SOURCE_PREFIX}bob`]: 1 });
    expect(await countTeamRecords(db)).toBe(2);
  });
});
