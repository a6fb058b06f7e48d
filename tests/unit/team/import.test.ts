import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../../lib/db/database';
import { clearTeam, countTeamRecords, createTeamDb, readTeam, settleTeamCredit, type TeamDb } from '../../../lib/db/team';
import { readExportBytes, readExportFile, writeExportFile } from '../../../lib/io/export-format';
import { teamFileRows, type TeamReadResult } from '../../../lib/io/team-rows';
import { importFiles, type InputFile } from '../../../lib/team/import';
import { conversation } from '../metrics/build';
import { agentExport, EXPORTED_AT } from '../io/agent-export';
import { malformedExports } from '../io/malformed-exports';

let n = 0;
let db: TeamDb;
const fresh = () => (db = createTeamDb(`team-test-${++n}`));
afterEach(async () => {
  await db?.delete();
});

const input = (name: string, text: string): InputFile => ({ name, size: text.length, text: async () => text });
const NOW = EXPORTED_AT + 3_600_000;

async function snapshot(d: TeamDb) {
  const t = await readTeam(d);
  return { records: t.records, files: t.files.map((f) => f.sha256), disagreements: t.disagreements };
}

describe('importing agents\' files into the team store', () => {
  it('merges two agents\' files and keeps each one\'s replies theirs', async () => {
    fresh();
    const ana = agentExport('Ana');
    const bea = agentExport('Bea', { records: conversation([['customer', '13:00'], ['me', '13:10']], { agent: 'Bea' }) });
    const out = await importFiles(db, [input('ana.tmk.jsonl', await writeExportFile(ana)), input('bea.tmk.jsonl', await writeExportFile(bea))], NOW);
    expect(out).toEqual([
      { name: 'ana.tmk.jsonl', agent: 'Ana', records: 5, status: 'imported', added: 5, updated: 0 },
      { name: 'bea.tmk.jsonl', agent: 'Bea', records: 2, status: 'imported', added: 2, updated: 0 },
    ]);
    const team = await readTeam(db);
    expect(team.records).toHaveLength(7);
    expect(team.records.filter((r) => r.sentBy === 'me').map((r) => r.agent).sort()).toEqual(['Ana', 'Bea']);
    expect(team.files.map((f) => f.agent)).toEqual(['Ana', 'Bea']);
  });

  it('changes nothing when the same file is imported twice', async () => {
    fresh();
    const text = await writeExportFile(agentExport('Ana'));
    await importFiles(db, [input('a.tmk.jsonl', text)], NOW);
    const before = await snapshot(db);
    const out = await importFiles(db, [input('a-copy.tmk.jsonl', text)], NOW + 1000);
    expect(out[0]).toMatchObject({ status: 'duplicate' });
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses a bad file with its name, line and field, stores nothing of it, and still imports the good ones', async () => {
    fresh();
    const good = await writeExportFile(agentExport('Ana'));
    const lines = (await writeExportFile(agentExport('Bea'))).split('\n');
    lines[2] = lines[2]!.replace('"atPrecision":"exact"', '"atPrecision":"roughly"');
    const out = await importFiles(db, [input('bea.tmk.jsonl', lines.join('\n')), input('ana.tmk.jsonl', good)], NOW);
    expect(out[0]).toMatchObject({ status: 'refused', errors: [expect.objectContaining({ file: 'bea.tmk.jsonl', line: 3, field: 'record.atPrecision' })] });
    expect(out[1]).toMatchObject({ status: 'imported' });
    const team = await readTeam(db);
    expect(team.files.map((f) => f.agent)).toEqual(['Ana']);
    expect(team.records.every((r) => r.tagBy !== 'Bea' && !r.claimants.includes('Bea'))).toBe(true);
  });

  it('refuses an oversized file without reading it', async () => {
    fresh();
    let read = false;
    const out = await importFiles(db, [{ name: 'huge.tmk.jsonl', size: 100 * 1024 * 1024, text: async () => ((read = true), '') }], NOW);
    expect(out[0]).toMatchObject({ status: 'refused', errors: [expect.objectContaining({ problem: 'tooLarge' })] });
    expect(read).toBe(false);
  });

  it('stores nothing from any of 1,000 malformed or hostile files', async () => {
    fresh();
    const files = await malformedExports(await writeExportFile(agentExport('Ana')), 1000, 99);
    const out = await importFiles(db, files.map((f, i) => input(`fuzz-${i}-${f.kind}.tmk.jsonl`, f.text)), NOW);
    expect(out.filter((o) => o.status !== 'refused').map((o) => o.name)).toEqual([]);
    expect(await countTeamRecords(db)).toBe(0);
    expect(await db.files.count()).toBe(0);
    expect(await db.disagreements.count()).toBe(0);
  });

  it('clears the team data without touching the lead\'s own records', async () => {
    fresh();
    const own = conversation([['customer', '09:00']]);
    await getDb().messages.bulkPut(own);
    await importFiles(db, [input('a', await writeExportFile(agentExport('Ana')))], NOW);
    await clearTeam(db);
    expect(await snapshot(db)).toEqual({ records: [], files: [], disagreements: [] });
    expect(await getDb().messages.count()).toBe(1);
    await getDb().messages.clear();
  });

  it('lists two agents claiming one reply and lets the lead settle it', async () => {
    fresh();
    const base = agentExport('Ana');
    await importFiles(db, [input('a', await writeExportFile(base)), input('b', await writeExportFile({ ...base, agentName: 'Bea', settings: { ...base.settings, agentName: 'Bea' } }))], NOW);
    const team = await readTeam(db);
    const disputed = team.disagreements.filter((d) => d.field === 'credit');
    expect(disputed).toHaveLength(1);
    expect(team.records.find((r) => r.key === disputed[0]!.key)).toMatchObject({ agent: null, claimants: ['Ana', 'Bea'] });
    await settleTeamCredit(db, disputed[0]!.key, 'Ana');
    const after = await readTeam(db);
    expect(after.records.find((r) => r.key === disputed[0]!.key)).toMatchObject({ agent: 'Ana', sentBy: 'me' });
    expect(after.disagreements.filter((d) => d.field === 'credit')).toEqual([]);
  });

  it('stops between files when cancelled, keeping each file whole or not at all', async () => {
    fresh();
    const abort = new AbortController();
    const files = [input('a', await writeExportFile(agentExport('Ana'))), input('b', await writeExportFile(agentExport('Bea')))];
    const out = await importFiles(db, files, NOW, (done) => done === 1 && abort.abort(), abort.signal);
    expect(out.map((o) => o.name)).toEqual(['a']);
    const team = await readTeam(db);
    expect(team.files.map((f) => [f.agent, f.records])).toEqual([['Ana', 5]]);
    expect(team.records).toHaveLength(5);
  });

  it('leaves nothing of a file whose merge fails half-way', async () => {
    fresh();
    const text = await writeExportFile(agentExport('Ana'));
    // The last write of the transaction (the file row) fails: the records written before it go too.
    const add = db.files.add.bind(db.files);
    db.files.add = (() => Promise.reject(new Error('disk full'))) as unknown as typeof db.files.add;
    await expect(importFiles(db, [input('a', text)], NOW)).rejects.toThrow('disk full');
    db.files.add = add;
    expect(await countTeamRecords(db)).toBe(0);
    expect(await db.files.count()).toBe(0);
  });

  it('reads the next file while the one before is being merged', async () => {
    fresh();
    const names = ['a', 'b', 'c'];
    const texts = await Promise.all(['Ana', 'Bea', 'Cai'].map((agent) => writeExportFile(agentExport(agent))));
    const events: string[] = [];
    const read = async (f: InputFile) => {
      events.push(`read ${f.name}`);
      return readExportFile(f.name, await f.text());
    };
    const out = await importFiles(db, names.map((name, i) => input(name, texts[i]!)), NOW, (done) => events.push(`stored ${done}`), undefined, read);
    expect(out.map((o) => o.status)).toEqual(['imported', 'imported', 'imported']);
    expect(events).toEqual(['read a', 'read b', 'stored 1', 'read c', 'stored 2', 'stored 3']);
  });

  it('stores nothing of a file cancelled while it is being read', async () => {
    fresh();
    const abort = new AbortController();
    const files = [input('a', await writeExportFile(agentExport('Ana'))), input('b', await writeExportFile(agentExport('Bea')))];
    const readThenCancel = async (f: InputFile) => {
      const result = await readExportFile(f.name, await f.text());
      if (f.name === 'b') abort.abort();
      return result;
    };
    const out = await importFiles(db, files, NOW, undefined, abort.signal, readThenCancel);
    expect(out.map((o) => o.name)).toEqual(['a']);
    expect((await readTeam(db)).files.map((f) => f.agent)).toEqual(['Ana']);
  });

  it('reads several files at once and merges them in the order given, whichever read ends first', async () => {
    const names = ['a', 'b', 'c', 'd'];
    const texts = await Promise.all(['Ana', 'Bea', 'Cai', 'Dan'].map((agent) => writeExportFile(agentExport(agent))));
    const files = names.map((name, i) => input(name, texts[i]!));
    // One file after the other, as a single reader does.
    fresh();
    await importFiles(db, files, NOW);
    const oneByOne = await snapshot(db);
    await db.delete();

    fresh();
    const events: string[] = [];
    let reading = 0;
    let most = 0;
    // Later files are read faster: b's read ends before a's.
    const read = async (f: InputFile) => {
      events.push(`read ${f.name}`);
      most = Math.max(most, ++reading);
      await new Promise((r) => setTimeout(r, 40 - names.indexOf(f.name) * 10));
      reading--;
      return readExportFile(f.name, await f.text());
    };
    const out = await importFiles(db, files, NOW, (done) => events.push(`stored ${done}`), undefined, read, 3);
    expect(out.map((o) => [o.name, o.status])).toEqual(names.map((n) => [n, 'imported']));
    // Three at a time: d starts when a's read ends, and is read while a is merged.
    expect(events.slice(0, 5)).toEqual(['read a', 'read b', 'read c', 'read d', 'stored 1']);
    expect(events.filter((e) => e.startsWith('stored'))).toEqual(['stored 1', 'stored 2', 'stored 3', 'stored 4']);
    expect(most).toBe(3);
    expect(await snapshot(db)).toEqual(oneByOne);
  });

  it("stores files handed over as the reader worker hands them (team rows, cloned) exactly as files read on the page, merges and repeats included", async () => {
    // Ana, Bea and Cai hold the same messages and claim the same replies; Dan's are his own.
    const shared = agentExport('Ana').records;
    const agents = ['Ana', 'Dan', 'Bea', 'Cai', 'Ana'];
    const texts = await Promise.all(agents.map((agent) => writeExportFile(agentExport(agent, agent === 'Dan' ? {} : { records: shared }))));
    const files = agents.map((agent, i) => input(`${agent}-${i}.tmk.jsonl`, texts[i]!));
    fresh();
    const onPage = await importFiles(db, files, NOW);
    const expected = await snapshot(db);
    await db.delete();

    fresh();
    // What the worker posts: the file read from its bytes, as team rows made of its own
    // lines, through a structured clone.
    const asWorker = async (f: InputFile): Promise<TeamReadResult> => {
      const bytes = new TextEncoder().encode(await f.text());
      const read = await readExportBytes(f.name, bytes);
      return structuredClone(read.ok ? { ok: true, file: teamFileRows(read.file, bytes) } : read);
    };
    const out = await importFiles(db, files, NOW, undefined, undefined, asWorker, 2);
    expect(out).toEqual(onPage);
    expect(out.map((o) => o.status)).toEqual(['imported', 'imported', 'imported', 'imported', 'duplicate']);
    const stored = await snapshot(db);
    expect(stored).toEqual(expected);
    expect(stored.disagreements.some((d) => d.field === 'credit')).toBe(true);
  });

  it('stores nothing of the files still being read when cancelled', async () => {
    fresh();
    const abort = new AbortController();
    const texts = await Promise.all(['Ana', 'Bea', 'Cai'].map((agent) => writeExportFile(agentExport(agent))));
    const files = ['a', 'b', 'c'].map((name, i) => input(name, texts[i]!));
    const read = async (f: InputFile) => {
      const result = await readExportFile(f.name, await f.text());
      if (f.name === 'b') {
        // The lead cancels once the first file is in, while b and c are still being read
        // (waiting for it keeps a loaded machine from cancelling before a is even stored).
        await vi.waitFor(async () => expect((await readTeam(db)).files).toHaveLength(1), { timeout: 10_000 });
        abort.abort();
      }
      return result;
    };
    const out = await importFiles(db, files, NOW, undefined, abort.signal, read, 3);
    expect(out.map((o) => o.name)).toEqual(['a']);
    expect((await readTeam(db)).files.map((f) => f.agent)).toEqual(['Ana']);
  });
});
