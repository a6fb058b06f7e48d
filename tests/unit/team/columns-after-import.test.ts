import type { DBCore, DBCoreTable } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { clearTeam, createTeamDb, importTeamFile, readTeam, readTeamColumns, settleTeamCredit, type TeamDb } from '../../../lib/db/team';
import { toColumns } from '../../../lib/metrics';
import { claimFile, generatedTeam } from './generated-team';

// The report's load after an import takes the column rows the page has just written from
// memory (lib/db/team ColumnCache) instead of reading them back: the columns must be exactly
// those a page that wrote nothing reads from the store, whatever else wrote meanwhile.
const END = Date.UTC(2026, 0, 1);
const team = generatedTeam({ messages: 5_000, seed: 11, end: END, spanDays: 60 });
const generated = team.records;
const NOW = team.exportedAt + 3_600_000;
/** Each agent's file holds every customer message (they merge: chunks are rewritten) and their own replies (over 2,000 a file: several chunks). */
const bigFile = team.file;
/** Small files of the same messages whose replies every agent claims: disputed credit. */

let n = 0;
const opened: TeamDb[] = [];
/** A page's handle on the store, counting the column rows it reads from IndexedDB. */
function page(dbName: string): { db: TeamDb; rowsRead: () => number } {
  let rows = 0;
  const db = createTeamDb(dbName);
  db.use({
    stack: 'dbcore',
    name: 'count-column-rows',
    create: (down: DBCore): DBCore => ({
      ...down,
      table(name: string): DBCoreTable {
        const t = down.table(name);
        if (name !== 'chunkColumns') return t;
        return {
          ...t,
          getMany: async (req) => {
            const got = await t.getMany(req);
            rows += got.filter((v) => v !== undefined).length;
            return got;
          },
          query: async (req) => {
            const got = await t.query(req);
            if (req.values) rows += got.result.length;
            return got;
          },
          openCursor: async (req) => {
            const cursor = await t.openCursor(req);
            if (cursor && req.values !== false) rows++;
            return cursor;
          },
        };
      },
    }),
  });
  opened.push(db);
  return { db, rowsRead: () => rows };
}
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

/** What a page that wrote nothing reads. */
async function fromStore(dbName: string) {
  return readTeamColumns(page(dbName).db);
}

describe('the report load after an import', () => {
  it('takes the column rows the import wrote from memory, not from the store', async () => {
    const name = `team-after-${++n}`;
    const { db, rowsRead } = page(name);
    await importTeamFile(db, await bigFile('ana'), NOW);
    await importTeamFile(db, await bigFile('bea'), NOW);
    const before = rowsRead();
    const loaded = await readTeamColumns(db);
    expect(rowsRead() - before).toBe(0);
    expect(loaded).toEqual(await fromStore(name));
    expect(loaded.columns).toEqual(toColumns((await readTeam(db)).records));
    expect(loaded.columns.n).toBe(generated.length);
  });

  it('gives the columns, files, disagreements and disputed links a fresh read gives, after merges and a settled claim', async () => {
    const name = `team-after-${++n}`;
    const { db } = page(name);
    for (const f of [await bigFile('ana'), await claimFile('Ana'), await claimFile('Bea'), await bigFile('bea'), await claimFile('Cai')]) await importTeamFile(db, f, NOW);
    const disputed = (await readTeam(db)).disagreements.filter((d) => d.field === 'credit');
    expect(disputed.length).toBeGreaterThan(0);
    const loaded = await readTeamColumns(db);
    expect(loaded.disputed.size).toBeGreaterThan(0);
    expect(loaded).toEqual(await fromStore(name));
    await settleTeamCredit(db, disputed[0]!.key, 'Bea');
    expect(await readTeamColumns(db)).toEqual(await fromStore(name));
  });

  it.each([
    ['another tab merged a file into its chunks', async (other: TeamDb) => importTeamFile(other, await bigFile('bea'), NOW)],
    ['another tab settled a claim in its chunks', async (other: TeamDb) => settleTeamCredit(other, (await readTeam(other)).disagreements.find((d) => d.field === 'credit')!.key, 'Bea')],
    ['another tab cleared the store and imported other files', async (other: TeamDb) => {
      await clearTeam(other);
      await importTeamFile(other, await claimFile('Dan'), NOW);
    }],
  ])('reads the store again when %s', async (_what, write) => {
    const name = `team-after-${++n}`;
    const { db } = page(name);
    await importTeamFile(db, await claimFile('Ana'), NOW);
    await importTeamFile(db, await claimFile('Bea'), NOW);
    await importTeamFile(db, await bigFile('ana'), NOW);
    await write(page(name).db);
    expect(await readTeamColumns(db)).toEqual(await fromStore(name));
  });

  it('keeps nothing of an import that failed', async () => {
    const name = `team-after-${++n}`;
    const { db } = page(name);
    await importTeamFile(db, await bigFile('ana'), NOW);
    const add = db.files.add.bind(db.files);
    db.files.add = (() => Promise.reject(new Error('disk full'))) as unknown as typeof db.files.add;
    await expect(importTeamFile(db, await bigFile('bea'), NOW)).rejects.toThrow('disk full');
    db.files.add = add;
    const loaded = await readTeamColumns(db);
    expect(loaded).toEqual(await fromStore(name));
    expect(loaded.files.map((f) => f.agent)).toEqual(['ana']);
  });
});
