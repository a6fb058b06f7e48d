import { afterEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../bench/data';
import { casePermalinks, createTeamDb, readTeam, readTeamColumns, readTeamPeriod, type TeamDb } from '../../../lib/db/team';
import { computeColumnFigures, computeFigures, toColumns } from '../../../lib/metrics';
import { importFiles, type InputFile } from '../../../lib/team/import';
import { settings } from '../metrics/build';
import { generatedTeam } from './generated-team';

// The report page reads the team store (rows, schema v1) into columns page by page
// (lib/db/team readTeamColumns): the same messages, the same figures, no object kept per
// message; texts and links are read on demand for the few messages a list shows.
let db: TeamDb;
let n = 0;
afterEach(async () => {
  await db?.delete();
});

const END = Date.UTC(2026, 0, 1);
const team = generatedTeam({ messages: 2_500, seed: 5, end: END, spanDays: 40 });
const generated = team.records;
const input = (name: string, text: string): InputFile => ({ name, size: text.length, text: async () => text });
/** Each agent's file: every customer message and their own replies (both hold the customers' messages). */
const fileOf = team.fileText;

async function teamStore(): Promise<TeamDb> {
  db = createTeamDb(`team-columns-${++n}`);
  const out = await importFiles(db, [input('ana.tmk.jsonl', await fileOf('ana')), input('bea.tmk.jsonl', await fileOf('bea'))], END);
  expect(out.map((o) => o.status)).toEqual(['imported', 'imported']);
  return db;
}

describe('the team store read as columns', () => {
  it('holds every merged message once, in pages, as the whole read would', async () => {
    await teamStore();
    const { records } = await readTeam(db);
    const read = await readTeamColumns(db, 128);
    expect(records).toHaveLength(generated.length);
    expect(read.columns).toEqual(toColumns(records));
    expect(read.files.map((f) => f.agent)).toEqual(['ana', 'bea']);
  });

  it.each([[undefined], ['ana'], ['bea']])('gives the team figures of the records for agent %s', async (agent) => {
    await teamStore();
    const { records } = await readTeam(db);
    const { columns } = await readTeamColumns(db, 100);
    const q = { from: END - 40 * DAY_MS, to: END, now: END, timeZone: 'UTC', ...(agent && { agent }) };
    const figures = computeColumnFigures(columns, settings(), q);
    expect(figures).toEqual(computeFigures(records, settings(), q));
    expect(figures.replies.count).toBeGreaterThan(50);
  });

  it('reads the links of listed cases and the records of a period on demand', async () => {
    await teamStore();
    const { records } = await readTeam(db);
    const key = records.find((r) => r.fromBrand)!.caseKey;
    const firstCustomer = records.filter((r) => r.caseKey === key && !r.fromBrand).sort((a, b) => a.at - b.at)[0]!;
    expect(await casePermalinks(db, [key])).toEqual(new Map([[key, firstCustomer.permalink]]));
    const period = { from: END - 10 * DAY_MS, to: END - 5 * DAY_MS };
    const inPeriod = await readTeamPeriod(db, period);
    expect(inPeriod.map((r) => r.key).sort()).toEqual(records.filter((r) => r.at >= period.from && r.at < period.to).map((r) => r.key).sort());
  });
});
