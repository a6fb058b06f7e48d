import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, generateMessages, toRecord } from '../../bench/data';
import { agentExportFiles } from '../../lib/io/agent-export';
import { DEFAULT_SETTINGS } from '../../lib/schema/defaults';
import type { MessageRecord } from '../../lib/schema/records';
import { launchChromium, openPage } from './harness';

/**
 * Issue 9: the report's CSV files open cleanly in LibreOffice. A lead profile (production
 * build) imports two agents' files, downloads the agent table and the per-case table for
 * real, in English (`,`) and in Spanish (`;` and decimal commas); LibreOffice headless
 * (Debian's libreoffice-calc-nogui) converts each to flat ODS, whose XML cells are read
 * here: names with diacritics, a comma and a quote in one cell, no BOM in A1, numbers as
 * numbers, ISO dates. No report cell can start a formula or hold a line break (agent names
 * and handles are validated on import), so the agent's messages CSV, written by the same
 * writer, carries the tweet text that does: it must stay text in LibreOffice.
 */
const SOFFICE = process.env.THREADMARK_SOFFICE ?? '/usr/bin/soffice';
const dir = mkdtempSync(path.join(tmpdir(), 'threadmark-lo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const AGENTS = ['Țîrlea, Ștefania', 'Ñuño "Ñu" Peña'];
const INJECTION = '=HYPERLINK("https://evil.example";"click")\nsecond line';

interface Cell {
  type: string | null;
  value: string | null;
  formula: string | null;
  text: string;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) => s.replace(/&(#x?[0-9a-f]+|\w+);/gi, (_, e: string) => (e[0] === '#' ? String.fromCodePoint(Number(e[1] === 'x' ? `0${e.slice(1)}` : e.slice(1))) : (XML_ENTITIES[e] ?? `&${e};`)));

/** The first sheet of a flat ODS file as rows of cells (repeated cells expanded, empty tail dropped). */
function readFods(file: string): Cell[][] {
  const xml = readFileSync(file, 'utf8');
  const table = /<table:table [^>]*>([\s\S]*?)<\/table:table>/.exec(xml)?.[1] ?? '';
  const rows: Cell[][] = [];
  for (const [, rowXml] of table.matchAll(/<table:table-row[^>]*>([\s\S]*?)<\/table:table-row>/g)) {
    const cells: Cell[] = [];
    for (const m of rowXml!.matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)) {
      const attrs = m[1]!;
      const attr = (name: string) => {
        const v = new RegExp(`${name}="([^"]*)"`).exec(attrs)?.[1];
        return v === undefined ? null : unescapeXml(v);
      };
      const paragraphs = [...(m[2] ?? '').matchAll(/<text:p[^>]*>([\s\S]*?)<\/text:p>/g)].map((p) =>
        unescapeXml(p[1]!.replace(/<text:s(?: text:c="(\d+)")?\/>/g, (_, n: string | undefined) => ' '.repeat(Number(n ?? 1))).replace(/<[^>]+>/g, '')),
      );
      const cell = { type: attr('office:value-type'), value: attr('office:value') ?? attr('office:date-value'), formula: attr('table:formula'), text: paragraphs.join('\n') };
      const repeat = Math.min(Number(attr('table:number-columns-repeated') ?? 1), 200);
      for (let i = 0; i < repeat; i++) cells.push(cell);
    }
    while (cells.length && cells.at(-1)!.type === null && cells.at(-1)!.text === '') cells.pop();
    if (cells.length) rows.push(cells);
  }
  return rows;
}

/** LibreOffice opens the CSV as a user of that spreadsheet locale would (separator, decimal comma). */
function openInLibreOffice(csvFile: string, delimiter: ',' | ';'): Cell[][] {
  const out = path.join(dir, `out-${path.basename(csvFile, '.csv')}-${Math.random().toString(36).slice(2)}`);
  // CSV filter options: separator, quote ("), UTF-8 (76), first line 1, standard columns, language (en-US 1033 / es-ES 3082).
  const filter = `CSV:${delimiter.charCodeAt(0)},34,76,1,,${delimiter === ';' ? 3082 : 1033}`;
  execFileSync(SOFFICE, [`-env:UserInstallation=file://${dir}/lo-profile`, '--headless', `--infilter=${filter}`, '--convert-to', 'fods', '--outdir', out, csvFile], { stdio: 'pipe', timeout: 120_000 });
  const fods = path.join(out, `${path.basename(csvFile, '.csv')}.fods`);
  if (!existsSync(fods)) throw new Error(`LibreOffice did not convert ${csvFile}`);
  return readFods(fods);
}

const column = (rows: Cell[][], name: string) => {
  const i = rows[0]!.findIndex((c) => c.text === name);
  if (i < 0) throw new Error(`no column ${name} in ${rows[0]!.map((c) => c.text).join('|')}`);
  return rows.slice(1).map((r) => r[i] ?? { type: null, value: null, formula: null, text: '' });
};

let files: string[] = [];
let messagesCsv = '';

beforeAll(async () => {
  const now = Date.now();
  files = [];
  for (const [i, name] of AGENTS.entries()) {
    const records: MessageRecord[] = generateMessages({ messages: 120, seed: 40 + i, agents: [name], end: now - 4 * DAY_MS, spanDays: 6 })
      .map(toRecord)
      // The generator's last threads may run past its end: keep what has happened.
      .filter((r) => r.at < now && r.updatedAt <= now);
    const first = records.findIndex((r) => !r.fromBrand);
    records[first] = { ...records[first]!, text: INJECTION };
    const out = await agentExportFiles({
      records,
      settings: { ...DEFAULT_SETTINGS, agentName: name },
      agentName: name,
      period: { from: null, to: now },
      now,
      appVersion: 'e2e',
      delimiter: ',',
      timeZone: 'UTC',
    });
    const file = path.join(dir, `agent-${i}.tmk.jsonl`);
    writeFileSync(file, out.exportFile.text);
    files.push(file);
    if (i === 0) messagesCsv = out.messages.text;
  }
});

describe.each([
  { lang: 'en', delimiter: ',' as const, table: 'Table (CSV)', cases: 'Cases (CSV)' },
  { lang: 'es', delimiter: ';' as const, table: 'Tabla (CSV)', cases: 'Casos (CSV)' },
])('the report CSVs downloaded with the browser in $lang open in LibreOffice', ({ lang, delimiter, table, cases }) => {
  const downloaded: Record<string, string> = {};

  it('downloads the agent table and the per-case table from the report', async () => {
    const lead = await launchChromium({ args: [`--lang=${lang}`] });
    try {
      const report = await openPage(lead.context, lead.extensionId, 'report.html');
      await report.locator('input[type=file]').first().setInputFiles(files);
      await report.getByRole('table').first().waitFor({ timeout: 30_000 });
      for (const [kind, name] of [['table', table], ['cases', cases]] as const) {
        const [download] = await Promise.all([report.waitForEvent('download'), report.getByRole('button', { name, exact: true }).click()]);
        const file = path.join(dir, `${lang}-${kind}.csv`);
        await download.saveAs(file);
        downloaded[kind] = file;
      }
    } finally {
      await lead.close();
    }
    const text = readFileSync(downloaded.table!, 'utf8');
    expect(text.startsWith('\uFEFFagent')).toBe(true);
  }, 180_000);

  it('keeps every agent name whole in the agent table, the BOM out of A1, figures as numbers and dates as ISO text', () => {
    const rows = openInLibreOffice(downloaded.table!, delimiter);
    expect(rows[0]![0]).toMatchObject({ text: 'agent', type: 'string' });
    const agents = column(rows, 'agent').map((c) => c.text);
    expect(agents).toEqual(expect.arrayContaining(AGENTS));
    // Every row has the header's width: no quoted comma split a cell.
    for (const r of rows) expect(r.length).toBeLessThanOrEqual(rows[0]!.length);
    const replies = column(rows, 'replies');
    for (const c of replies) expect(c).toMatchObject({ type: 'float' });
    expect(replies.every((c) => Number(c.value) > 0)).toBe(true);
    // A figure with decimals is a number in either locale (`3.5` in en, `3,5` in es).
    const decimals = rows[0]!.map((_, i) => rows.slice(1).map((r) => r[i]!)).flat().filter((c) => c && c.type === 'float' && !Number.isInteger(Number(c.value)));
    expect(decimals.length).toBeGreaterThan(0);
    if (delimiter === ';') expect(readFileSync(downloaded.table!, 'utf8')).toMatch(/;\d+,\d+(;|\r\n)/);
    for (const c of [...column(rows, 'from'), ...column(rows, 'to')]) expect(c.type === 'date' || /^\d{4}-\d{2}-\d{2}/.test(c.text)).toBe(true);
  });

  it('keeps the per-case table readable: a case credited to both agents in one cell, ISO UTC dates as text', () => {
    const rows = openInLibreOffice(downloaded.cases!, delimiter);
    expect(rows[0]![0]).toMatchObject({ text: 'platform', type: 'string' });
    for (const r of rows) expect(r.length).toBeLessThanOrEqual(rows[0]!.length);
    const agentCells = column(rows, 'agents').map((c) => c.text);
    expect(new Set(agentCells.filter(Boolean))).toEqual(new Set(AGENTS));
    for (const c of column(rows, 'first_message_utc')) expect(c.text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
    expect(column(rows, 'first_permalink').every((c) => /^https:\/\/x\.com\//.test(c.text))).toBe(true);
  });
});

describe('the messages CSV (same writer) in LibreOffice', () => {
  it('keeps a tweet that starts with a formula and spans two lines as text in one cell', () => {
    const file = path.join(dir, 'messages.csv');
    writeFileSync(file, messagesCsv);
    const rows = openInLibreOffice(file, ',');
    const texts = column(rows, 'text');
    const cell = texts.find((c) => c.text.includes('HYPERLINK'))!;
    expect(cell).toMatchObject({ type: 'string', formula: null });
    expect(cell.text).toContain('second line');
    expect(cell.text.startsWith('=')).toBe(false);
    expect(rows.every((r) => r.length <= rows[0]!.length)).toBe(true);
  });
});
