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
import { approxInPeriod, indexColumns, isColumns, windowOf, type MessageColumns } from './columns';
import { ownsCycle, senderFilter } from './credit';
import { analyzeCase, newAnalysis, type Cycle } from './cycles';
import { withScratch, type Scratch } from './scratch';
import { slaIndex, slaTable, type SlaTable } from './sla';
import { rate, Samples, summarize, summarizeCounts } from './stats';
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
 * Each case's own figures for the query, as computeColumnFigures gives for that case's rows
 * alone, for every case of the period's window (the only cases with a figure or a message
 * in the period): the drill-down lists. One index for the query and one small run per case,
 * instead of an index per case.
 */
export function eachColumnCaseFigures(cols: MessageColumns, settings: Settings, q: FigureQuery, visit: (c: number, f: Figures) => void): void {
  withScratch((scratch) => {
    const ix = indexColumns(cols, q, scratch);
    const walked = ix.walk!;
    const window = windowOf(cols, q.from, q.to).cases;
    const site = q.platform === undefined ? -1 : q.platform === 'facebook' ? FACEBOOK : 0;
    const one = new Int32Array(1);
    const none = new Int32Array(0);
    let w = 0;
    for (let k = 0; k < window.length; k++) {
      const c = window[k]!;
      // Both lists are in case order.
      while (w < walked.length && walked[w]! < c) w++;
      const inWalk = w < walked.length && walked[w] === c;
      one[0] = c;
      // A case the query credits nothing in still counts its approximate times (as computeColumnFigures' approxOutside).
      const approx = inWalk || (site >= 0 && (cols.code[cols.starts[c]!]! & FACEBOOK) !== site) ? 0 : approxInPeriod(cols, c, q.from, q.to);
      visit(c, new FigureRun(cols, settings, q, scratch, { ...ix, walk: inWalk ? one : none, approxOutside: approx }).run());
    }
  });
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

  // State of the case being walked.
  /** Offset of the case platform's rules in the SLA table. */
  private rules = 0;
  private platformIndex = 0;
  /** Position of the oldest customer message waiting, -1 when nobody waits. */
  private waitFrom = -1;
  /** Customer messages not yet followed by a brand reply (reply rate): time and query type filter. */
  private pendAt: Float64Array;
  private pendQtOk: Uint8Array;
  private pendCount = 0;

  // Accumulators.
  private replies = 0;
  private followUps = 0;
  private approximateTimes = 0;
  /** Replies per local day: by index from perDayBase when the period is short enough, else in perDayMap. */
  private readonly perDayBase: number;
  private readonly perDayCounts: Int32Array | null;
  private readonly perDayMap = new Map<number, number>();
  private readonly perPlatform = new Int32Array(PLATFORMS.length);
  private readonly perQt = new Int32Array(QUERY_TYPES.length + 1); // by code, 0 = none
  private readonly rtCal: Samples;
  private readonly rtBus: Samples;
  private readonly frtCal: Samples;
  private readonly frtBus: Samples;
  private readonly resCal: Samples;
  private readonly resBus: Samples;
  private readonly ttr: Samples;
  private readonly ttrBrand: Samples;
  private readonly ttrDist = [0, 0, 0, 0, 0];
  private fcrNum = 0;
  private fcrDen = 0;
  private provisional = false;
  private recovered = 0;
  private negativeStarts = 0;
  private unknownSentiment = 0;
  private readonly frTarget = new Tally();
  private readonly frLimit = new Tally();
  private readonly arTarget = new Tally();
  private readonly arLimit = new Tally();
  private cycles = 0;
  private escalated = 0;
  private readonly byChannel = new Int32Array(CHANNELS.length + 1); // by code, 0 = unknown
  private answered = 0;
  private customerMessages = 0;

  constructor(
    source: readonly MessageRecord[] | MessageColumns,
    private readonly settings: Settings,
    q: FigureQuery,
    scratch: Scratch,
    /** An index already built for this query (eachColumnCaseFigures). */
    index?: CaseIndex,
  ) {
    this.from = q.from;
    this.to = q.to;
    this.now = q.now;
    const schedule = settings.schedule;
    this.cal = schedule ? calendarFor(schedule) : null;
    this.timeZone = q.timeZone ?? schedule?.timeZone ?? runtimeTimeZone();
    this.tz = zone(this.timeZone);
    const short = this.to > this.from && this.to - this.from <= MAX_INDEXED_DAYS * DAY;
    this.perDayBase = short ? this.tz.localDay(this.from) : 0;
    this.perDayCounts = short ? new Int32Array(Math.max(0, this.tz.localDay(this.to - 1) - this.perDayBase + 1)) : null;
    this.sla = slaTable(settings);
    this.wantQt = q.queryType === undefined ? -1 : queryTypeCodeOf(q.queryType);
    this.wantFacebook = q.platform === undefined ? -1 : q.platform === 'facebook' ? FACEBOOK : 0;
    this.senderFilter = senderFilter(q);
    this.filtered = this.senderFilter !== null;
    this.ix = index ?? (isColumns(source) ? indexColumns(source, q, scratch) : indexCases(source, this.senderFilter, scratch));
    this.memo = this.cal && isColumns(source) ? businessMemo(source, this.cal) : null;
    this.pendAt = new Float64Array(64);
    this.pendQtOk = new Uint8Array(64);
    this.rtCal = new Samples(scratch, 'rtCal');
    this.rtBus = new Samples(scratch, 'rtBus');
    this.frtCal = new Samples(scratch, 'frtCal');
    this.frtBus = new Samples(scratch, 'frtBus');
    this.resCal = new Samples(scratch, 'resCal');
    this.resBus = new Samples(scratch, 'resBus');
    this.ttr = new Samples(scratch, 'ttr');
    this.ttrBrand = new Samples(scratch, 'ttrBrand');
  }

  run(): Figures {
    const { starts, at, cases, walk } = this.ix;
    const { from, to } = this;
    this.approximateTimes = this.ix.approxOutside ?? 0;
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
    return this.result();
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

  /** Business ms start→end, kept in `memo` at position p when there is one. */
  private between(memo: Float64Array | undefined, p: number, start: number, end: number): number {
    if (memo === undefined) return this.cal!.between(start, end);
    let v = memo[p]!;
    if (v !== v) v = memo[p] = this.cal!.between(start, end);
    return v;
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
    const an = analyzeCase(this.ix, c, this.an);
    const cyc = an.cycles;
    const nCyc = an.count;

    this.waitFrom = -1;
    this.pendCount = 0;
    let ci = 0;
    let cy: Cycle | null = nCyc > 0 ? cyc[0]! : null;
    for (let p = first; p < end; p++) {
      const k = code[p]!;
      if (k & SKIPPED) continue;
      if (k & APPROX && this.inPeriod(this.ix.at[p]!)) this.approximateTimes++;
      while (cy !== null && p > cy.end) cy = ++ci < nCyc ? cyc[ci]! : null;
      const inCycle = cy !== null && p >= cy.start ? cy : null;
      if (k & FROM_BRAND) {
        // Decision: a reply outside any cycle (proactive post, follow-up after a resolution)
        // takes its own query type, else that of the case's previous cycle, else the next one.
        const qt = inCycle
          ? inCycle.queryType
          : queryTypeCode(k) || (ci > 0 ? cyc[ci - 1]!.queryType : nCyc > 0 ? cyc[0]!.queryType : 0);
        this.brandMessage(p, k, qt, inCycle);
      } else {
        this.customerMessage(p, inCycle!); // a customer message always starts or belongs to a cycle
      }
      if (inCycle && p === inCycle.end && inCycle.resolved) this.waitFrom = -1;
    }
    this.caseEnd(nCyc > 0 ? cyc[nCyc - 1]! : null);
    for (let m = 0; m < nCyc; m++) this.cycleMetrics(cyc[m]!);
  }

  private brandMessage(p: number, k: number, qt: number, cy: Cycle | null): void {
    const t = this.ix.at[p]!;
    const mineOk = (k & CREDIT) !== 0;
    const inP = this.inPeriod(t);
    const counted = inP && mineOk && this.qtOk(qt);
    if (counted) {
      this.replies++;
      this.perPlatform[this.platformIndex]!++;
      this.perQt[qt]!++;
      const day = this.tz.localDay(t);
      const k = day - this.perDayBase;
      const counts = this.perDayCounts;
      if (counts !== null && k >= 0 && k < counts.length) counts[k]!++;
      else this.perDayMap.set(day, (this.perDayMap.get(day) ?? 0) + 1);
    }
    if (this.waitFrom >= 0) {
      // Somebody is waiting, so a cycle is open and this reply is in it.
      // Decision: a wait that starts or ends at an approximate time is not timed (DESIGN §3: never guessed).
      if (inP && mineOk && this.qtOk(cy!.queryType) && this.exact(this.waitFrom, p)) this.responseTime(p, this.ix.at[this.waitFrom]!, t, cy!.queryType);
      this.waitFrom = -1;
    } else if (counted) {
      this.followUps++;
    }
    if (cy && cy.firstBrand === p && !cy.proactive && inP && mineOk && this.qtOk(cy.queryType) && this.exact(cy.start, p)) {
      this.firstResponse(p, this.ix.at[cy.start]!, t, cy.queryType);
    }
    // Reply rate: everyone pending got a reply, credited to this reply's sender.
    // Decision: any later brand message of the case counts as the reply, even one after
    // a resolution ("glad it works!").
    if (this.pendCount > 0) {
      if (mineOk) this.countPending(true);
      this.pendCount = 0;
    }
  }

  private customerMessage(p: number, cy: Cycle): void {
    if (this.waitFrom < 0) this.waitFrom = p;
    if (this.pendCount === this.pendAt.length) {
      const a = new Float64Array(this.pendCount * 2);
      a.set(this.pendAt);
      this.pendAt = a;
      const b = new Uint8Array(this.pendCount * 2);
      b.set(this.pendQtOk);
      this.pendQtOk = b;
    }
    this.pendAt[this.pendCount] = this.ix.at[p]!;
    this.pendQtOk[this.pendCount] = this.qtOk(cy.queryType) ? 1 : 0;
    this.pendCount++;
  }

  private countPending(answered: boolean): void {
    for (let m = 0; m < this.pendCount; m++) {
      if (this.pendQtOk[m] && this.inPeriod(this.pendAt[m]!)) {
        this.customerMessages++;
        if (answered) this.answered++;
      }
    }
  }

  private responseTime(p: number, waitingSince: number, t: number, qt: number): void {
    const calMs = t - waitingSince;
    this.rtCal.push(calMs);
    let elapsed = calMs;
    if (this.cal) {
      elapsed = this.between(this.memo?.response, p, waitingSince, t);
      this.rtBus.push(elapsed);
    }
    this.arTarget.judge(this.within(waitingSince, t, elapsed, this.sla.targetMs[this.rules + qt]!));
    this.arLimit.judge(this.within(waitingSince, t, elapsed, this.sla.limitMs[this.rules + qt]!));
  }

  private firstResponse(p: number, start: number, t: number, qt: number): void {
    const calMs = t - start;
    this.frtCal.push(calMs);
    let elapsed = calMs;
    if (this.cal) {
      elapsed = this.between(this.memo?.first, p, start, t);
      this.frtBus.push(elapsed);
    }
    this.frTarget.judge(this.within(start, t, elapsed, this.sla.targetMs[this.rules + qt]!));
    this.frLimit.judge(this.within(start, t, elapsed, this.sla.limitMs[this.rules + qt]!));
  }

  /** DESIGN §4: a cycle and whatever still waits in it belong to the cycle's owner (credit.ts). */
  private owned(cy: Cycle): boolean {
    return ownsCycle(this.ix, cy, this.filtered);
  }

  private caseEnd(last: Cycle | null): void {
    // Unanswered messages and a customer still waiting are in the case's last cycle, whose
    // owner is the case's last brand message: the same person as the open-cases list shows.
    if (last === null || !this.owned(last)) return;
    if (this.pendCount > 0) this.countPending(false);
    // A customer still waiting past the deadline is a miss now (all timed replies).
    // Decision: it belongs to the period of the time the wait began.
    if (this.waitFrom >= 0) {
      const qt = last.queryType;
      const ws = this.ix.at[this.waitFrom]!;
      if (this.inPeriod(ws) && this.qtOk(qt)) {
        if (this.addBusiness(ws, this.sla.targetMs[this.rules + qt]!) < this.now) this.arTarget.missNow();
        if (this.addBusiness(ws, this.sla.limitMs[this.rules + qt]!) < this.now) this.arLimit.missNow();
      }
    }
  }

  /** Cycle-level metrics, credited to the cycle's owner (Cycle.owner, DESIGN §4). */
  private cycleMetrics(cy: Cycle): void {
    const qt = cy.queryType;
    if (!this.qtOk(qt) || !this.owned(cy)) return;
    const at = this.ix.at;
    const startAt = at[cy.start]!;
    if (this.inPeriod(startAt)) {
      this.cycles++;
      if (cy.escalated) {
        this.escalated++;
        this.byChannel[cy.channel]!++;
      }
    }
    if (cy.resolved) {
      if (this.inPeriod(at[cy.end]!)) this.resolvedCycle(cy, startAt, at[cy.end]!);
    } else if (cy.firstBrand < 0 && !cy.proactive && this.inPeriod(startAt)) {
      // An open cycle nobody answered yet (the case's last cycle): a first-response miss
      // once past its deadline.
      if (this.addBusiness(startAt, this.sla.targetMs[this.rules + qt]!) < this.now) this.frTarget.missNow();
      if (this.addBusiness(startAt, this.sla.limitMs[this.rules + qt]!) < this.now) this.frLimit.missNow();
    }
  }

  private resolvedCycle(cy: Cycle, startAt: number, endAt: number): void {
    if (this.exact(cy.start, cy.end)) {
      this.resCal.push(endAt - startAt);
      if (this.cal) this.resBus.push(this.between(this.memo?.resolution, cy.end, startAt, endAt));
    }
    this.ttr.push(cy.messages);
    this.ttrBrand.push(cy.brandReplies);
    this.ttrDist[Math.min(cy.messages, 5) - 1]!++;
    if (cy.brandReplies >= 1) {
      this.fcrDen++;
      const fcr =
        cy.brandReplies === 1 && cy.lastCustomerBeforeEnd < cy.firstBrand && !(cy.nextStartAt - endAt < FCR_REOPEN_WINDOW_MS);
      if (fcr) {
        this.fcrNum++;
        // Decision: provisional while a counted FCR could still be lost to a reopen.
        if (this.now - endAt < FCR_REOPEN_WINDOW_MS) this.provisional = true;
      }
    }
    // Decision: only a negative start makes a cycle part of sentiment recovery; a cycle is
    // "unknown" when its first customer sentiment is unset, or it starts negative and its
    // last customer sentiment is unset.
    const fs = cy.firstSentiment;
    if (fs === 0) this.unknownSentiment++;
    else if (fs === SENT_NEGATIVE) {
      const ls = cy.lastSentiment;
      if (ls === 0) this.unknownSentiment++;
      else {
        this.negativeStarts++;
        if (ls !== SENT_NEGATIVE) this.recovered++;
      }
    }
  }

  private perDayTotals(): Map<number, number> {
    const out = new Map(this.perDayMap);
    const counts = this.perDayCounts;
    if (counts !== null) {
      for (let k = 0; k < counts.length; k++) if (counts[k]! > 0) out.set(this.perDayBase + k, (out.get(this.perDayBase + k) ?? 0) + counts[k]!);
    }
    return out;
  }

  private result(): Figures {
    const { from, to, now, cal } = this;
    const days = Math.max(0, (to - from) / DAY);
    const tts = summarizeCounts(this.ttr);
    const ttb = summarizeCounts(this.ttrBrand);
    const cost = this.settings.cost;
    // Decision: hours worked = weekly hours × calendar days of the period / 7 (the schedule's
    // holidays are not subtracted: weekly hours are what the team pays for).
    const hoursWorked = cost ? (cost.weeklyHours * days) / 7 : 0;
    const byName = <T extends string>(names: readonly T[], counts: Int32Array, offset: number) =>
      Object.fromEntries(names.map((name, i) => [name, counts[i + offset]!])) as Record<T, number>;
    return {
      period: { from, to, now, days, timeZone: this.timeZone },
      replies: {
        count: this.replies,
        perDay: dayList(this.perDayTotals(), from, to, this.tz),
        perPlatform: byName(PLATFORMS, this.perPlatform, 0),
        perQueryType: byName(QUERY_TYPES, this.perQt, 1),
        noQueryType: this.perQt[0]!,
        followUps: this.followUps,
      },
      approximateTimes: this.approximateTimes,
      responseTime: { calendar: summarize(this.rtCal), business: cal ? summarize(this.rtBus) : null },
      firstResponseTime: { calendar: summarize(this.frtCal), business: cal ? summarize(this.frtBus) : null },
      resolutionTime: { calendar: summarize(this.resCal), business: cal ? summarize(this.resBus) : null },
      tweetsToResolve: {
        count: this.ttr.length,
        mean: tts.mean,
        median: tts.median,
        distribution: this.ttrDist,
        brandReplies: ttb,
      },
      fcr: { numerator: this.fcrNum, denominator: this.fcrDen, rate: rate(this.fcrNum, this.fcrDen), provisional: this.provisional },
      sentimentRecovery: {
        recovered: this.recovered,
        negativeStarts: this.negativeStarts,
        rate: rate(this.recovered, this.negativeStarts),
        unknown: this.unknownSentiment,
      },
      sla: {
        firstResponse: { withinTarget: this.frTarget.share(), withinLimit: this.frLimit.share() },
        allReplies: { withinTarget: this.arTarget.share(), withinLimit: this.arLimit.share() },
      },
      escalation: {
        escalated: this.escalated,
        cycles: this.cycles,
        rate: rate(this.escalated, this.cycles),
        byChannel: { ...byName(CHANNELS, this.byChannel, 1), unknown: this.byChannel[0]! },
      },
      replyRate: { answered: this.answered, customerMessages: this.customerMessages, rate: rate(this.answered, this.customerMessages) },
      cost: cost
        ? {
            hourly: cost.hourly,
            hoursWorked,
            total: cost.hourly * hoursWorked,
            perResponse: this.replies > 0 ? (cost.hourly * hoursWorked) / this.replies : null,
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
