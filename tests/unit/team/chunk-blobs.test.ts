// @vitest-environment node
// (Node's own Blob, which IndexedDB's structured clone keeps; jsdom's is another class.)
import { afterEach, describe, expect, it } from 'vitest';
import { casePermalinks, createTeamDb, importTeamFile, readTeam, readTeamColumns, readTeamPeriod, type TeamDb } from '../../../lib/db/team';
import type { ExportFile } from '../../../lib/io/export-format';
import { chunkBlobs, TEAM_CHUNK, teamFileRows, type TeamFileRows } from '../../../lib/io/team-rows';
import { claimed, claimFile, generatedTeam } from './generated-team';

// The reader worker hands the page each good file's chunk texts as Blobs (lib/io/team-rows
// chunkBlobs), which the store keeps as they are instead of copying the bytes on the page's
// thread. A store of Blob chunks must hold, merge and read exactly what a store of byte
// chunks does.
const END = Date.UTC(2026, 0, 1);
const team = generatedTeam({ messages: 3_000, seed: 21, end: END, spanDays: 60 });
const generated = team.records;
const NOW = team.exportedAt + 3_600_000;
/** Every customer message and the agent's own replies: the second file merges into the first one's chunks. */
const bigFile = team.file;

/** The file as the worker hands it over: rows, and its chunk texts as Blobs. */
function fromWorker(file: ExportFile): TeamFileRows {
  const rows = teamFileRows(file);
  rows.blobs = chunkBlobs(rows);
  return rows;
}

let n = 0;
const opened: TeamDb[] = [];
const open = () => {
  const db = createTeamDb(`team-blobs-${++n}`);
  opened.push(db);
  return db;
};
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function everything(db: TeamDb) {
  const team = await readTeam(db);
  const caseKeys = [...new Set(team.records.map((r) => r.caseKey))].slice(0, 40);
  return {
    records: [...team.records].sort((a, b) => (a.key < b.key ? -1 : 1)),
    disagreements: team.disagreements.map((d) => d.id).sort(),
    columns: await readTeamColumns(db),
    links: await casePermalinks(db, caseKeys),
    period: await readTeamPeriod(db, { from: END - 20 * 86_400_000, to: END - 10 * 86_400_000 }),
  };
}

describe('chunk texts handed over as Blobs', () => {
  it('cuts a file into one Blob per chunk of rows, the last one shorter', async () => {
    const file = await bigFile('ana');
    const rows = fromWorker(file);
    expect(rows.blobs).toHaveLength(Math.ceil(rows.count / TEAM_CHUNK));
    const bytes = await Promise.all(rows.blobs!.map(async (b) => new Uint8Array(await b.arrayBuffer())));
    expect(Buffer.concat(bytes)).toEqual(Buffer.from(rows.text));
  }, 30_000);

  it('stores a new file\'s chunks as its Blobs and holds, merges and reads what byte chunks hold', async () => {
    const files = [await bigFile('ana'), await claimFile('Ana'), await claimFile('Bea'), await bigFile('bea')];
    const asBytes = open();
    for (const f of files) await importTeamFile(asBytes, teamFileRows(f), NOW);
    const asBlobs = open();
    await importTeamFile(asBlobs, fromWorker(files[0]!), NOW);
    // Ana's file, new to the store, went in as the worker's Blobs, every chunk of it.
    const first = await asBlobs.chunks.toArray();
    expect(first.length).toBeGreaterThan(1);
    expect(first.every((c) => c.text instanceof Blob)).toBe(true);
    // The others merge into those chunks (read back inside the merge's transaction) and add their own.
    for (const f of files.slice(1)) await importTeamFile(asBlobs, fromWorker(f), NOW);
    const theirs = await everything(asBlobs);
    expect(theirs).toEqual(await everything(asBytes));
    expect(theirs.records).toHaveLength(generated.length + claimed.length);
    expect(theirs.columns.disputed.size).toBeGreaterThan(0);
    expect(theirs.links.size).toBe(40);
  }, 60_000);
});
