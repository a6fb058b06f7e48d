/**
 * Import of a team's export files (bench/team.ts starts it with `node --import tsx`): for
 * each agent, two years of history (bench/data.ts, real conversations resampled) written
 * as an export file (not timed), then timed as the report page imports it:
 *
 *   - read and check: lib/io/export-format readExportBytes over the file's bytes, every line
 *     through the check that agrees with zod (zod only on lines it refuses), the sha256 of
 *     the bytes (what each of the page's module workers does for one file; here one file
 *     after the other, one thread);
 *   - merge: lib/io/team-rows teamFileRows, each record as its team row (lib/team/merge
 *     fromAgentFile for its column fields; the row itself is the file's own line with the
 *     agent's name: each agent's conversations are their own here, so nothing is already
 *     stored): what the worker hands the page, which copies it into chunk rows;
 *   - the baseline: one plain pass over the same file: split into lines and JSON.parse each.
 *
 * The IndexedDB write is not in these figures (Node has none; fake-indexeddb is a
 * JavaScript model far slower than the browser's). Prints one JSON object on stdout.
 */
import { performance } from 'node:perf_hooks';
import { readExportBytes, writeExportFile } from '../lib/io/export-format';
import { teamFileRows } from '../lib/io/team-rows';
import { DEFAULT_SETTINGS } from '../lib/schema/defaults';
import { DAY_MS, generateMessages, toRecord } from './data';

export interface TeamImportChildResult {
  files: number;
  perFile: number;
  messages: number;
  /** Lines the plain pass parsed (so it is not optimised away). */
  lines: number;
  bytes: number;
  /** ms per file. */
  read: number[];
  merge: number[];
  baseline: number[];
}

const END = Date.UTC(2026, 0, 1);

async function main() {
  const files = Number(process.argv[2]);
  const perFile = Number(process.argv[3]);
  if (!(files > 0 && perFile > 0)) throw new Error('usage: team-import-child <files> <messages per file>');
  const out: TeamImportChildResult = { files, perFile, messages: 0, lines: 0, bytes: 0, read: [], merge: [], baseline: [] };
  for (let i = 0; i < files; i++) {
    const agent = `agent${i + 1}`;
    const records = generateMessages({ messages: perFile, seed: 9_000 + i, agents: [agent], end: END, spanDays: 730 }).map(toRecord);
    const exportedAt = Math.max(...records.map((r) => r.updatedAt)) + 60_000;
    const text = await writeExportFile({ agentName: agent, exportedAt, period: { from: END - 730 * DAY_MS, to: exportedAt }, settings: { ...DEFAULT_SETTINGS, agentName: agent }, records, appVersion: '0.4.0' });
    out.bytes += text.length;

    let s = performance.now();
    for (const line of text.split('\n')) if (line) out.lines += (JSON.parse(line) as { kind: string }).kind.length > 0 ? 1 : 0;
    out.baseline.push(performance.now() - s);

    const bytes = new TextEncoder().encode(text);
    s = performance.now();
    const checked = await readExportBytes(`${agent}.tmk.jsonl`, bytes);
    out.read.push(performance.now() - s);
    if (!checked.ok) throw new Error(`${agent}: ${JSON.stringify(checked.errors[0])}`);

    s = performance.now();
    const rows = teamFileRows(checked.file, bytes);
    out.merge.push(performance.now() - s);
    out.messages += rows.count;
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

void main();
