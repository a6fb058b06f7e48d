/**
 * computeFigures: every metric of DESIGN §4 for a period, platform, query type and agent,
 * in one pass over the records (group by case, sort within cases, walk each case twice:
 * once to cut it into cycles, once to emit the events).
 *
 * Decisions where DESIGN is silent are marked "Decision:" and listed in README.md.
 */
import type { MessageRecord, Settings } from '../schema/records';
import { CHANNELS, PLATFORMS, QUERY_TYPES } from '../schema/taxonomy';
import { calendarFor, type BusinessCalendar } from './business-time';
import {
  APPROX,
  CREDIT,
  FACEBOOK,
  FROM_BRAND,
  indexCases,
  platformIndex,
  queryTypeCode,
  queryTypeCodeOf,
  SENT_NEGATIVE,
  SKIPPED,
  type CaseIndex,
  type SenderFilter,
} from './cases';
import { approxInPeriod, indexColumns, isColumns, teamIndex, windowOf, type MessageColumns } from './columns';
import {
  eventRange,
  F_ANSWERED,
  F_ESCALATED,
  F_EXACT,
  F_FCR,
  F_FCR_DEN,
  F_FIRST,
  F_FOLLOW_UP,
  F_FR_LIMIT,
  F_FR_TARGET,
  F_OPEN,
  F_RESPONSE,
  F_RT_LIMIT,
  F_RT_TARGET,
  F_SENT_NEGATIVE,
  F_SENT_RECOVERED,
  F_SENT_UNKNOWN,
  FIG_FRT_BUS,
  FIG_FRT_CAL,
  FIG_RES_BUS,
  FIG_RES_CAL,
  FIG_RT_BUS,
  FIG_RT_CAL,
  FIG_TTR,
  FIG_TTR_BRAND,
  drain,
  logMarks,
  LogRecorder,
  selectRanked,
  type ColumnLog,
  type EventStream,
  type LogMarks,
  type RankMarks,
} from './column-log';

/** The marked ranks of a figure lie in lo … hi (none when hi < lo). */
function setRange(m: RankMarks, lo: number, hi: number): void {
  m.lo = hi < 0 ? 0 : lo;
  m.hi = hi;
}
import { ownsCycle, senderFilter } from './credit';
import { analyzeCase, newAnalysis, type Cycle } from './cycles';
import { Scratch, withScratch } from './scratch';
import { yieldToPage } from './yield-to-page';
import { slaIndex, slaTable, type SlaTable } from './sla';
import { rate, Samples, summarize, summarizeCounts, type DurationStats } from './stats';
import { DAY, dayLabel, runtimeTimeZone, zone, type Zone } from './time-zone';
import type { FigureQuery, Figures, Share } from './types';

export const TWEET_BUCKETS = ['1', '2', '3', '4', '5+'] as const;

/**
 * Reopened within this long after its resolution, a cycle is not a first-contact
 * resolution. Decision: the window is half-open, [resolution, resolution + 7 days).
 */
export const FCR_REOPEN_WINDOW_MS = 7 * DAY;

/** Decision: perDay lists every day of the period up to this many days; longer periods list only days with replies. */
const MAX_FILLED_DAYS = 1000;
/** Periods up to this long count replies per day in an array (≈ 270 years); longer ones in a Map. */
const MAX_INDEXED_DAYS = 100_000;

/**
 * Business durations per columns and calendar, by position: a response time's wait start,
 * a first response's cycle start and a resolution's cycle start follow from the case alone
 * (the walk does not depend on the query), so each is computed once, not once per row,
 * period and filter of the report. NaN: not computed yet.
 */
interface BusinessMemo {
  cal: BusinessCalendar;
  /** By reply position: business ms of the wait it ends. */
  response: Float64Array;
  /** By first-reply position: business ms since the cycle start. */
  first: Float64Array;
  /** By resolving position: business ms since the cycle start. */
  resolution: Float64Array;
}
const businessMemos = new WeakMap<MessageColumns, BusinessMemo>();

function businessMemo(cols: MessageColumns, cal: BusinessCalendar): BusinessMemo {
  let memo = businessMemos.get(cols);
  if (!memo || memo.cal !== cal) {
    memo = { cal, response: new Float64Array(cols.n).fill(NaN), first: new Float64Array(cols.n).fill(NaN), resolution: new Float64Array(cols.n).fill(NaN) };
    businessMemos.set(cols, memo);
  }
  return memo;
}

/** met / total of one SLA share. */
class Tally {
  met = 0;
  total = 0;
  missedNow = 0;

  judge(ok: boolean): void {
    this.total++;
    if (ok) this.met++;
  }

  missNow(): void {
    this.total++;
    this.missedNow++;
  }

  share(): Share {
    return { met: this.met, total: this.total, rate: rate(this.met, this.total), missedNow: this.missedNow };
  }
}

export function computeFigures(records: readonly MessageRecord[], settings: Settings, q: FigureQuery): Figures {
  return withScratch((scratch) => new FigureRun(records, settings, q, scratch).run());
}

/** The same figures from columns (lib/metrics/columns): identical results, no object per message. */
export function computeColumnFigures(cols: MessageColumns, settings: Settings, q: FigureQuery): Figures {
  return withScratch((scratch) => new FigureRun(cols, settings, q, scratch).run());
}

/**
 * One case's figures in a drill-down list: every figure but the replies per day (a list of
 * the period's days for each of thousands of cases, which no bar counts).
 */
export type CaseFigures = Omit<Figures, 'replies'> & { replies: Omit<Figures['replies'], 'perDay'> };

/**
 * The team's figures for a query with no agent and every agent's (as computeColumnFigures
 * with `agent` gives each), from ONE walk of the period's cases instead of one per agent:
 * a reply and its times count for its agent, a cycle for its owner's agent (credit.ts).
 * `settingsOf` gives an agent's settings (their hourly cost).
 */
export function computeColumnFiguresPerAgent(
  cols: MessageColumns,
  settings: Settings,
  q: FigureQuery,
  settingsOf: (agent: string) => Settings,
  weeks?: WeekSplit,
  /** Only the cases whose latest status code (lib/metrics/cases statusCode) is `want`: the report's status filter. */
  cases?: CaseStatusFilter,
): { team: Figures; agents: Map<string, Figures>; weeks: WeekFigures[] } {
  if (q.mine === true || q.agent !== undefined) throw new Error('computeColumnFiguresPerAgent: the query must be the team\'s (no mine, no agent)');
  // The team's events, recorded once per columns and settings (issue 9): the period's are read, no case is walked.
  const kept = columnLog(cols, settings);
  return withScratch((scratch) => {
    const run = new FigureRun(cols, settings, q, scratch, teamIndex(cols), true, true, weeks, { logged: true });
    const { team, agents } = run.runFromLog(kept.log, kept.marks, (i) => settingsOf(cols.agents[i]!), cases ?? null);
    return { team, agents: new Map(agents.map((f, i) => [cols.agents[i]!, f])), weeks: run.weekFigures() };
  });
}

/**
 * The team's figures and the figures of each site (by PLATFORMS index) or query type (by
 * code, 0: none), as computeColumnFigures with that platform or queryType added to `q` gives
 * them: one read of the event log for the report's rows by site or by query type.
 */
export function computeColumnFiguresPerGroup(
  cols: MessageColumns,
  settings: Settings,
  q: FigureQuery,
  by: 'platform' | 'queryType',
  weeks?: WeekSplit,
  cases?: CaseStatusFilter,
): { team: Figures; groups: Figures[]; weeks: WeekFigures[] } {
  if (q.mine === true || q.agent !== undefined) throw new Error('computeColumnFiguresPerGroup: the query must be the team\'s (no mine, no agent)');
  const kept = columnLog(cols, settings);
  return withScratch((scratch) => {
    const run = new FigureRun(cols, settings, q, scratch, teamIndex(cols), true, true, weeks, { logged: true, groups: by });
    const { team, agents } = run.runFromLog(kept.log, kept.marks, () => settings, cases ?? null);
    return { team, groups: agents, weeks: run.weekFigures() };
  });
}

/** What a log read's per-group counts are by. */
type LogGroups = 'agent' | 'platform' | 'queryType';
const BY_AGENT = 0;
const BY_SITE = 1;
const BY_QT = 2;
const groupCode = (g: LogGroups): number => (g === 'agent' ? BY_AGENT : g === 'platform' ? BY_SITE : BY_QT);

/** Cases by number whose status code is `want` (the others are left out). */
export interface CaseStatusFilter {
  status: Uint8Array;
  want: number;
}

/** The kept log per columns, with the settings it was recorded under (business calendar, SLA table). */
const logs = new WeakMap<MessageColumns, { cal: BusinessCalendar | null; sla: SlaTable; log: ColumnLog; marks: LogMarks }>();

/** The log kept for these columns if it was recorded under these settings' calendar and SLA. */
function keptLog(cols: MessageColumns, settings: Settings): { log: ColumnLog; marks: LogMarks } | null {
  const cal = settings.schedule ? calendarFor(settings.schedule) : null;
  const hit = logs.get(cols);
  return hit && hit.cal === cal && hit.sla === slaTable(settings) ? hit : null;
}

/** Is the log of these columns and settings recorded (a table needs no recording)? */
export function hasColumnLog(cols: MessageColumns, settings: Settings): boolean {
  return keptLog(cols, settings) !== null;
}

/**
 * The recording in steps of a few milliseconds: a team walk over all time, 64 cases a step,
 * then the log's build (column-log buildSteps). Yields the share done (the walk is ~90 %).
 */
function* logSteps(cols: MessageColumns, settings: Settings, scratch: Scratch): Generator<number, ColumnLog> {
  const rec = new LogRecorder();
  const walk = new FigureRun(cols, settings, { from: -Infinity, to: Infinity, now: 0, timeZone: 'UTC' }, scratch, teamIndex(cols), false, false, undefined, { record: rec }).recordSteps();
  for (let r = walk.next(); !r.done; r = walk.next()) yield r.value * 0.9;
  const build = rec.buildSteps();
  for (;;) {
    const r = build.next();
    if (r.done) return r.value;
    yield 0.9;
  }
}

function keep(cols: MessageColumns, settings: Settings, log: ColumnLog): { log: ColumnLog; marks: LogMarks } {
  const kept = { cal: settings.schedule ? calendarFor(settings.schedule) : null, sla: slaTable(settings), log, marks: logMarks(log) };
  logs.set(cols, kept);
  return kept;
}

/**
 * The team's events of every case (column-log), recorded by one team walk over all time the
 * first time the columns are asked for with these settings' calendar and SLA, then reused by
 * every period and filter. The report page records it in slices first (recordColumnLog);
 * this synchronous recording is for Node and tests (the same steps, run without yielding).
 */
export function columnLog(cols: MessageColumns, settings: Settings): { log: ColumnLog; marks: LogMarks } {
  const hit = keptLog(cols, settings);
  if (hit) return hit;
  return keep(cols, settings, withScratch((scratch) => drain(logSteps(cols, settings, scratch))));
}

export interface RecordOptions {
  /** Stops the recording (a reload, the page leaving): the promise rejects and nothing is kept. */
  signal?: AbortSignal;
  /** Longest run of steps between two yields to the page (default 10 ms: a frame keeps time to draw). */
  sliceMs?: number;
  /** The share of the cases walked (0…1), after each slice. */
  onProgress?: (done: number) => void;
  /** Each slice's duration in ms (the bench's longest slice). */
  onSlice?: (ms: number) => void;
  /** How to give the page its turn (default yieldToPage). */
  pause?: () => Promise<void>;
}

/**
 * columnLog recorded in slices (issue 9: 1.4–5.3 s at 1M, a frozen page if done in one
 * task): the steps run until `sliceMs` has passed, then the page gets its turn. The log is
 * kept only once complete: an abort between slices leaves nothing behind. The same steps as
 * columnLog, so the same log.
 */
export async function recordColumnLog(cols: MessageColumns, settings: Settings, options: RecordOptions = {}): Promise<{ log: ColumnLog; marks: LogMarks }> {
  const { signal, sliceMs = 10, onProgress, onSlice, pause = yieldToPage } = options;
  signal?.throwIfAborted();
  const hit = keptLog(cols, settings);
  if (hit) return hit;
  // Its own buffers: the shared scratch is for one synchronous computation at a time.
  const steps = logSteps(cols, settings, new Scratch());
  let start = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) {
      onSlice?.(performance.now() - start);
      onProgress?.(1);
      // Another recording of the same columns and settings may have finished meanwhile.
      return keptLog(cols, settings) ?? keep(cols, settings, r.value);
    }
    const now = performance.now();
    if (now - start >= sliceMs) {
      onSlice?.(now - start);
      onProgress?.(r.value);
      await pause();
      signal?.throwIfAborted();
      start = performance.now();
    }
  }
}
/**
 * Windows of `length` ms from the period's start (the last one ends with the period), the
 * first `skip` of them left out: the weekly trend's weeks, counted in the period's own walk.
 */
export interface WeekSplit {
  length: number;
  skip: number;
}

/** What the weekly trend shows of one window, as computeColumnFigures over that window gives it. */
export interface WeekFigures {
  from: number;
  replies: number;
  responseTime: { calendar: DurationStats; business: DurationStats | null };
  /** First responses within the SLA target. */
  firstResponseWithinTarget: Share;
}

/** The summaries of an Acc's durations and counts, from ranks (runFromLog). */
interface RankedStats {
  rtCal: DurationStats;
  rtBus: DurationStats;
  frtCal: DurationStats;
  frtBus: DurationStats;
  resCal: DurationStats;
  resBus: DurationStats;
  ttr: DurationStats;
  ttrBrand: DurationStats;
}

/** One window's counts of the weekly trend. */
class WeekAcc {
  /** Its response times already summarised (runFromLog). */
  pre: { rtCal: DurationStats; rtBus: DurationStats } | null = null;
  replies = 0;
  readonly rtCal = new Samples();
  readonly rtBus = new Samples();
  readonly frTarget = new Tally();
}

/**
 * Each case's own figures for the query, as computeColumnFigures gives for that case's rows
 * alone, for every case of the period's window (the only cases with a figure or a message
 * in the period): the drill-down lists. One index for the query and one small run per case,
 * instead of an index per case.
 */
export function eachColumnCaseFigures(cols: MessageColumns, settings: Settings, q: FigureQuery, visit: (c: number, f: CaseFigures) => void): void {
  withScratch((scratch) => {
    const ix = indexColumns(cols, q, scratch);
    const walked = ix.walk!;
    const window = windowOf(cols, q.from, q.to).cases;
    const site = q.platform === undefined ? -1 : q.platform === 'facebook' ? FACEBOOK : 0;
    // One run for all the cases, its counts started afresh for each.
    const run = new FigureRun(cols, settings, q, scratch, ix, false, false);
    let w = 0;
    for (let k = 0; k < window.length; k++) {
      const c = window[k]!;
      // Both lists are in case order.
      while (w < walked.length && walked[w]! < c) w++;
      const inWalk = w < walked.length && walked[w] === c;
      // A case the query credits nothing in still counts its approximate times (as computeColumnFigures' approxOutside).
      const approx = inWalk || (site >= 0 && (cols.code[cols.starts[c]!]! & FACEBOOK) !== site) ? 0 : approxInPeriod(cols, c, q.from, q.to);
      visit(c, run.runCase(c, inWalk, approx));
    }
  });
}

/** Replies per local day: by index from `base` when the period is short enough, else in a Map. */
interface DayCounts {
  base: number;
  length: number;
}

/** Everything one set of figures counts (the query's; in a walk for every agent, each agent's too). */
class Acc {
  replies = 0;
  followUps = 0;
  approximateTimes = 0;
  readonly perDayCounts: Int32Array | null;
  readonly perDayMap = new Map<number, number>();
  readonly perPlatform = new Int32Array(PLATFORMS.length);
  readonly perQt = new Int32Array(QUERY_TYPES.length + 1); // by code, 0 = none
  readonly rtCal: Samples;
  readonly rtBus: Samples;
  readonly frtCal: Samples;
  readonly frtBus: Samples;
  readonly resCal: Samples;
  readonly resBus: Samples;
  readonly ttr: Samples;
  readonly ttrBrand: Samples;
  ttrDist = [0, 0, 0, 0, 0];
  fcrNum = 0;
  fcrDen = 0;
  provisional = false;
  recovered = 0;
  negativeStarts = 0;
  unknownSentiment = 0;
  readonly frTarget = new Tally();
  readonly frLimit = new Tally();
  readonly arTarget = new Tally();
  readonly arLimit = new Tally();
  cycles = 0;
  escalated = 0;
  readonly byChannel = new Int32Array(CHANNELS.length + 1); // by code, 0 = unknown
  answered = 0;
  customerMessages = 0;
  /** Durations already summarised (figures from a ColumnLog): its samples are empty. */
  pre: RankedStats | null = null;

  /** Counts started afresh, buffers kept (a drill-down list's run, case after case). Figures already built share nothing with it. */
  reset(): void {
    this.replies = this.followUps = this.approximateTimes = 0;
    this.perDayCounts?.fill(0);
    this.perDayMap.clear();
    this.perPlatform.fill(0);
    this.perQt.fill(0);
    for (const x of [this.rtCal, this.rtBus, this.frtCal, this.frtBus, this.resCal, this.resBus, this.ttr, this.ttrBrand]) x.length = 0;
    this.ttrDist = [0, 0, 0, 0, 0];
    this.fcrNum = this.fcrDen = 0;
    this.provisional = false;
    this.recovered = this.negativeStarts = this.unknownSentiment = 0;
    for (const t of [this.frTarget, this.frLimit, this.arTarget, this.arLimit]) t.met = t.total = t.missedNow = 0;
    this.cycles = this.escalated = 0;
    this.byChannel.fill(0);
    this.answered = this.customerMessages = 0;
  }

  /** With `scratch`, the samples use its pooled buffers (one Acc per computation at a time). */
  constructor(days: DayCounts | null, scratch: Scratch | null) {
    this.perDayCounts = days ? new Int32Array(days.length) : null;
    this.rtCal = new Samples(scratch, 'rtCal');
    this.rtBus = new Samples(scratch, 'rtBus');
    this.frtCal = new Samples(scratch, 'frtCal');
    this.frtBus = new Samples(scratch, 'frtBus');
    this.resCal = new Samples(scratch, 'resCal');
    this.resBus = new Samples(scratch, 'resBus');
    this.ttr = new Samples(scratch, 'ttr');
    this.ttrBrand = new Samples(scratch, 'ttrBrand');
  }
}

/**
 * One computation. The walk is split into small methods (one per kind of event) so that
 * each is compiled and optimised on its own: a cold first call stays fast.
 */
class FigureRun {
  private readonly from: number;
  private readonly to: number;
  private readonly now: number;
  private readonly timeZone: string;
  private readonly tz: Zone;
  private readonly cal: BusinessCalendar | null;
  private readonly sla: SlaTable;
  /** Query type code asked for, -1 for all. */
  private readonly wantQt: number;
  /** FACEBOOK bit asked for, -1 for all. */
  private readonly wantFacebook: number;
  private readonly senderFilter: SenderFilter;
  private readonly filtered: boolean;
  private readonly ix: CaseIndex;
  private readonly an = newAnalysis();
  /** Business durations kept per columns (null for records, whose positions change per call). */
  private readonly memo: BusinessMemo | null;
  /** First local day of the period (replies per day). */
  private readonly perDayBase: number;
  /** Recording mode (columnLog): events are kept instead of counted. */
  private readonly rec: LogRecorder | null;
  /** Case number and site index of the case being recorded. */
  private recCase = 0;

  // State of the case being walked.
  /** Offset of the case platform's rules in the SLA table. */
  private rules = 0;
  private platformIndex = 0;
  /** Position of the oldest customer message waiting, -1 when nobody waits. */
  private waitFrom = -1;
  /** Customer messages not yet followed by a brand reply (reply rate): time and query type filter. */
  private pendAt: Float64Array;
  /** … and the query type code of their cycle. */
  private pendQt: Uint8Array;
  private pendCount = 0;

  /** What the figures count: the query's, or the team's in a walk for every agent too. */
  private team: Acc;
  /** By agent number, each agent's own (computeColumnFiguresPerAgent); null: one query. */
  private readonly perAgent: Acc[] | null;
  /** What perAgent's counts are by in a log read: agent number, site index or query type code. */
  private readonly groupBy: LogGroups;
  private readonly agentOf: Int32Array | null;
  /** Agent number by position (recording mode). */
  private readonly agentCol: Int32Array | null;
  private weekSplit: WeekSplit | null = null;
  private weekAccs: WeekAcc[] = [];

  constructor(
    source: readonly MessageRecord[] | MessageColumns,
    private readonly settings: Settings,
    q: FigureQuery,
    scratch: Scratch,
    /** An index already built for this query (eachColumnCaseFigures). */
    index?: CaseIndex,
    /** Also count every agent's own figures (computeColumnFiguresPerAgent). */
    perAgent = false,
    /** Count replies per day (false: perDay is left empty, CaseFigures). */
    private readonly perDay = true,
    /** Also count the weekly trend's windows of the period (team figures only). */
    weeks?: WeekSplit,
    /** record: keep every event of a team walk over all time (columnLog); logged: figures from a log, no walk. */
    mode?: { record?: LogRecorder; logged?: boolean; groups?: LogGroups },
  ) {
    this.rec = mode?.record ?? null;
    this.from = q.from;
    this.to = q.to;
    this.now = q.now;
    const schedule = settings.schedule;
    this.cal = schedule ? calendarFor(schedule) : null;
    this.timeZone = q.timeZone ?? schedule?.timeZone ?? runtimeTimeZone();
    this.tz = zone(this.timeZone);
    const short = this.to > this.from && this.to - this.from <= MAX_INDEXED_DAYS * DAY;
    this.perDayBase = short ? this.tz.localDay(this.from) : 0;
    const days = short && perDay ? { base: this.perDayBase, length: Math.max(0, this.tz.localDay(this.to - 1) - this.perDayBase + 1) } : null;
    this.sla = slaTable(settings);
    this.wantQt = q.queryType === undefined ? -1 : queryTypeCodeOf(q.queryType);
    this.wantFacebook = q.platform === undefined ? -1 : q.platform === 'facebook' ? FACEBOOK : 0;
    this.senderFilter = senderFilter(q);
    this.filtered = this.senderFilter !== null;
    this.ix = index ?? (isColumns(source) ? indexColumns(source, q, scratch) : indexCases(source, this.senderFilter, scratch));
    // A log read computes no duration. The recording fills the memo: the drill-down's walks
    // of single cases read it (as they read what the table's walks left in it before the log).
    this.memo = this.cal && isColumns(source) && !mode?.logged ? businessMemo(source, this.cal) : null;
    this.pendAt = new Float64Array(64);
    this.pendQt = new Uint8Array(64);
    this.team = new Acc(days, scratch);
    // Every agent's figures in the same walk: only for a team query over columns (a reply's
    // agent and a cycle owner's agent say whose they are, as an agent query's CREDIT bits do).
    const everyAgent = perAgent && isColumns(source) && !this.filtered;
    this.groupBy = mode?.groups ?? 'agent';
    const groupCount = this.groupBy === 'platform' ? PLATFORMS.length : this.groupBy === 'queryType' ? QUERY_TYPES.length + 1 : isColumns(source) ? source.agents.length : 0;
    this.perAgent = everyAgent ? Array.from({ length: groupCount }, () => new Acc(days, null)) : null;
    this.agentOf = everyAgent ? source.agent : null;
    this.agentCol = isColumns(source) ? source.agent : null;
    if (weeks) {
      const count = Math.ceil((this.to - this.from) / weeks.length);
      this.weekSplit = weeks;
      this.weekAccs = Array.from({ length: Math.max(0, count - weeks.skip) }, () => new WeekAcc());
    }
  }

  /** The weekly trend's windows counted in the walk (empty without a WeekSplit). */
  weekFigures(): WeekFigures[] {
    const split = this.weekSplit;
    if (split === null) return [];
    return this.weekAccs.map((w, i) => ({
      from: this.from + (split.skip + i) * split.length,
      replies: w.replies,
      responseTime: { calendar: w.pre ? w.pre.rtCal : summarize(w.rtCal), business: this.cal ? (w.pre ? w.pre.rtBus : summarize(w.rtBus)) : null },
      firstResponseWithinTarget: w.frTarget.share(),
    }));
  }

  /** The trend window of instant t, for the team's counts; null when outside or not asked. */
  private weekOf(a: Acc, t: number): WeekAcc | null {
    if (this.weekSplit === null || a !== this.team || !this.inPeriod(t)) return null;
    const w = Math.floor((t - this.from) / this.weekSplit.length) - this.weekSplit.skip;
    return w >= 0 ? this.weekAccs[w]! : null;
  }

  run(): Figures {
    this.walk();
    return this.result(this.team, this.settings);
  }

  /**
   * One case's figures (a drill-down list): its walk when the query's index walks it, plus
   * `approx` approximate times counted outside the walk. The window's cases only (no skip test).
   */
  runCase(c: number, walked: boolean, approx: number): CaseFigures {
    this.team.reset();
    this.team.approximateTimes = approx;
    if (walked) this.walkCase(c);
    return this.result(this.team, this.settings);
  }

  /** The team's figures and each agent's (by agent number), from one walk. */
  runPerAgent(settingsOf: (agent: number) => Settings): { team: Figures; agents: Figures[] } {
    this.walk();
    const agents = this.perAgent!.map((a, i) => {
      // An agent's figures count the period's approximate times whoever answered (indexColumns' approxOutside).
      a.approximateTimes = this.team.approximateTimes;
      return this.result(a, settingsOf(i));
    });
    return { team: this.result(this.team, this.settings), agents };
  }

  /** Records every case's events (recording mode), 64 cases a step; yields the share done. */
  *recordSteps(): Generator<number, void> {
    // As walk() over all time: no case is skipped.
    const { cases } = this.ix;
    for (let c = 0; c < cases; c++) {
      this.walkCase(c);
      if ((c & 63) === 63) yield (c + 1) / cases;
    }
  }

  private agentAt(p: number): number {
    return p < 0 ? -1 : this.agentCol![p]!;
  }

  /**
   * walkCase in recording mode: every event of the case, whatever its time, query type or
   * site (a log's reader tests those), with what the team walk would count for it. Each
   * event is counted for the team and for its agent, as walkCase counts it for the team and
   * for agentAcc.
   */
  private recordCase(cyc: Cycle[], nCyc: number): void {
    const rec = this.rec!;
    const { starts, code, at } = this.ix;
    const c = this.recCase;
    const first = starts[c]!;
    const end = starts[c + 1]!;
    const site = this.platformIndex;
    const { targetMs, limitMs } = this.sla;
    const cal = this.cal;
    this.waitFrom = -1;
    this.pendCount = 0;
    let ci = 0;
    let cy: Cycle | null = nCyc > 0 ? cyc[0]! : null;
    for (let p = first; p < end; p++) {
      const k = code[p]!;
      if (k & SKIPPED) continue;
      const t = at[p]!;
      if (k & APPROX) rec.approx(t, site, c);
      while (cy !== null && p > cy.end) cy = ++ci < nCyc ? cyc[ci]! : null;
      const inCycle = cy !== null && p >= cy.start ? cy : null;
      if (k & FROM_BRAND) {
        // As walkCase; a wait or a first response is in inCycle, so its query type is qt.
        const qt = inCycle
          ? inCycle.queryType
          : queryTypeCode(k) || (ci > 0 ? cyc[ci - 1]!.queryType : nCyc > 0 ? cyc[0]!.queryType : 0);
        const agent = this.agentAt(p);
        let flags = 0;
        let rtCal = NaN;
        let rtBus = NaN;
        let frtCal = NaN;
        let frtBus = NaN;
        if (this.waitFrom >= 0) {
          if (this.exact(this.waitFrom, p)) {
            const ws = at[this.waitFrom]!;
            rtCal = t - ws;
            let elapsed = rtCal;
            if (cal) rtBus = elapsed = this.between(this.memo?.response, p, ws, t);
            flags |= F_RESPONSE;
            if (this.within(ws, t, elapsed, targetMs[this.rules + qt]!)) flags |= F_RT_TARGET;
            if (this.within(ws, t, elapsed, limitMs[this.rules + qt]!)) flags |= F_RT_LIMIT;
          }
        } else flags |= F_FOLLOW_UP;
        if (inCycle && inCycle.firstBrand === p && !inCycle.proactive && this.exact(inCycle.start, p)) {
          const st = at[inCycle.start]!;
          frtCal = t - st;
          let elapsed = frtCal;
          if (cal) frtBus = elapsed = this.between(this.memo?.first, p, st, t);
          flags |= F_FIRST;
          if (this.within(st, t, elapsed, targetMs[this.rules + qt]!)) flags |= F_FR_TARGET;
          if (this.within(st, t, elapsed, limitMs[this.rules + qt]!)) flags |= F_FR_LIMIT;
        }
        rec.brand(t, qt, site, agent, c, flags, rtCal, rtBus, frtCal, frtBus);
        for (let m = 0; m < this.pendCount; m++) rec.pending(this.pendAt[m]!, this.pendQt[m]!, site, agent, c, true);
        this.waitFrom = -1;
        this.pendCount = 0;
      } else {
        this.customerMessage(p, inCycle!);
      }
      if (inCycle && p === inCycle.end && inCycle.resolved) this.waitFrom = -1;
    }
    const last = nCyc > 0 ? cyc[nCyc - 1]! : null;
    if (last !== null) {
      const owner = this.agentAt(last.owner);
      for (let m = 0; m < this.pendCount; m++) rec.pending(this.pendAt[m]!, this.pendQt[m]!, site, owner, c, false);
      if (this.waitFrom >= 0) {
        const ws = at[this.waitFrom]!;
        const qt = last.queryType;
        rec.deadline(false, ws, qt, site, owner, c, this.addBusiness(ws, targetMs[this.rules + qt]!), this.addBusiness(ws, limitMs[this.rules + qt]!));
      }
    }
    for (let m = 0; m < nCyc; m++) {
      const cy = cyc[m]!;
      const qt = cy.queryType;
      const owner = this.agentAt(cy.owner);
      const startAt = at[cy.start]!;
      rec.cycle(startAt, qt, site, owner, c, cy.escalated, cy.channel);
      if (cy.resolved) {
        const endAt = at[cy.end]!;
        let flags = 0;
        let resCal = NaN;
        let resBus = NaN;
        if (this.exact(cy.start, cy.end)) {
          flags |= F_EXACT;
          resCal = endAt - startAt;
          if (cal) resBus = this.between(this.memo?.resolution, cy.end, startAt, endAt);
        }
        if (cy.brandReplies >= 1) {
          flags |= F_FCR_DEN;
          if (cy.brandReplies === 1 && cy.lastCustomerBeforeEnd < cy.firstBrand && !(cy.nextStartAt - endAt < FCR_REOPEN_WINDOW_MS)) flags |= F_FCR;
        }
        const fs = cy.firstSentiment;
        if (fs === 0) flags |= F_SENT_UNKNOWN;
        else if (fs === SENT_NEGATIVE) {
          const ls = cy.lastSentiment;
          if (ls === 0) flags |= F_SENT_UNKNOWN;
          else flags |= F_SENT_NEGATIVE | (ls !== SENT_NEGATIVE ? F_SENT_RECOVERED : 0);
        }
        rec.resolved(endAt, qt, site, owner, c, flags, resCal, resBus, cy.messages, cy.brandReplies);
      } else if (cy.firstBrand < 0 && !cy.proactive) {
        rec.deadline(true, startAt, qt, site, owner, c, this.addBusiness(startAt, targetMs[this.rules + qt]!), this.addBusiness(startAt, limitMs[this.rules + qt]!));
      }
    }
  }

  /**
   * The team's figures and each agent's (as runPerAgent) from a log of this columns'
   * events: a scan of the period's events of each kind, and each duration figure's
   * percentiles from one ordered pass over its ranks. `cases`: only the cases whose status
   * code is `want`.
   */
  runFromLog(log: ColumnLog, marks: LogMarks, settingsOf: (agent: number) => Settings, cases: CaseStatusFilter | null): { team: Figures; agents: Figures[] } {
    const { cal } = this;
    const agents = this.perAgent!;
    const team = this.team;
    const groups = agents.length + 1;
    const weeks = this.weekAccs;
    const fig = marks.figures;
    for (const m of fig) m.prepare(groups);
    for (const m of marks.weeks) m.prepare(weeks.length);
    // Approximate times count whoever answered and whatever the query type: a site's row counts its site's.
    const approxBySite = new Int32Array(PLATFORMS.length);
    const approxS = log.approx;
    const approx = this.logScan(approxS, cases, false, (i) => approxBySite[approxS.meta[i]! >> 3]!++);
    this.logBrands(log.brand, marks, cases);
    const pending = log.pending;
    this.logScan(pending, cases, true, (i, mine) => {
      const answered = pending.flags[i]! & F_ANSWERED;
      team.customerMessages++;
      if (answered) team.answered++;
      if (mine) {
        mine.customerMessages++;
        if (answered) mine.answered++;
      }
    });
    const cycle = log.cycle;
    this.logScan(cycle, cases, true, (i, mine) => {
      const f = cycle.flags[i]!;
      team.cycles++;
      if (mine) mine.cycles++;
      if (f & F_ESCALATED) {
        const channel = f >> 1;
        team.escalated++;
        team.byChannel[channel]!++;
        if (mine) {
          mine.escalated++;
          mine.byChannel[channel]!++;
        }
      }
    });
    this.logResolved(log.resolved, log.sorted[FIG_TTR]!, marks, cases);
    const deadline = log.deadline;
    const [targets, limits] = deadline.values as [Float64Array, Float64Array];
    const split = this.weekSplit;
    this.logScan(deadline, cases, true, (i, mine) => {
      const open = (deadline.flags[i]! & F_OPEN) !== 0;
      const target = targets[i]! < this.now;
      const limit = limits[i]! < this.now;
      this.loggedMiss(team, open, target, limit);
      if (mine) this.loggedMiss(mine, open, target, limit);
      if (open && target && split) {
        const w = Math.floor((deadline.t[i]! - this.from) / split.length) - split.skip;
        if (w >= 0) weeks[w]!.frTarget.missNow();
      }
    });
    const { sorted } = log;
    const stats = (k: number): DurationStats[] => selectRanked(sorted[k]!, fig[k]!, groups, 0);
    const none = (): DurationStats[] => [];
    const rtCal = stats(FIG_RT_CAL);
    const rtBus = cal ? stats(FIG_RT_BUS) : none();
    const frtCal = stats(FIG_FRT_CAL);
    const frtBus = cal ? stats(FIG_FRT_BUS) : none();
    const resCal = stats(FIG_RES_CAL);
    const resBus = cal ? stats(FIG_RES_BUS) : none();
    const ttr = stats(FIG_TTR);
    const ttrBrand = stats(FIG_TTR_BRAND);
    const preOf = (g: number): RankedStats => ({
      rtCal: rtCal[g]!,
      rtBus: rtBus[g]!,
      frtCal: frtCal[g]!,
      frtBus: frtBus[g]!,
      resCal: resCal[g]!,
      resBus: resBus[g]!,
      ttr: ttr[g]!,
      ttrBrand: ttrBrand[g]!,
    });
    if (split) {
      const wCal = selectRanked(sorted[FIG_RT_CAL]!, marks.weeks[0], weeks.length, -1);
      const wBus = cal ? selectRanked(sorted[FIG_RT_BUS]!, marks.weeks[1], weeks.length, -1) : [];
      weeks.forEach((w, i) => (w.pre = { rtCal: wCal[i]!, rtBus: wBus[i]! }));
    }
    team.approximateTimes = approx;
    team.pre = preOf(0);
    const out = agents.map((a, i) => {
      a.approximateTimes = this.groupBy === 'platform' ? approxBySite[i]! : approx;
      a.pre = preOf(i + 1);
      return this.result(a, settingsOf(i));
    });
    return { team: this.result(team, this.settings), agents: out };
  }

  /**
   * Calls `visit` for each event of the stream in the period that passes the site, case
   * status and (with `byQt`) query type filters, with the agent's counts it also adds to.
   * Returns how many there were.
   */
  private logScan(s: EventStream, cases: CaseStatusFilter | null, byQt: boolean, visit: (i: number, mine: Acc | null) => void): number {
    const { from, to, wantQt } = this;
    const wantSite = this.wantFacebook < 0 ? -1 : platformIndex(this.wantFacebook);
    const agents = this.perAgent!;
    const { t: T, meta, agent: AG, caseNo } = s;
    const by = groupCode(this.groupBy);
    const { first, end } = eventRange(s, from, to);
    let n = 0;
    for (let i = first; i < end; i++) {
      const t = T[i]!;
      if (t < from || t >= to) continue;
      const m = meta[i]!;
      if (wantSite >= 0 && m >> 3 !== wantSite) continue;
      if (byQt && wantQt >= 0 && (m & 7) !== wantQt) continue;
      if (cases !== null && cases.status[caseNo[i]!] !== cases.want) continue;
      const ag = by === BY_AGENT ? AG[i]! : by === BY_SITE ? m >> 3 : m & 7;
      visit(i, ag >= 0 ? agents[ag]! : null);
      n++;
    }
    return n;
  }

  /** The brand stream: replies, response times, first responses (and the trend's weeks). */
  private logBrands(s: EventStream, marks: LogMarks, cases: CaseStatusFilter | null): void {
    const { from, to, wantQt, cal, team } = this;
    const wantSite = this.wantFacebook < 0 ? -1 : platformIndex(this.wantFacebook);
    const agents = this.perAgent!;
    const split = this.weekSplit;
    const weeks = this.weekAccs;
    const { t: T, meta, agent: AG, caseNo, flags: F } = s;
    const by = groupCode(this.groupBy);
    const [s0, s1, s2, s3] = s.ranks as [Int32Array, Int32Array, Int32Array, Int32Array];
    const fig = marks.figures;
    // Marks written inline (the hot loop): owner[rank] = group + 1, count[group]++.
    const [oRtC, oRtB, oFrC, oFrB] = fig.map((x) => x.owner) as [Int16Array, Int16Array, Int16Array, Int16Array];
    const [cRtC, cRtB, cFrC, cFrB] = fig.map((x) => x.count) as [Int32Array, Int32Array, Int32Array, Int32Array];
    const [wC, wB] = marks.weeks;
    let rtLo = Infinity;
    let rtHi = -1;
    let rbLo = Infinity;
    let rbHi = -1;
    let frLo = Infinity;
    let frHi = -1;
    let fbLo = Infinity;
    let fbHi = -1;
    const { first, end } = eventRange(s, from, to);
    for (let i = first; i < end; i++) {
      const t = T[i]!;
      if (t < from || t >= to) continue;
      const m = meta[i]!;
      const site = m >> 3;
      if (wantSite >= 0 && site !== wantSite) continue;
      const qt = m & 7;
      if (wantQt >= 0 && qt !== wantQt) continue;
      if (cases !== null && cases.status[caseNo[i]!] !== cases.want) continue;
      const ag = by === BY_AGENT ? AG[i]! : by === BY_SITE ? site : qt;
      const mine = ag >= 0 ? agents[ag]! : null;
      const group = ag + 1;
      const f = F[i]!;
      let w = split ? Math.floor((t - from) / split.length) - split.skip : -1;
      const week = w >= 0 ? weeks[w]! : null;
      if (!week) w = -1;
      const day = this.perDay ? this.tz.localDay(t) : 0;
      this.loggedReply(team, site, qt, day, f);
      if (mine) this.loggedReply(mine, site, qt, day, f);
      if (week) week.replies++;
      if (f & F_RESPONSE) {
        const r = s0[i]!;
        oRtC[r] = group + 1;
        cRtC[group]!++;
        if (r < rtLo) rtLo = r;
        if (r > rtHi) rtHi = r;
        if (week) {
          wC.owner[r] = w + 1;
          wC.count[w]!++;
        }
        if (cal) {
          const rb = s1[i]!;
          oRtB[rb] = group + 1;
          cRtB[group]!++;
          if (rb < rbLo) rbLo = rb;
          if (rb > rbHi) rbHi = rb;
          if (week) {
            wB.owner[rb] = w + 1;
            wB.count[w]!++;
          }
        }
        const inTarget = (f & F_RT_TARGET) !== 0;
        const inLimit = (f & F_RT_LIMIT) !== 0;
        team.arTarget.judge(inTarget);
        team.arLimit.judge(inLimit);
        if (mine) {
          mine.arTarget.judge(inTarget);
          mine.arLimit.judge(inLimit);
        }
      }
      if (f & F_FIRST) {
        const r = s2[i]!;
        oFrC[r] = group + 1;
        cFrC[group]!++;
        if (r < frLo) frLo = r;
        if (r > frHi) frHi = r;
        if (cal) {
          const rb = s3[i]!;
          oFrB[rb] = group + 1;
          cFrB[group]!++;
          if (rb < fbLo) fbLo = rb;
          if (rb > fbHi) fbHi = rb;
        }
        const inTarget = (f & F_FR_TARGET) !== 0;
        const inLimit = (f & F_FR_LIMIT) !== 0;
        team.frTarget.judge(inTarget);
        team.frLimit.judge(inLimit);
        week?.frTarget.judge(inTarget);
        if (mine) {
          mine.frTarget.judge(inTarget);
          mine.frLimit.judge(inLimit);
        }
      }
    }
    setRange(fig[FIG_RT_CAL]!, rtLo, rtHi);
    setRange(wC, rtLo, rtHi);
    setRange(fig[FIG_RT_BUS]!, rbLo, rbHi);
    setRange(wB, rbLo, rbHi);
    setRange(fig[FIG_FRT_CAL]!, frLo, frHi);
    setRange(fig[FIG_FRT_BUS]!, fbLo, fbHi);
  }

  /** The resolved stream: resolution times, tweets to resolve, FCR, sentiment recovery. */
  private logResolved(s: EventStream, ttrValues: Float64Array, marks: LogMarks, cases: CaseStatusFilter | null): void {
    const { from, to, wantQt, cal, team, now } = this;
    const wantSite = this.wantFacebook < 0 ? -1 : platformIndex(this.wantFacebook);
    const agents = this.perAgent!;
    const { t: T, meta, agent: AG, caseNo, flags: F } = s;
    const by = groupCode(this.groupBy);
    const [s0, s1, s2, s3] = s.ranks as [Int32Array, Int32Array, Int32Array, Int32Array];
    const fig = marks.figures;
    const [oReC, oReB, oTt, oTb] = fig.slice(4).map((x) => x.owner) as [Int16Array, Int16Array, Int16Array, Int16Array];
    const [cReC, cReB, cTt, cTb] = fig.slice(4).map((x) => x.count) as [Int32Array, Int32Array, Int32Array, Int32Array];
    let reLo = Infinity;
    let reHi = -1;
    let rbLo = Infinity;
    let rbHi = -1;
    let ttLo = Infinity;
    let ttHi = -1;
    let tbLo = Infinity;
    let tbHi = -1;
    const { first, end } = eventRange(s, from, to);
    for (let i = first; i < end; i++) {
      const t = T[i]!;
      if (t < from || t >= to) continue;
      const m = meta[i]!;
      if (wantSite >= 0 && m >> 3 !== wantSite) continue;
      if (wantQt >= 0 && (m & 7) !== wantQt) continue;
      if (cases !== null && cases.status[caseNo[i]!] !== cases.want) continue;
      const ag = by === BY_AGENT ? AG[i]! : by === BY_SITE ? m >> 3 : m & 7;
      const mine = ag >= 0 ? agents[ag]! : null;
      const group = ag + 1;
      const f = F[i]!;
      if (f & F_EXACT) {
        const r = s0[i]!;
        oReC[r] = group + 1;
        cReC[group]!++;
        if (r < reLo) reLo = r;
        if (r > reHi) reHi = r;
        if (cal) {
          const rb = s1[i]!;
          oReB[rb] = group + 1;
          cReB[group]!++;
          if (rb < rbLo) rbLo = rb;
          if (rb > rbHi) rbHi = rb;
        }
      }
      const rt = s2[i]!;
      oTt[rt] = group + 1;
      cTt[group]!++;
      if (rt < ttLo) ttLo = rt;
      if (rt > ttHi) ttHi = rt;
      const rb = s3[i]!;
      oTb[rb] = group + 1;
      cTb[group]!++;
      if (rb < tbLo) tbLo = rb;
      if (rb > tbHi) tbHi = rb;
      const bucket = Math.min(ttrValues[rt]!, 5) - 1;
      const provisional = (f & F_FCR) !== 0 && now - t < FCR_REOPEN_WINDOW_MS;
      this.loggedResolution(team, f, bucket, provisional);
      if (mine) this.loggedResolution(mine, f, bucket, provisional);
    }
    setRange(fig[FIG_RES_CAL]!, reLo, reHi);
    setRange(fig[FIG_RES_BUS]!, rbLo, rbHi);
    setRange(fig[FIG_TTR]!, ttLo, ttHi);
    setRange(fig[FIG_TTR_BRAND]!, tbLo, tbHi);
  }

  private loggedReply(a: Acc, site: number, qt: number, day: number, f: number): void {
    a.replies++;
    a.perPlatform[site]!++;
    a.perQt[qt]!++;
    if (f & F_FOLLOW_UP) a.followUps++;
    if (this.perDay) {
      const k = day - this.perDayBase;
      const counts = a.perDayCounts;
      if (counts !== null && k >= 0 && k < counts.length) counts[k]!++;
      else a.perDayMap.set(day, (a.perDayMap.get(day) ?? 0) + 1);
    }
  }

  /** A deadline event: all replies' miss (a customer still waiting) or an open cycle's first-response miss. */
  private loggedMiss(a: Acc, open: boolean, target: boolean, limit: boolean): void {
    if (!open) {
      if (target) a.arTarget.missNow();
      if (limit) a.arLimit.missNow();
    } else {
      if (target) a.frTarget.missNow();
      if (limit) a.frLimit.missNow();
    }
  }

  private loggedResolution(a: Acc, f: number, bucket: number, provisional: boolean): void {
    a.ttrDist[bucket]!++;
    if (f & F_FCR_DEN) a.fcrDen++;
    if (f & F_FCR) {
      a.fcrNum++;
      if (provisional) a.provisional = true;
    }
    if (f & F_SENT_UNKNOWN) a.unknownSentiment++;
    if (f & F_SENT_NEGATIVE) {
      a.negativeStarts++;
      if (f & F_SENT_RECOVERED) a.recovered++;
    }
  }

  private walk(): void {
    const { starts, at, cases, walk } = this.ix;
    const { from, to } = this;
    this.team.approximateTimes = this.ix.approxOutside ?? 0;
    const n = walk ? walk.length : cases;
    for (let k = 0; k < n; k++) {
      const c = walk ? walk[k]! : k;
      // Every figure counts something at a time of the case inside the period (a message, a
      // wait's start, a cycle's start or end), so a case whose messages all lie before or
      // after the period adds nothing: skipped (each case is sorted by time). At a million
      // messages a month's report walks a few per cent of the cases.
      if (at[starts[c + 1]! - 1]! < from || at[starts[c]!]! >= to) continue;
      this.walkCase(c);
    }
  }

  /** The agent's counts a brand message at position p adds to in a walk for every agent; null for none. */
  private agentAcc(p: number): Acc | null {
    if (this.perAgent === null || p < 0) return null;
    const a = this.agentOf![p]!;
    return a >= 0 ? this.perAgent[a]! : null;
  }

  private qtOk(qt: number): boolean {
    return this.wantQt < 0 || qt === this.wantQt;
  }

  private inPeriod(t: number): boolean {
    return t >= this.from && t < this.to;
  }

  /** Both positions carry the site's exact time. */
  private exact(a: number, b: number): boolean {
    return ((this.ix.code[a]! | this.ix.code[b]!) & APPROX) === 0;
  }

  private addBusiness(start: number, ms: number): number {
    return this.cal ? this.cal.add(start, ms) : start + ms;
  }

  /**
   * Was an answer at `t` within `budget` of `start`, i.e. t ≤ addBusinessMs(start, budget)?
   * `elapsed` (business ms start→t) decides it unless it equals the budget exactly; then the
   * deadline does (an answer after closing time that used exactly the target is late).
   */
  private within(start: number, t: number, elapsed: number, budget: number): boolean {
    return elapsed < budget || (elapsed === budget && t <= this.addBusiness(start, budget));
  }

  private walkCase(c: number): void {
    const { starts, code } = this.ix;
    const first = starts[c]!;
    const end = starts[c + 1]!;
    const facebook = code[first]! & FACEBOOK; // Decision: a case's platform is its first message's
    if (this.wantFacebook >= 0 && facebook !== this.wantFacebook) return;
    this.platformIndex = platformIndex(code[first]!);
    this.rules = slaIndex(this.platformIndex, 0);
    this.recCase = c;
    const an = analyzeCase(this.ix, c, this.an);
    if (this.rec) return this.recordCase(an.cycles, an.count);
    const cyc = an.cycles;
    const nCyc = an.count;

    this.waitFrom = -1;
    this.pendCount = 0;
    let ci = 0;
    let cy: Cycle | null = nCyc > 0 ? cyc[0]! : null;
    for (let p = first; p < end; p++) {
      const k = code[p]!;
      if (k & SKIPPED) continue;
      if (k & APPROX && this.inPeriod(this.ix.at[p]!)) this.team.approximateTimes++;
      while (cy !== null && p > cy.end) cy = ++ci < nCyc ? cyc[ci]! : null;
      const inCycle = cy !== null && p >= cy.start ? cy : null;
      if (k & FROM_BRAND) {
        // Decision: a reply outside any cycle (proactive post, follow-up after a resolution)
        // takes its own query type, else that of the case's previous cycle, else the next one.
        const qt = inCycle
          ? inCycle.queryType
          : queryTypeCode(k) || (ci > 0 ? cyc[ci - 1]!.queryType : nCyc > 0 ? cyc[0]!.queryType : 0);
        this.brandMessage(this.team, p, k, qt, inCycle, (k & CREDIT) !== 0);
        const mine = this.agentAcc(p);
        if (mine) this.brandMessage(mine, p, k, qt, inCycle, true);
        // Somebody waiting got their reply; everyone pending got a reply.
        this.waitFrom = -1;
        this.pendCount = 0;
      } else {
        this.customerMessage(p, inCycle!); // a customer message always starts or belongs to a cycle
      }
      if (inCycle && p === inCycle.end && inCycle.resolved) this.waitFrom = -1;
    }
    const last = nCyc > 0 ? cyc[nCyc - 1]! : null;
    if (last !== null) {
      if (this.owned(last)) this.caseEnd(this.team, last);
      const owner = this.agentAcc(last.owner);
      if (owner) this.caseEnd(owner, last);
    }
    for (let m = 0; m < nCyc; m++) {
      const cy = cyc[m]!;
      if (!this.qtOk(cy.queryType)) continue;
      if (this.owned(cy)) this.cycleMetrics(this.team, cy);
      const owner = this.agentAcc(cy.owner);
      if (owner) this.cycleMetrics(owner, cy);
    }
  }

  /** A brand message at p, counted for `a`; `mineOk`: the message is `a`'s (its CREDIT bit for the query). */
  private brandMessage(a: Acc, p: number, k: number, qt: number, cy: Cycle | null, mineOk: boolean): void {
    const t = this.ix.at[p]!;
    const inP = this.inPeriod(t);
    const counted = inP && mineOk && this.qtOk(qt);
    if (counted) {
      a.replies++;
      const week = this.weekOf(a, t);
      if (week) week.replies++;
      a.perPlatform[this.platformIndex]!++;
      a.perQt[qt]!++;
      if (this.perDay) {
        const day = this.tz.localDay(t);
        const k = day - this.perDayBase;
        const counts = a.perDayCounts;
        if (counts !== null && k >= 0 && k < counts.length) counts[k]!++;
        else a.perDayMap.set(day, (a.perDayMap.get(day) ?? 0) + 1);
      }
    }
    if (this.waitFrom >= 0) {
      // Somebody is waiting, so a cycle is open and this reply is in it.
      // Decision: a wait that starts or ends at an approximate time is not timed (DESIGN §3: never guessed).
      if (inP && mineOk && this.qtOk(cy!.queryType) && this.exact(this.waitFrom, p)) this.responseTime(a, p, this.ix.at[this.waitFrom]!, t, cy!.queryType);
    } else if (counted) {
      a.followUps++;
    }
    if (cy && cy.firstBrand === p && !cy.proactive && inP && mineOk && this.qtOk(cy.queryType) && this.exact(cy.start, p)) {
      this.firstResponse(a, p, this.ix.at[cy.start]!, t, cy.queryType);
    }
    // Reply rate: everyone pending got a reply, credited to this reply's sender.
    // Decision: any later brand message of the case counts as the reply, even one after
    // a resolution ("glad it works!").
    if (this.pendCount > 0 && mineOk) this.countPending(a, true);
  }

  private customerMessage(p: number, cy: Cycle): void {
    if (this.waitFrom < 0) this.waitFrom = p;
    if (this.pendCount === this.pendAt.length) {
      const a = new Float64Array(this.pendCount * 2);
      a.set(this.pendAt);
      this.pendAt = a;
      const b = new Uint8Array(this.pendCount * 2);
      b.set(this.pendQt);
      this.pendQt = b;
    }
    this.pendAt[this.pendCount] = this.ix.at[p]!;
    this.pendQt[this.pendCount] = cy.queryType;
    this.pendCount++;
  }

  private countPending(a: Acc, answered: boolean): void {
    for (let m = 0; m < this.pendCount; m++) {
      if (this.qtOk(this.pendQt[m]!) && this.inPeriod(this.pendAt[m]!)) {
        a.customerMessages++;
        if (answered) a.answered++;
      }
    }
  }

  /** Business ms start→end, kept in `memo` at position p when there is one. */
  private between(memo: Float64Array | undefined, p: number, start: number, end: number): number {
    if (memo === undefined) return this.cal!.between(start, end);
    let v = memo[p]!;
    if (v !== v) v = memo[p] = this.cal!.between(start, end);
    return v;
  }

  private responseTime(a: Acc, p: number, waitingSince: number, t: number, qt: number): void {
    const calMs = t - waitingSince;
    const week = this.weekOf(a, t);
    a.rtCal.push(calMs);
    week?.rtCal.push(calMs);
    let elapsed = calMs;
    if (this.cal) {
      elapsed = this.between(this.memo?.response, p, waitingSince, t);
      a.rtBus.push(elapsed);
      week?.rtBus.push(elapsed);
    }
    a.arTarget.judge(this.within(waitingSince, t, elapsed, this.sla.targetMs[this.rules + qt]!));
    a.arLimit.judge(this.within(waitingSince, t, elapsed, this.sla.limitMs[this.rules + qt]!));
  }

  private firstResponse(a: Acc, p: number, start: number, t: number, qt: number): void {
    const calMs = t - start;
    a.frtCal.push(calMs);
    let elapsed = calMs;
    if (this.cal) {
      elapsed = this.between(this.memo?.first, p, start, t);
      a.frtBus.push(elapsed);
    }
    const withinTarget = this.within(start, t, elapsed, this.sla.targetMs[this.rules + qt]!);
    a.frTarget.judge(withinTarget);
    this.weekOf(a, t)?.frTarget.judge(withinTarget);
    a.frLimit.judge(this.within(start, t, elapsed, this.sla.limitMs[this.rules + qt]!));
  }

  /** DESIGN §4: a cycle and whatever still waits in it belong to the cycle's owner (credit.ts). */
  private owned(cy: Cycle): boolean {
    return ownsCycle(this.ix, cy, this.filtered);
  }

  /** The end of a case whose last cycle belongs to `a`. */
  private caseEnd(a: Acc, last: Cycle): void {
    // Unanswered messages and a customer still waiting are in the case's last cycle, whose
    // owner is the case's last brand message: the same person as the open-cases list shows.
    if (this.pendCount > 0) this.countPending(a, false);
    // A customer still waiting past the deadline is a miss now (all timed replies).
    // Decision: it belongs to the period of the time the wait began.
    if (this.waitFrom >= 0) {
      const qt = last.queryType;
      const ws = this.ix.at[this.waitFrom]!;
      if (this.inPeriod(ws) && this.qtOk(qt)) {
        if (this.addBusiness(ws, this.sla.targetMs[this.rules + qt]!) < this.now) a.arTarget.missNow();
        if (this.addBusiness(ws, this.sla.limitMs[this.rules + qt]!) < this.now) a.arLimit.missNow();
      }
    }
  }

  /** Cycle-level metrics of a cycle of the query's type that belongs to `a` (Cycle.owner, DESIGN §4). */
  private cycleMetrics(a: Acc, cy: Cycle): void {
    const qt = cy.queryType;
    const at = this.ix.at;
    const startAt = at[cy.start]!;
    if (this.inPeriod(startAt)) {
      a.cycles++;
      if (cy.escalated) {
        a.escalated++;
        a.byChannel[cy.channel]!++;
      }
    }
    if (cy.resolved) {
      if (this.inPeriod(at[cy.end]!)) this.resolvedCycle(a, cy, startAt, at[cy.end]!);
    } else if (cy.firstBrand < 0 && !cy.proactive && this.inPeriod(startAt)) {
      // An open cycle nobody answered yet (the case's last cycle): a first-response miss
      // once past its deadline.
      if (this.addBusiness(startAt, this.sla.targetMs[this.rules + qt]!) < this.now) {
        a.frTarget.missNow();
        this.weekOf(a, startAt)?.frTarget.missNow();
      }
      if (this.addBusiness(startAt, this.sla.limitMs[this.rules + qt]!) < this.now) a.frLimit.missNow();
    }
  }

  private resolvedCycle(a: Acc, cy: Cycle, startAt: number, endAt: number): void {
    if (this.exact(cy.start, cy.end)) {
      a.resCal.push(endAt - startAt);
      if (this.cal) a.resBus.push(this.between(this.memo?.resolution, cy.end, startAt, endAt));
    }
    a.ttr.push(cy.messages);
    a.ttrBrand.push(cy.brandReplies);
    a.ttrDist[Math.min(cy.messages, 5) - 1]!++;
    if (cy.brandReplies >= 1) {
      a.fcrDen++;
      const fcr =
        cy.brandReplies === 1 && cy.lastCustomerBeforeEnd < cy.firstBrand && !(cy.nextStartAt - endAt < FCR_REOPEN_WINDOW_MS);
      if (fcr) {
        a.fcrNum++;
        // Decision: provisional while a counted FCR could still be lost to a reopen.
        if (this.now - endAt < FCR_REOPEN_WINDOW_MS) a.provisional = true;
      }
    }
    // Decision: only a negative start makes a cycle part of sentiment recovery; a cycle is
    // "unknown" when its first customer sentiment is unset, or it starts negative and its
    // last customer sentiment is unset.
    const fs = cy.firstSentiment;
    if (fs === 0) a.unknownSentiment++;
    else if (fs === SENT_NEGATIVE) {
      const ls = cy.lastSentiment;
      if (ls === 0) a.unknownSentiment++;
      else {
        a.negativeStarts++;
        if (ls !== SENT_NEGATIVE) a.recovered++;
      }
    }
  }

  private perDayTotals(a: Acc): Map<number, number> {
    const out = new Map(a.perDayMap);
    const counts = a.perDayCounts;
    if (counts !== null) {
      for (let k = 0; k < counts.length; k++) if (counts[k]! > 0) out.set(this.perDayBase + k, (out.get(this.perDayBase + k) ?? 0) + counts[k]!);
    }
    return out;
  }

  private result(a: Acc, settings: Settings): Figures {
    const { from, to, now, cal } = this;
    const days = Math.max(0, (to - from) / DAY);
    const pre = a.pre;
    const tts = pre ? { mean: pre.ttr.mean, median: pre.ttr.median } : summarizeCounts(a.ttr);
    const ttb = pre ? { mean: pre.ttrBrand.mean, median: pre.ttrBrand.median } : summarizeCounts(a.ttrBrand);
    const cost = settings.cost;
    // Decision: hours worked = weekly hours × calendar days of the period / 7 (the schedule's
    // holidays are not subtracted: weekly hours are what the team pays for).
    const hoursWorked = cost ? (cost.weeklyHours * days) / 7 : 0;
    // A plain loop, not Object.fromEntries: a drill-down list builds this for thousands of cases.
    const byName = <T extends string>(names: readonly T[], counts: Int32Array, offset: number) => {
      const out = {} as Record<T, number>;
      for (let i = 0; i < names.length; i++) out[names[i]!] = counts[i + offset]!;
      return out;
    };
    return {
      period: { from, to, now, days, timeZone: this.timeZone },
      replies: {
        count: a.replies,
        perDay: this.perDay ? dayList(this.perDayTotals(a), from, to, this.tz) : [],
        perPlatform: byName(PLATFORMS, a.perPlatform, 0),
        perQueryType: byName(QUERY_TYPES, a.perQt, 1),
        noQueryType: a.perQt[0]!,
        followUps: a.followUps,
      },
      approximateTimes: a.approximateTimes,
      responseTime: { calendar: pre ? pre.rtCal : summarize(a.rtCal), business: cal ? (pre ? pre.rtBus : summarize(a.rtBus)) : null },
      firstResponseTime: { calendar: pre ? pre.frtCal : summarize(a.frtCal), business: cal ? (pre ? pre.frtBus : summarize(a.frtBus)) : null },
      resolutionTime: { calendar: pre ? pre.resCal : summarize(a.resCal), business: cal ? (pre ? pre.resBus : summarize(a.resBus)) : null },
      tweetsToResolve: {
        count: pre ? pre.ttr.count : a.ttr.length,
        mean: tts.mean,
        median: tts.median,
        distribution: a.ttrDist,
        brandReplies: ttb,
      },
      fcr: { numerator: a.fcrNum, denominator: a.fcrDen, rate: rate(a.fcrNum, a.fcrDen), provisional: a.provisional },
      sentimentRecovery: {
        recovered: a.recovered,
        negativeStarts: a.negativeStarts,
        rate: rate(a.recovered, a.negativeStarts),
        unknown: a.unknownSentiment,
      },
      sla: {
        firstResponse: { withinTarget: a.frTarget.share(), withinLimit: a.frLimit.share() },
        allReplies: { withinTarget: a.arTarget.share(), withinLimit: a.arLimit.share() },
      },
      escalation: {
        escalated: a.escalated,
        cycles: a.cycles,
        rate: rate(a.escalated, a.cycles),
        byChannel: { ...byName(CHANNELS, a.byChannel, 1), unknown: a.byChannel[0]! },
      },
      replyRate: { answered: a.answered, customerMessages: a.customerMessages, rate: rate(a.answered, a.customerMessages) },
      cost: cost
        ? {
            hourly: cost.hourly,
            hoursWorked,
            total: cost.hourly * hoursWorked,
            perResponse: a.replies > 0 ? (cost.hourly * hoursWorked) / a.replies : null,
          }
        : null,
    };
  }
}

function dayList(counts: Map<number, number>, from: number, to: number, tz: Zone): { day: string; count: number }[] {
  const out: { day: string; count: number }[] = [];
  if (to > from && to - from <= MAX_FILLED_DAYS * DAY) {
    const lastDay = tz.localDay(to - 1);
    for (let d = tz.localDay(from); d <= lastDay; d++) out.push({ day: dayLabel(d), count: counts.get(d) ?? 0 });
    return out;
  }
  for (const d of [...counts.keys()].sort((a, b) => a - b)) out.push({ day: dayLabel(d), count: counts.get(d)! });
  return out;
}
