/**
 * One size of the metrics benchmark, in a process of its own (bench/metrics.ts starts it
 * with `node --expose-gc --import tsx`), so that its peak memory is its own:
 *
 *   1. builds the records (bench/data.ts) and passes them through a structured clone, as
 *      IndexedDB hands them to the popup or the dashboard (fresh objects, strings of their
 *      own), then collects garbage and notes the records' footprint;
 *   2. resets the kernel's peak-RSS mark (/proc/self/clear_refs = 5), so the peak measured
 *      next is that of the computations only, with the records in memory;
 *   3. runs, in rounds, the baseline (one plain pass reading the fields the engine reads)
 *      and each computation; every timing is the median of the rounds.
 *
 * Prints one JSON object on stdout.
 */
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { computeColumnFigures, computeFigures, openCases, toColumns, type MessageColumns } from '../lib/metrics';
import type { MessageRecord, Settings } from '../lib/schema/records';
import { BENCH_END, DAY_MS, benchSettings, generateMessages, historyShape, toRecord } from './data';
import { fullGc, MB, resetPeak, vmHwmKB } from './process-memory';

export interface MetricsChildResult {
  messages: number;
  cases: number;
  agents: number;
  spanDays: number;
  rounds: number;
  generateMs: number;
  memory: {
    /** RSS of the process before the records were built. */
    rssStartMB: number;
    /** JS heap used by the records after a full GC (their own footprint). */
    recordsHeapMB: number;
    /** RSS with the records in memory, after a full GC, before computing. */
    rssWithRecordsMB: number;
    /** Peak RSS while computing (reset before; records included). */
    peakRssMB: number;
    /** peakRss − rssWithRecords: what the process grew by while computing. */
    engineAddedMB: number;
    /** JS heap + array buffers allocated by the first figures + open cases call (garbage included). */
    engineAllocatedMB: number;
    /** getrusage maxRSS over the whole process (building the records included). */
    maxRssWholeProcessMB: number;
    /** Whether the peak could be reset (Linux); if not, peakRssMB is the whole process's. */
    peakReset: boolean;
  };
  /** ms per round, by operation (`all` = figures + openCases on a fresh array). */
  runs: Record<string, number[]>;
  /** A few figures, to show the work was done. */
  check: Record<string, number | null>;
}

/** The baseline: one plain pass over the records, reading every field computeFigures reads. */
function plainPass(records: readonly MessageRecord[]): number {
  let sum = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    sum += r.at + r.caseKey.length + r.id.length + (r.fromBrand ? 1 : 0) + (r.noReplyNeeded ? 2 : 0);
    if (r.status !== null) sum += r.status.length;
    if (r.sentiment !== null) sum += r.sentiment.length;
    if (r.queryType !== null) sum += r.queryType.length;
    if (r.channel !== null) sum += r.channel.length;
    if (r.sentBy === 'me') sum += 3;
    if (r.agent !== null) sum += r.agent.length;
    if (r.platform === 'facebook') sum += 5;
  }
  return sum;
}

const BENCH_SETTINGS = benchSettings('agent1');

function main() {
  const messages = Number(process.argv[2]);
  const rounds = Number(process.argv[3] ?? 5);
  if (!Number.isFinite(messages) || messages <= 0) throw new Error('usage: metrics-child <messages> [rounds]');
  fullGc();
  const rssStart = process.memoryUsage().rss;
  const heapStart = process.memoryUsage().heapUsed;

  const t0 = performance.now();
  const shape = historyShape(messages);
  let records: MessageRecord[] = generateMessages({ messages, seed: 20260101, end: BENCH_END, ...shape }).map(toRecord);
  // As IndexedDB returns them: a structured clone (own objects and strings), in pages.
  const cloned: MessageRecord[] = [];
  for (let i = 0; i < records.length; i += 10_000) {
    for (const r of v8.deserialize(v8.serialize(records.slice(i, i + 10_000))) as MessageRecord[]) cloned.push(r);
  }
  records = cloned;
  const generateMs = performance.now() - t0;
  fullGc();
  const mem = process.memoryUsage();
  const recordsHeap = mem.heapUsed - heapStart;
  const rssWithRecords = mem.rss;
  const maxRssBefore = process.resourceUsage().maxRSS;

  const calendar: Settings = { ...BENCH_SETTINGS, schedule: null };
  const from = BENCH_END - shape.spanDays * DAY_MS;
  const query = { from, to: BENCH_END, now: BENCH_END };
  // Each round works on a fresh array (a new query result), so the case layout the engine
  // keeps per array is built again: `all` is what opening a view over the data costs.
  // The later operations reuse that array, as the popup's and a dashboard's other periods
  // and filters do.
  const runs: Record<string, number[]> = { baseline: [], all: [], figures: [], openCases: [], anotherPeriod: [], oneAgent: [], noSchedule: [] };
  const time = <T>(name: string, op: () => T): T => {
    const s = performance.now();
    const out = op();
    runs[name]!.push(performance.now() - s);
    return out;
  };
  const half = from + (BENCH_END - from) / 2;

  let engineAllocated = 0;
  const peakReset = resetPeak();
  let check: MetricsChildResult['check'] = {};
  for (let round = 0; round < rounds; round++) {
    time('baseline', () => plainPass(records));
    const view = records.slice();
    if (round === 0) fullGc();
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const usedBefore = used();
    const s = performance.now();
    const f = time('figures', () => computeFigures(view, BENCH_SETTINGS, query));
    const open = time('openCases', () => openCases(view, BENCH_SETTINGS, BENCH_END));
    runs.all!.push(performance.now() - s);
    // Allocated by the first computation (garbage included, no collection in between): an
    // upper bound of what the engine holds at its peak on top of the records.
    if (round === 0) engineAllocated = used() - usedBefore;
    time('anotherPeriod', () => computeFigures(view, BENCH_SETTINGS, { from: half, to: BENCH_END, now: BENCH_END }));
    time('oneAgent', () => computeFigures(view, BENCH_SETTINGS, { ...query, agent: 'agent1' }));
    time('noSchedule', () => computeFigures(view, calendar, query));
    if (round === 0) {
      check = {
        replies: f.replies.count,
        responseTimes: f.responseTime.calendar.count,
        resolvedCycles: f.tweetsToResolve.count,
        cycles: f.escalation.cycles,
        fcrRate: f.fcr.rate,
        medianResponseMin: f.responseTime.calendar.median === null ? null : f.responseTime.calendar.median / 60_000,
        medianResponseBusinessMin: f.responseTime.business?.median == null ? null : f.responseTime.business.median / 60_000,
        openCases: open.length,
      };
    }
  }
  const hwm = vmHwmKB();
  const maxRss = process.resourceUsage().maxRSS;
  const peakRss = peakReset && hwm !== null ? hwm * 1024 : Math.max(maxRss, maxRssBefore) * 1024;
  const cases = new Set(records.map((r) => r.caseKey)).size;
  const result: MetricsChildResult = {
    messages: records.length,
    cases,
    agents: shape.agents.length,
    spanDays: shape.spanDays,
    rounds,
    generateMs,
    memory: {
      rssStartMB: rssStart / MB,
      recordsHeapMB: recordsHeap / MB,
      rssWithRecordsMB: rssWithRecords / MB,
      peakRssMB: peakRss / MB,
      engineAddedMB: (peakRss - rssWithRecords) / MB,
      engineAllocatedMB: engineAllocated / MB,
      maxRssWholeProcessMB: (Math.max(maxRss, maxRssBefore) * 1024) / MB,
      peakReset,
    },
    runs,
    check,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

/** The baseline over columns: one plain pass reading every column the engine reads. */
function plainColumnPass(c: MessageColumns): number {
  let sum = 0;
  for (let k = 0; k < c.cases; k++) sum += c.starts[k + 1]! - c.starts[k]!;
  for (let p = 0; p < c.n; p++) sum += c.at[p]! + (c.code[p]! & 0xff) + c.agent[p]! + c.mine[p]!;
  return sum;
}

/**
 * `metrics-child <messages> <rounds> columns`: the same data and computations (figures,
 * another period, one agent, no schedule; open cases are a records-only list), with the
 * records loaded into columns (lib/metrics/columns) and dropped, as the team report holds them.
 */
function mainColumns() {
  const messages = Number(process.argv[2]);
  const rounds = Number(process.argv[3] ?? 5);
  fullGc();
  const rssStart = process.memoryUsage().rss;
  const t0 = performance.now();
  const shape = historyShape(messages);
  let records: MessageRecord[] | null = generateMessages({ messages, seed: 20260101, end: BENCH_END, ...shape }).map(toRecord);
  const cols = toColumns(records);
  records = null;
  const generateMs = performance.now() - t0;
  fullGc();
  const mem = process.memoryUsage();
  const maxRssBefore = process.resourceUsage().maxRSS;
  const calendar: Settings = { ...BENCH_SETTINGS, schedule: null };
  const from = BENCH_END - shape.spanDays * DAY_MS;
  const query = { from, to: BENCH_END, now: BENCH_END };
  const half = from + (BENCH_END - from) / 2;
  const runs: Record<string, number[]> = { baseline: [], all: [], figures: [], openCases: [], anotherPeriod: [], oneAgent: [], noSchedule: [] };
  const time = <T>(name: string, op: () => T): T => {
    const s = performance.now();
    const out = op();
    runs[name]!.push(performance.now() - s);
    return out;
  };
  const peakReset = resetPeak();
  let engineAllocated = 0;
  let check: MetricsChildResult['check'] = {};
  for (let round = 0; round < rounds; round++) {
    time('baseline', () => plainColumnPass(cols));
    if (round === 0) fullGc();
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const usedBefore = used();
    const f = time('figures', () => computeColumnFigures(cols, BENCH_SETTINGS, query));
    runs.all!.push(runs.figures![round]!);
    if (round === 0) engineAllocated = used() - usedBefore;
    time('anotherPeriod', () => computeColumnFigures(cols, BENCH_SETTINGS, { from: half, to: BENCH_END, now: BENCH_END }));
    time('oneAgent', () => computeColumnFigures(cols, BENCH_SETTINGS, { ...query, agent: 'agent1' }));
    time('noSchedule', () => computeColumnFigures(cols, calendar, query));
    if (round === 0) check = { replies: f.replies.count, responseTimes: f.responseTime.calendar.count, cycles: f.escalation.cycles, fcrRate: f.fcr.rate };
  }
  const hwm = vmHwmKB();
  const maxRss = process.resourceUsage().maxRSS;
  const peakRss = peakReset && hwm !== null ? hwm * 1024 : Math.max(maxRss, maxRssBefore) * 1024;
  const columnsBytes = [cols.starts, cols.at, cols.code, cols.agent, cols.mine].reduce((n, a) => n + a.byteLength, 0);
  const result: MetricsChildResult = {
    messages: cols.n,
    cases: cols.cases,
    agents: shape.agents.length,
    spanDays: shape.spanDays,
    rounds,
    generateMs,
    memory: {
      rssStartMB: rssStart / MB,
      recordsHeapMB: columnsBytes / MB,
      rssWithRecordsMB: mem.rss / MB,
      peakRssMB: peakRss / MB,
      engineAddedMB: (peakRss - mem.rss) / MB,
      engineAllocatedMB: engineAllocated / MB,
      maxRssWholeProcessMB: (Math.max(maxRss, maxRssBefore) * 1024) / MB,
      peakReset,
    },
    runs,
    check,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

if (process.argv[4] === 'columns') mainColumns();
else main();
