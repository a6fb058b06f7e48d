import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { clearTeam, countTeamRecords, createTeamDb, importTeamFile, readTeam, readTeamColumns, TEAM_SCHEMA_VERSIONS, type TeamDb } from '../../../lib/db/team';
import { readExportFile, writeExportFile, type ExportFile } from '../../../lib/io/export-format';
import { toColumns } from '../../../lib/metrics';
import { fromAgentFile, mergeTeamRecord, type TeamRecord } from '../../../lib/team/merge';
import { conversation } from '../metrics/build';
import { agentExport, EXPORTED_AT } from '../io/agent-export';

// The team store keeps merged messages in chunk rows (schema v2, lib/db/team.ts) and a page
// caches which chunk holds each key. These tests hold the merge by platform id to what it
// was with one row per message: across transactions, pages (tabs), failed imports and clears.
const NOW = EXPORTED_AT + 3_600_000;
let n = 0;
const opened: Dexie[] = [];
const name = () => `team-chunks-${++n}-${Math.random()}`;
const open = (dbName: string): TeamDb => {
  const db = createTeamDb(dbName);
  opened.push(db);
  return db;
};
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

// Ana, Bea and Cai's files hold the same five messages (each claims the replies): they merge.
// Dan's and Eve's five are other messages.
const shared = agentExport('Ana').records;
const dans = agentExport('Dan').records;
async function fileOf(agent: string): Promise<ExportFile> {
  const read = await readExportFile(`${agent}.tmk.jsonl`, await writeExportFile(agentExport(agent, { records: agent === 'Dan' || agent === 'Eve' ? dans : shared })));
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return read.file;
}

const byKey = (rs: TeamRecord[]) => [...rs].sort((a, b) => (a.key < b.key ? -1 : 1));

/** What importing `agents`' files, in that order, into a fresh store gives. */
async function reference(agents: string[]) {
  const db = open(name());
  for (const a of agents) await importTeamFile(db, await fileOf(a), NOW);
  const t = await readTeam(db);
  return { records: byKey(t.records), disagreements: t.disagreements.map((d) => d.id).sort() };
}

async function state(db: TeamDb) {
  const t = await readTeam(db);
  return { records: byKey(t.records), disagreements: t.disagreements.map((d) => d.id).sort() };
}

describe('the team store in chunks', () => {
  it('merges a file imported in one tab with what another tab of the same store imported', async () => {
    const dbName = name();
    const [a, b] = [open(dbName), open(dbName)];
    await importTeamFile(a, await fileOf('Ana'), NOW);
    await importTeamFile(b, await fileOf('Bea'), NOW);
    await importTeamFile(a, await fileOf('Cai'), NOW);
    const merged = await state(a);
    expect(merged).toEqual(await reference(['Ana', 'Bea', 'Cai']));
    expect(merged.disagreements.some((d) => d.includes('|credit|'))).toBe(true);
    expect(await countTeamRecords(a)).toBe(5);
  });

  it('forgets what an import that failed would have added, so importing that file again works', async () => {
    const db = open(name());
    await importTeamFile(db, await fileOf('Ana'), NOW);
    const add = db.files.add.bind(db.files);
    db.files.add = (() => Promise.reject(new Error('disk full'))) as unknown as typeof db.files.add;
    await expect(importTeamFile(db, await fileOf('Dan'), NOW)).rejects.toThrow('disk full');
    db.files.add = add;
    // A page that remembered the failed transaction's chunk would look for a row never written.
    await importTeamFile(db, await fileOf('Dan'), NOW);
    await importTeamFile(db, await fileOf('Bea'), NOW);
    expect(await state(db)).toEqual(await reference(['Ana', 'Dan', 'Bea']));
    expect(await countTeamRecords(db)).toBe(10);
  });

  it('starts over after another tab cleared the team data', async () => {
    const dbName = name();
    const [a, b] = [open(dbName), open(dbName)];
    await importTeamFile(a, await fileOf('Ana'), NOW);
    await clearTeam(b);
    await importTeamFile(b, await fileOf('Dan'), NOW);
    // Tab a's knowledge of the store is stale: Dan's messages are in a chunk whose id it had seen.
    await importTeamFile(a, await fileOf('Eve'), NOW);
    expect(await state(a)).toEqual(await reference(['Dan', 'Eve']));
    expect(await countTeamRecords(a)).toBe(5);
  });

  it('reads Facebook messages, approximate times, untagged and teammates\' replies into the same columns as their records', async () => {
    const db = open(name());
    const records = [
      ...conversation([['customer', '09:00', { queryType: 'complaint', sentiment: 'negative' }], ['me', '09:30', { status: 'resolved', channel: 'dm' }]], { platform: 'facebook' }),
      ...conversation([['customer', '10:00', { atPrecision: 'approx', noReplyNeeded: true }], ['teammate', '10:40']], { platform: 'facebook' }),
      ...conversation([['customer', '11:00'], ['me', '11:05', { sentiment: 'positive' }]]),
    ].map((r) => (r.platform === 'facebook' ? { ...r, permalink: `https://www.facebook.com/acme/posts/${r.rootId}?comment_id=${r.id}` } : r));
    const read = await readExportFile('ana.tmk.jsonl', await writeExportFile(agentExport('Ana', { records })));
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    await importTeamFile(db, read.file, NOW);
    const { records: stored } = await readTeam(db);
    expect(stored.map((r) => r.platform)).toContain('facebook');
    expect((await readTeamColumns(db)).columns).toEqual(toColumns(stored));
  });

  it.each([
    [1, 'one row per message'],
    [2, 'chunks of records'],
  ])('opens a version %i store (%s) with its messages, files and disagreements, and merges new files into them', async (version) => {
    const dbName = name();
    const v1 = new Dexie(dbName);
    v1.version(1).stores(TEAM_SCHEMA_VERSIONS[0]!.stores as Record<string, string>);
    const rows = new Map<string, TeamRecord>();
    for (const agent of ['Ana', 'Bea']) {
      for (const r of (await fileOf(agent)).records) rows.set(r.key, mergeTeamRecord(rows.get(r.key), fromAgentFile(r, agent)).row);
    }
    await v1.table('messages').bulkPut([...rows.values()]);
    await v1.table('files').put({ sha256: 'f1', name: 'ana.tmk.jsonl', agent: 'Ana', exportedAt: EXPORTED_AT, period: { from: null, to: EXPORTED_AT }, settings: agentExport('Ana').settings, records: 5, importedAt: NOW });
    await v1.table('disagreements').put({ id: 'x:1|status|Ana|Bea', key: 'x:1', field: 'status', kept: { agent: 'Ana', value: 'open', at: 1 }, other: { agent: 'Bea', value: 'resolved', at: 0 } });
    v1.close();
    if (version === 2) {
      // The store as the version 2 build left it: its own upgrade from version 1, then closed.
      const v2 = new Dexie(dbName);
      for (const v of TEAM_SCHEMA_VERSIONS.filter((x) => x.version <= 2)) {
        const declared = v2.version(v.version).stores(v.stores);
        if (v.upgrade) declared.upgrade(v.upgrade);
      }
      const chunks = await v2.table('chunks').toArray();
      expect(chunks.flatMap((c: { records: TeamRecord[] }) => c.records)).toHaveLength(rows.size);
      v2.close();
    }

    const db = open(dbName);
    const upgraded = await readTeam(db);
    expect(db.verno).toBe(TEAM_SCHEMA_VERSIONS.at(-1)!.version);
    expect(byKey(upgraded.records)).toEqual(byKey([...rows.values()]));
    expect(upgraded.files.map((f) => f.sha256)).toEqual(['f1']);
    expect(upgraded.disagreements.map((d) => d.id)).toEqual(['x:1|status|Ana|Bea']);
    expect((await readTeamColumns(db)).columns).toEqual(toColumns(upgraded.records));
    expect(db.tables.map((t) => t.name)).not.toContain('messages');

    await importTeamFile(db, await fileOf('Cai'), NOW);
    expect((await state(db)).records).toEqual((await reference(['Ana', 'Bea', 'Cai'])).records);
  });
});
