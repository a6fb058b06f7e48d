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
 *   3. changes each filter the page has on its own (every period preset and a custom range,
 *      agent, site, query type, case status, business time, rows by site and by query type),
 *      each recomputing what the page recomputes (the table with its previous periods, the
 *      weekly trend, the status mix and the other charts), and lists the cases behind a bar;
 *   4. the baseline: one plain pass over the same columns, reading what the engine reads.
 *
 * Peak memory is the kernel's high-water mark of the whole process (VmHWM): loading
 * included, since the page pays for it too. Prints one JSON object on stdout.
 */
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { ColumnBuilder, type MessageColumns } from '../lib/metrics';
import { columnLog, recordColumnLog } from '../lib/metrics/figures';
import { responseDistribution, statusMix, volumeByQueryType, weeklyTrend } from '../lib/report/charts';
import { casesBehind } from '../lib/report/drill';
import { DEFAULT_FILTERS, type ReportFilters } from '../lib/report/filters';
import { reportTable } from '../lib/report/table';
import type { MessageRecord } from '../lib/schema/records';
import { COLUMN_PAGE } from '../lib/db/team';
import { BENCH_END, BENCH_TIME_ZONE, benchSettings, generateMessages, historyShape, toRecord } from './data';
import { fullGc, MB, resetPeak, vmHwmKB } from './process-memory';

export interface TeamChildResult {
  messages: number;
  cases: number;
  agents: number;
  spanDays: number;
  rounds: number;
  loadMs: number;
  /** ms to record the team's events once (lib/metrics/column-log), after loading: the report's first open pays it. */
  prepareMs: number;
  /**
   * The recording as the page runs it (recordColumnLog, slices of 10 ms with a yield between):
   * slices, the longest one (what a frame waits for at most), the walk's and the build's
   * (sorts included) shares of prepareMs, and the synchronous recording's ms (TEAM_SYNC=1: a
   * second recording under another SLA, for the A/B; null without); slices over 16 ms, with
 * the share done when each ended (walk up to 0.9, then the build).
   */
  recording: { slices: number; longestSliceMs: number; walkMs: number; buildMs: number; syncMs: number | null; slowSlices: Array<{ ms: number; at: number }> };
  /** Events kept and the typed arrays holding them. */
  log: { events: number; MB: number; byKind: Record<string, number> };
  memory: {
    /** VmHWM after loading the columns, before recording the events. */
    peakAfterLoadMB: number | null;
    /** Typed arrays of the columns. */
    columnsMB: number;
    /** JS heap used after loading, after a full GC (columns' string tables, code, React-free). */
    heapAfterLoadMB: number;
    /** RSS after loading, after a full GC. */
    rssAfterLoadMB: number;
    /** VmHWM before the reload below: loading, opening the report and every filter change. */
    peakBeforeReloadMB: number | null;
    /**
     * VmHWM of the whole process, a reload included: the columns loaded again and their log
     * recorded while the last figures' columns and log stay held, as the report page keeps
     * the last figures on screen during an update (TEAM_RELOAD=0: no reload).
     */
    peakRssMB: number;
  };
  /** ms per round, by operation (wall clock). */
  runs: Record<string, number[]>;
  /** ms of CPU time (user + system) of the process per round, by operation: less sensitive to a shared machine's load. */
  cpu: Record<string, number[]>;
  check: Record<string, number | null>;
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

/**
 * TEAM_RELOAD_ONLY=hold|main|figures: the peak of one reload alone (VmHWM reset after the
 * first load, where Linux allows it), for the A/B of what the report page holds meanwhile:
 * hold — the last columns and their log until the new log is recorded (the page keeps the
 * last figures on screen, branch team9f); main — until the new columns are loaded (main's
 * page held its data state through readTeamColumns), then let go; figures — let go before
 * the load (only the rendered figures kept). Prints { mode, peakMB, reset }.
 */
async function reloadPeak(messages: number, mode: string): Promise<void> {
  if (!['hold', 'main', 'figures'].includes(mode)) throw new Error(`TEAM_RELOAD_ONLY=${mode}: hold, main or figures`);
  const agents = historyShape(messages).agents;
  // No name holds load()'s result: setting `old` to null lets the columns go.
  let old: MessageColumns | null = load(messages).cols;
  await recordColumnLog(old, SETTINGS);
  const figures = (c: MessageColumns) => reportTable({ records: c, settings: SETTINGS, agents, filters: DEFAULT_FILTERS, now: END, timeZone: TZ })!.team.figures.replies.count;
  const shownBefore = figures(old);
  fullGc();
  const reset = resetPeak();
  if (mode === 'figures') old = null;
  const next = load(messages).cols;
  if (mode === 'main') old = null;
  await recordColumnLog(next, SETTINGS);
  if (figures(next) !== shownBefore) throw new Error('the reload shows other figures');
  const peak = vmHwmKB();
  // Held to here in hold mode, as the page holds the last figures' columns until the new log is ready.
  if (old !== null && !columnLog(old, SETTINGS)) throw new Error('the last log was lost');
  process.stdout.write(JSON.stringify({ mode, peakMB: peak === null ? null : (peak * 1024) / MB, reset }) + '\n');
}

async function main() {
  const messages = Number(process.argv[2]);
  if (process.env.TEAM_RELOAD_ONLY) return reloadPeak(messages, process.env.TEAM_RELOAD_ONLY);
  const rounds = Number(process.argv[3] ?? 5);
  if (!Number.isFinite(messages) || messages <= 0) throw new Error('usage: team-child <messages> [rounds]');
  const t0 = performance.now();
  const { cols, agents, spanDays } = load(messages);
  const loadMs = performance.now() - t0;
  fullGc();
  const mem = process.memoryUsage();
  const columnsBytes = [cols.starts, cols.at, cols.code, cols.agent, cols.mine].reduce((n, a) => n + a.byteLength, 0);
  const hwmLoad = vmHwmKB();
  // What the report page does once its columns are loaded: record the team's events, in slices.
  const p0 = performance.now();
  let slices = 0;
  let longestSliceMs = 0;
  let walkEnd = 0;
  let lastSlice = 0;
  const slowSlices: Array<{ ms: number; at: number }> = [];
  await recordColumnLog(cols, SETTINGS, {
    onSlice: (ms) => {
      slices++;
      longestSliceMs = Math.max(longestSliceMs, ms);
      lastSlice = ms;
    },
    onProgress: (p) => {
      if (p >= 0.9 && walkEnd === 0) walkEnd = performance.now();
      if (lastSlice > 16) slowSlices.push({ ms: lastSlice, at: p });
    },
  });
  const prepareMs = performance.now() - p0;
  const walkMs = (walkEnd || performance.now()) - p0;
  const { log, marks } = columnLog(cols, SETTINGS);
  let syncMs: number | null = null;
  if (process.env.TEAM_SYNC) {
    // Another SLA: columnLog records again, in one task (the log above is replaced).
    const s0 = performance.now();
    columnLog(cols, { ...SETTINGS, sla: { ...SETTINGS.sla } });
    syncMs = performance.now() - s0;
    columnLog(cols, SETTINGS);
  }
  const streams = { approx: log.approx, brand: log.brand, pending: log.pending, cycle: log.cycle, resolved: log.resolved, deadline: log.deadline };
  const logArrays = [
    ...Object.values(streams).flatMap((s) => [s.t, s.meta, s.flags, s.agent, s.caseNo, s.bucketStart, ...s.ranks, ...s.values]),
    ...log.sorted,
    ...marks.figures.map((m) => m.owner),
    ...marks.weeks.map((m) => m.owner),
  ];
  const byKind = Object.fromEntries(Object.entries(streams).map(([k, s]) => [k, s.n]));

  const now = END;
  const input = (f: Partial<ReportFilters>) => ({ records: cols, settings: SETTINGS, agents, filters: { ...DEFAULT_FILTERS, ...f }, now, timeZone: TZ });
  const table = (f: Partial<ReportFilters>) => reportTable(input(f))!;
  // What the page computes on a filter change: the table (rows with previous periods, team
  // row) and every chart drawn from it (components/report/sections/charts).
  const view = (f: Partial<ReportFilters>) => {
    const t = table(f);
    const business = f.business === true;
    responseDistribution(t.team.figures, business);
    volumeByQueryType(t.team.figures);
    // As the charts section: the trend counted in the table's walk when it was.
    if (t.trend === null) weeklyTrend(t.records, SETTINGS, t.query, business);
    statusMix(t.records, t.period);
    return t;
  };
  // TEAM_ONLY=days365,drill times only those filters (profiling one case with --cpu-prof).
  const only = process.env.TEAM_ONLY ? process.env.TEAM_ONLY.split(',') : null;
  const agent = agents[Math.min(2, agents.length - 1)]!;
  const customTo = new Date(now - 10 * 86_400_000);
  const customFrom = new Date(now - 55 * 86_400_000);
  const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  /** Every filter the page has, each as the page applies it to the default view (last 30 days, rows by agent). */
  const FILTERS: Record<string, Partial<ReportFilters>> = {
    days7: { range: 'days7' },
    days90: { range: 'days90' },
    days365: { range: 'days365' },
    all: { range: 'all' },
    custom: { range: 'custom', customFrom: day(customFrom), customTo: day(customTo) },
    agent: { agent },
    site: { platform: 'facebook' },
    queryType: { queryType: 'complaint' },
    status: { status: 'resolved' },
    business: { business: true },
    rowsBySite: { rows: 'platform' },
    rowsByQueryType: { rows: 'queryType' },
  };
  const runs: Record<string, number[]> = { baseline: [], open: [], table: [], drill: [], ...Object.fromEntries(Object.keys(FILTERS).map((k) => [k, [] as number[]])) };
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
    // Opening the report: the table and every chart (the first computation on these columns).
    const opened = time('open', () => view({}));
    time('table', () => table({}));
    // A filter change recomputes the table and the charts; each kind timed on its own.
    for (const [name, f] of Object.entries(FILTERS)) if (only === null || only.includes(name)) time(name, () => view(f));
    // TEAM_STEPS=1: each kind's parts on their own (table, weekly trend, status mix), for profiling.
    if (process.env.TEAM_STEPS) {
      for (const [name, f] of Object.entries(FILTERS)) {
        if (only !== null && !only.includes(name)) continue;
        for (const step of ['table', 'trend', 'statusMix']) runs[`${name}:${step}`] ??= [];
        for (const step of ['table', 'trend', 'statusMix']) cpu[`${name}:${step}`] ??= [];
        const t = time(`${name}:table`, () => table(f));
        time(`${name}:trend`, () => t.trend ?? weeklyTrend(t.records, SETTINGS, t.query, f.business === true));
        time(`${name}:statusMix`, () => statusMix(t.records, t.period));
      }
    }
    // Clicking a bar of the response-time distribution: the cases behind it.
    if (only === null || only.includes('drill')) time('drill', () => casesBehind(opened.records, SETTINGS, opened.query, (f) => f.responseTime.calendar.buckets[0] ?? 0));
    if (round === 0) {
      check = {
        rows: opened.rows.length,
        teamReplies: opened.team.figures.replies.count,
        teamMedianResponseMin: opened.team.figures.responseTime.calendar.median === null ? null : opened.team.figures.responseTime.calendar.median / 60_000,
        matching: opened.matching,
      };
    }
  }
  const hwmBeforeReload = vmHwmKB();
  if (process.env.TEAM_RELOAD !== '0') {
    // A reload after an import: the old columns (and their log) stay referenced by `cols` meanwhile.
    const next = load(messages).cols;
    await recordColumnLog(next, SETTINGS);
    if (reportTable({ ...input({}), records: next }) === null || !columnLog(cols, SETTINGS)) throw new Error('the reload shows nothing');
  }
  const hwm = vmHwmKB();
  const result: TeamChildResult = {
    messages: cols.n,
    cases: cols.cases,
    agents: agents.length,
    spanDays,
    rounds,
    loadMs,
    prepareMs,
    recording: { slices, longestSliceMs, walkMs, buildMs: prepareMs - walkMs, syncMs, slowSlices },
    log: { events: Object.values(byKind).reduce((a, b) => a + b, 0), MB: logArrays.reduce((n, a) => n + a.byteLength, 0) / MB, byKind },
    memory: {
      peakAfterLoadMB: hwmLoad === null ? null : (hwmLoad * 1024) / MB,
      columnsMB: columnsBytes / MB,
      heapAfterLoadMB: mem.heapUsed / MB,
      rssAfterLoadMB: mem.rss / MB,
      peakBeforeReloadMB: hwmBeforeReload === null ? null : (hwmBeforeReload * 1024) / MB,
      peakRssMB: hwm !== null ? (hwm * 1024) / MB : (process.resourceUsage().maxRSS * 1024) / MB,
    },
    runs,
    cpu,
    check,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

void main();
