/**
 * The team report at one size, in a process of its own (bench/team.ts starts it with
 * `node --expose-gc --import tsx`), so that its memory peak is its own:
 *
 *   1. loads the data as the report page does (lib/db/team readTeamColumns): records come in
 *      pages of 10,000, each a structured clone (as IndexedDB hands them out), go into a
 *      ColumnBuilder and are dropped; the history is generated 10,000 messages at a time
 *      (bench/data.ts, real conversations resampled), so few records exist at any time;
 *   2. opens the report: the table (one row per agent, each with its previous period, and
 *      the team row), the weekly trend and the status mix (lib/report), from the columns;
 *   3. changes filters (period, agent, query type, case status, rows by site);
 *   4. the baseline: one plain pass over the same columns, reading what the engine reads.
 *
 * Peak memory is the kernel's high-water mark of the whole process (VmHWM): loading
 * included, since the page pays for it too. Prints one JSON object on stdout.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { ColumnBuilder, type MessageColumns } from '../lib/metrics';
import { statusMix, weeklyTrend } from '../lib/report/charts';
import { DEFAULT_FILTERS, type ReportFilters } from '../lib/report/filters';
import { reportTable } from '../lib/report/table';
import type { MessageRecord } from '../lib/schema/records';
import { COLUMN_PAGE } from '../lib/db/team';
import { BENCH_END, BENCH_TIME_ZONE, benchSettings, generateMessages, historyShape, toRecord } from './data';

export interface TeamChildResult {
  messages: number;
  cases: number;
  agents: number;
  spanDays: number;
  rounds: number;
  loadMs: number;
  memory: {
    /** Typed arrays of the columns. */
    columnsMB: number;
    /** JS heap used after loading, after a full GC (columns' string tables, code, React-free). */
    heapAfterLoadMB: number;
    /** RSS after loading, after a full GC. */
    rssAfterLoadMB: number;
    /** VmHWM of the whole process: loading, opening the report and every filter change. */
    peakRssMB: number;
  };
  /** ms per round, by operation (wall clock). */
  runs: Record<string, number[]>;
  /** ms of CPU time (user + system) of the process per round, by operation: less sensitive to a shared machine's load. */
  cpu: Record<string, number[]>;
  check: Record<string, number | null>;
}

const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;
function fullGc() {
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
}
function vmHwmKB(): number | null {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** The baseline: one plain pass over the columns, reading every column the engine reads. */
function plainPass(c: MessageColumns): number {
  let sum = 0;
  const { at, code, agent, mine, starts } = c;
  for (let k = 0; k < c.cases; k++) sum += starts[k + 1]! - starts[k]!;
  for (let p = 0; p < c.n; p++) sum += at[p]! + (code[p]! & 0xff) + agent[p]! + mine[p]!;
  return sum;
}

const SETTINGS = benchSettings('lead');
const END = BENCH_END;
const TZ = BENCH_TIME_ZONE;

/** Messages generated at a time: a share of one agent's history, so loading holds little besides the columns. */
const BATCH = 10_000;

function load(messages: number): { cols: MessageColumns; agents: string[]; spanDays: number } {
  const shape = historyShape(messages);
  const builder = new ColumnBuilder();
  for (let i = 0; i * BATCH < messages; i++) {
    const agent = shape.agents[i % shape.agents.length]!;
    const batch = Math.min(BATCH, messages - i * BATCH);
    const records: MessageRecord[] = generateMessages({ messages: batch, seed: 7_000 + i, agents: [agent], end: END, spanDays: shape.spanDays }).map(toRecord);
    // As readTeamColumns gets them: pages of COLUMN_PAGE structured clones, dropped once added.
    for (let k = 0; k < records.length; k += COLUMN_PAGE) {
      for (const r of v8.deserialize(v8.serialize(records.slice(k, k + COLUMN_PAGE))) as MessageRecord[]) builder.add(r);
    }
  }
  return { cols: builder.build(), agents: shape.agents, spanDays: shape.spanDays };
}

function main() {
  const messages = Number(process.argv[2]);
  const rounds = Number(process.argv[3] ?? 5);
  if (!Number.isFinite(messages) || messages <= 0) throw new Error('usage: team-child <messages> [rounds]');
  const t0 = performance.now();
  const { cols, agents, spanDays } = load(messages);
  const loadMs = performance.now() - t0;
  fullGc();
  const mem = process.memoryUsage();
  const columnsBytes = [cols.starts, cols.at, cols.code, cols.agent, cols.mine].reduce((n, a) => n + a.byteLength, 0);

  const now = END;
  const table = (f: Partial<ReportFilters>) => reportTable({ records: cols, settings: SETTINGS, agents, filters: { ...DEFAULT_FILTERS, ...f }, now, timeZone: TZ })!;
  const runs: Record<string, number[]> = { baseline: [], open: [], table: [], period: [], agent: [], queryType: [], status: [], rowsBySite: [] };
  const cpu: Record<string, number[]> = Object.fromEntries(Object.keys(runs).map((k) => [k, [] as number[]]));
  const time = <T>(name: string, op: () => T): T => {
    const c = process.cpuUsage();
    const s = performance.now();
    const out = op();
    runs[name]!.push(performance.now() - s);
    const used = process.cpuUsage(c);
    cpu[name]!.push((used.user + used.system) / 1000);
    return out;
  };
  let check: TeamChildResult['check'] = {};
  for (let round = 0; round < rounds; round++) {
    time('baseline', () => plainPass(cols));
    // Opening the report: the table, then the charts drawn from it.
    const opened = time('open', () => {
      const t = table({});
      weeklyTrend(t.records, SETTINGS, t.query, false);
      statusMix(t.records, t.period);
      return t;
    });
    time('table', () => table({}));
    // A filter change recomputes the table (the charts follow from it).
    time('period', () => table({ range: 'days90' }));
    time('agent', () => table({ agent: agents[Math.min(2, agents.length - 1)]! }));
    time('queryType', () => table({ queryType: 'complaint' }));
    time('status', () => table({ status: 'resolved' }));
    time('rowsBySite', () => table({ rows: 'platform' }));
    if (round === 0) {
      check = {
        rows: opened.rows.length,
        teamReplies: opened.team.figures.replies.count,
        teamMedianResponseMin: opened.team.figures.responseTime.calendar.median === null ? null : opened.team.figures.responseTime.calendar.median / 60_000,
        matching: opened.matching,
      };
    }
  }
  const hwm = vmHwmKB();
  const result: TeamChildResult = {
    messages: cols.n,
    cases: cols.cases,
    agents: agents.length,
    spanDays,
    rounds,
    loadMs,
    memory: {
      columnsMB: columnsBytes / MB,
      heapAfterLoadMB: mem.heapUsed / MB,
      rssAfterLoadMB: mem.rss / MB,
      peakRssMB: hwm !== null ? (hwm * 1024) / MB : (process.resourceUsage().maxRSS * 1024) / MB,
    },
    runs,
    cpu,
    check,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

main();
