/**
 * The team's events per columns (issue 9: a filter change at 1M messages under 200 ms).
 *
 * A team walk (computeColumnFiguresPerAgent) cuts every case into cycles and emits events
 * (a reply, a response time, a cycle's start…), each counted when ITS time is in the period
 * and its query type and site pass the filters. None of that depends on the period, so the
 * walk is done once per columns over all time and its events are kept here, one stream per
 * kind of event, each bucketed by hour: a period's figures are then a scan of the period's
 * events (figures.ts runFromLog) instead of a walk of its cases.
 *
 * Medians and p90s: every duration of a figure is sorted once and each event keeps its
 * value's rank; a period marks its values' ranks with their owner (agent, or trend week)
 * and one ordered pass over the marked ranks gives every owner's percentiles at once
 * (selectRanked), instead of a selection per row and period. Pure.
 */
import { Grow } from './grow';
import { bucketOf, BUCKETS, type DurationStats } from './stats';

/** Brand event flags. */
export const F_FOLLOW_UP = 1;
export const F_RESPONSE = 2;
export const F_RT_TARGET = 4;
export const F_RT_LIMIT = 8;
export const F_FIRST = 16;
export const F_FR_TARGET = 32;
export const F_FR_LIMIT = 64;
/** Pending event flag: a later brand message answered it. */
export const F_ANSWERED = 1;
/** Cycle event flag; the escalation channel is in the bits above it. */
export const F_ESCALATED = 1;
/** Resolved event flags. */
export const F_EXACT = 1;
export const F_FCR_DEN = 2;
export const F_FCR = 4;
export const F_SENT_UNKNOWN = 8;
export const F_SENT_NEGATIVE = 16;
export const F_SENT_RECOVERED = 32;
/** Deadline event flag: an open cycle nobody answered (first response); without it, a customer still waiting (all replies). */
export const F_OPEN = 1;

/** The ranked figures; a brand event's ranks are rtCal, rtBus, frtCal, frtBus, a resolved one's resCal, resBus, ttr, ttrBrand (-1: none). */
export const FIG_RT_CAL = 0;
export const FIG_RT_BUS = 1;
export const FIG_FRT_CAL = 2;
export const FIG_FRT_BUS = 3;
export const FIG_RES_CAL = 4;
export const FIG_RES_BUS = 5;
export const FIG_TTR = 6;
export const FIG_TTR_BRAND = 7;
const FIGURES = 8;

const HOUR = 3_600_000;
/** Elements a step of a sliced pass handles (a few milliseconds on a slow machine). */
const STEP = 1 << 16;

/** One kind of event, in hour buckets (within a bucket, in no particular order). */
export interface EventStream {
  n: number;
  t: Float64Array;
  /** queryType | site << 3. */
  meta: Uint8Array;
  flags: Uint8Array;
  /** Agent number (MessageColumns.agents) the event also counts for; -1: the team only. */
  agent: Int16Array;
  /** Case number (a case-status filter). */
  caseNo: Int32Array;
  /** Ranks of the stream's figures (brand, resolved), or values (deadlines: target, limit). */
  ranks: Int32Array[];
  values: Float64Array[];
  /** Bucket b holds events bucketStart[b] … bucketStart[b + 1] - 1, times in [t0 + b h, t0 + (b + 1) h). */
  t0: number;
  bucketStart: Int32Array;
}

export interface ColumnLog {
  /** Messages at an approximate time (counted whoever answered). */
  approx: EventStream;
  brand: EventStream;
  /** Customer messages a later brand message answered, or not (reply rate). */
  pending: EventStream;
  /** Cycle starts: cycles, escalations. */
  cycle: EventStream;
  resolved: EventStream;
  /** Misses once past a deadline: a customer still waiting, an open cycle nobody answered. */
  deadline: EventStream;
  /** Each ranked figure's values, ascending. */
  sorted: Float64Array[];
}

const f64 = () => new Grow(new Float64Array(1024), (n) => new Float64Array(n));
const i32 = () => new Grow(new Int32Array(1024), (n) => new Int32Array(n));

/** One stream being recorded. */
class StreamRecorder {
  readonly t = f64();
  readonly meta = new Grow(new Uint8Array(1024), (n) => new Uint8Array(n));
  readonly flags = new Grow(new Uint8Array(1024), (n) => new Uint8Array(n));
  readonly agent = new Grow(new Int16Array(1024), (n) => new Int16Array(n));
  readonly caseNo = i32();
  readonly ranks: Grow<Int32Array>[];
  readonly values: Grow<Float64Array>[];

  constructor(ranks: number, values: number) {
    this.ranks = Array.from({ length: ranks }, i32);
    this.values = Array.from({ length: values }, f64);
  }

  add(t: number, qt: number, site: number, agent: number, c: number, flags: number): number {
    const id = this.t.length;
    this.t.push(t);
    this.meta.push(qt | (site << 3));
    this.flags.push(flags);
    this.agent.push(agent);
    this.caseNo.push(c);
    for (const r of this.ranks) r.push(-1);
    return id;
  }

  /** The stream in hour order, one column per step (a sliced recording yields between steps). */
  *buildSteps(): Generator<void, EventStream> {
    const n = this.t.length;
    const { order, t0, bucketStart } = yield* hourOrder(this.t.done());
    yield;
    // Each column in hour order, its recorded buffer let go before the next is copied.
    const permute = <A extends Float64Array | Int32Array | Uint8Array | Int16Array>(grow: Grow<A>, make: (n: number) => A): A => {
      const src = grow.done();
      const out = make(n);
      for (let k = 0; k < n; k++) out[k] = src[order[k]!]!;
      grow.release();
      return out;
    };
    const t = permute(this.t, (m) => new Float64Array(m));
    yield;
    const meta = permute(this.meta, (m) => new Uint8Array(m));
    const flags = permute(this.flags, (m) => new Uint8Array(m));
    yield;
    const agent = permute(this.agent, (m) => new Int16Array(m));
    yield;
    const caseNo = permute(this.caseNo, (m) => new Int32Array(m));
    yield;
    const ranks: Int32Array[] = [];
    for (const r of this.ranks) {
      ranks.push(permute(r, (m) => new Int32Array(m)));
      yield;
    }
    const values: Float64Array[] = [];
    for (const v of this.values) {
      values.push(permute(v, (m) => new Float64Array(m)));
      yield;
    }
    return { n, t, meta, flags, agent, caseNo, ranks, values, t0, bucketStart };
  }
}

/** Events' order by hour (a counting sort) and where each hour starts, in steps of STEP events. */
function* hourOrder(t: Float64Array): Generator<void, { order: Int32Array; t0: number; bucketStart: Int32Array }> {
  const n = t.length;
  let t0 = Infinity;
  let t1 = -Infinity;
  for (let i = 0; i < n; i++) {
    if (t[i]! < t0) t0 = t[i]!;
    if (t[i]! > t1) t1 = t[i]!;
  }
  if (n === 0) t0 = t1 = 0;
  yield;
  const buckets = Math.floor((t1 - t0) / HOUR) + 1;
  const bucketStart = new Int32Array(buckets + 1);
  const bucketOfEvent = (i: number) => Math.floor((t[i]! - t0) / HOUR);
  for (let i = 0; i < n; i++) {
    bucketStart[bucketOfEvent(i) + 1]!++;
    if ((i & (STEP - 1)) === STEP - 1) yield;
  }
  for (let b = 0; b < buckets; b++) bucketStart[b + 1]! += bucketStart[b]!;
  const cursor = bucketStart.slice(0, buckets);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    order[cursor[bucketOfEvent(i)]!++] = i;
    if ((i & (STEP - 1)) === STEP - 1) yield;
  }
  return { order, t0, bucketStart };
}

/** Collects the events of a walk over all time (FigureRun in recording mode). */
export class LogRecorder {
  private readonly approxS = new StreamRecorder(0, 0);
  private readonly brandS = new StreamRecorder(4, 0);
  private readonly pendingS = new StreamRecorder(0, 0);
  private readonly cycleS = new StreamRecorder(0, 0);
  private readonly resolvedS = new StreamRecorder(4, 0);
  private readonly deadlineS = new StreamRecorder(0, 2);
  /** Per ranked figure: values and their events (in the brand or resolved stream). */
  private readonly figValues = Array.from({ length: FIGURES }, () => ({ v: f64(), ev: i32() }));

  /** A value of figure `fig` for event `id` (NaN: none); its rank replaces it in build(). */
  private value(fig: number, id: number, v: number): void {
    if (v !== v) return;
    this.figValues[fig]!.v.push(v);
    this.figValues[fig]!.ev.push(id);
  }

  approx(t: number, site: number, c: number): void {
    this.approxS.add(t, 0, site, -1, c, 0);
  }

  brand(t: number, qt: number, site: number, agent: number, c: number, flags: number, rtCal: number, rtBus: number, frtCal: number, frtBus: number): void {
    const id = this.brandS.add(t, qt, site, agent, c, flags);
    this.value(FIG_RT_CAL, id, rtCal);
    this.value(FIG_RT_BUS, id, rtBus);
    this.value(FIG_FRT_CAL, id, frtCal);
    this.value(FIG_FRT_BUS, id, frtBus);
  }

  pending(t: number, qt: number, site: number, agent: number, c: number, answered: boolean): void {
    this.pendingS.add(t, qt, site, agent, c, answered ? F_ANSWERED : 0);
  }

  /** A miss once past `target` / `limit`: an open cycle's first response (open) or a customer still waiting. */
  deadline(open: boolean, t: number, qt: number, site: number, agent: number, c: number, target: number, limit: number): void {
    this.deadlineS.add(t, qt, site, agent, c, open ? F_OPEN : 0);
    this.deadlineS.values[0]!.push(target);
    this.deadlineS.values[1]!.push(limit);
  }

  cycle(t: number, qt: number, site: number, agent: number, c: number, escalated: boolean, channel: number): void {
    this.cycleS.add(t, qt, site, agent, c, escalated ? F_ESCALATED | (channel << 1) : 0);
  }

  resolved(t: number, qt: number, site: number, agent: number, c: number, flags: number, resCal: number, resBus: number, messages: number, brandReplies: number): void {
    const id = this.resolvedS.add(t, qt, site, agent, c, flags);
    this.value(FIG_RES_CAL, id, resCal);
    this.value(FIG_RES_BUS, id, resBus);
    this.value(FIG_TTR, id, messages);
    this.value(FIG_TTR_BRAND, id, brandReplies);
  }

  build(): ColumnLog {
    return drain(this.buildSteps());
  }

  /** build() in steps of a few milliseconds at most (a sliced recording yields between them). */
  *buildSteps(): Generator<void, ColumnLog> {
    const sorted = yield* this.rankSteps();
    return {
      approx: yield* this.approxS.buildSteps(),
      brand: yield* this.brandS.buildSteps(),
      pending: yield* this.pendingS.buildSteps(),
      cycle: yield* this.cycleS.buildSteps(),
      resolved: yield* this.resolvedS.buildSteps(),
      deadline: yield* this.deadlineS.buildSteps(),
      sorted,
    };
  }

  /** Sorts each figure's values and puts each value's rank in its event (equal values get consecutive ranks). */
  private *rankSteps(): Generator<void, Float64Array[]> {
    const sorted: Float64Array[] = [];
    for (let fig = 0; fig < FIGURES; fig++) {
      const { v, ev } = this.figValues[fig]!;
      const slot = (fig < 4 ? this.brandS : this.resolvedS).ranks[fig % 4]!.data;
      sorted.push(yield* rankSteps(v.done(), ev.done(), slot));
      v.release();
      ev.release();
    }
    return sorted;
  }
}

/** Runs a generator of steps to its end, without yielding. */
export function drain<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Sorts `values` and writes each one's rank to slot[events[i]] (equal values get consecutive
 * ranks). Whole non-negative values (milliseconds, counts) small enough are sorted packed
 * with their index in one double (value · 2^k + i, exact below 2^53): one native sort.
 */
export function rankInto(values: Float64Array, events: Int32Array, slot: Int32Array): Float64Array {
  return drain(rankSteps(values, events, slot));
}

/** rankInto in steps of STEP elements (the packed sort too: sortSteps). */
function* rankSteps(values: Float64Array, events: Int32Array, slot: Int32Array): Generator<void, Float64Array> {
  const n = values.length;
  const k = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const scale = 2 ** k;
  let packable = true;
  for (let i = 0; i < n && packable; i++) {
    const x = values[i]!;
    packable = x >= 0 && Number.isInteger(x) && x * scale + scale <= Number.MAX_SAFE_INTEGER;
  }
  yield;
  if (packable) {
    let keys: Float64Array = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      keys[i] = values[i]! * scale + i;
      if ((i & (STEP - 1)) === STEP - 1) yield;
    }
    keys = yield* sortSteps(keys);
    // Each key becomes its value in place: the sorted keys are the ascending values.
    for (let r = 0; r < n; r++) {
      const key = keys[r]!;
      const value = Math.floor(key / scale);
      keys[r] = value;
      slot[events[key - value * scale]!] = r;
      if ((r & (STEP - 1)) === STEP - 1) yield;
    }
    return keys;
  }
  // Fractional, negative or huge values (none in the recording's durations and counts): one native sort.
  const asc = Float64Array.from(values).sort();
  yield;
  const taken = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (asc[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    slot[events[i]!] = lo + taken[lo]!++;
    if ((i & (STEP - 1)) === STEP - 1) yield;
  }
  return asc;
}

/**
 * Sorts distinct keys ascending in steps: runs of STEP keys by the native sort, then merged
 * pairwise STEP keys per step (one native sort of a million keys is a task of ~100 ms).
 * Returns the sorted array (`keys` or a buffer of the same length).
 */
export function* sortSteps(keys: Float64Array): Generator<void, Float64Array> {
  const n = keys.length;
  for (let s = 0; s < n; s += STEP) {
    keys.subarray(s, Math.min(n, s + STEP)).sort();
    yield;
  }
  if (n <= STEP) return keys;
  let src: Float64Array = keys;
  let dst: Float64Array = new Float64Array(n);
  let budget = 0;
  for (let w = STEP; w < n; w *= 2) {
    for (let lo = 0; lo < n; lo += 2 * w) {
      const mid = Math.min(lo + w, n);
      const hi = Math.min(lo + 2 * w, n);
      let i = lo;
      let j = mid;
      for (let o = lo; o < hi; o++) {
        dst[o] = j >= hi || (i < mid && src[i]! < src[j]!) ? src[i++]! : src[j++]!;
        if (++budget === STEP) {
          budget = 0;
          yield;
        }
      }
    }
    const done = dst;
    dst = src;
    src = done;
  }
  return src;
}

/** The events of [from, to) lie in positions [first, end) of a stream (times still to be checked at the edges). */
export function eventRange(s: EventStream, from: number, to: number): { first: number; end: number } {
  const buckets = s.bucketStart.length - 1;
  const b0 = Math.min(buckets, Math.max(0, Math.floor((from - s.t0) / HOUR)));
  const b1 = Math.min(buckets, Math.max(0, Math.floor((to - s.t0) / HOUR) + 1));
  return { first: s.bucketStart[b0]!, end: s.bucketStart[Math.max(b0, b1)]! };
}

/**
 * Marks of one ranked figure for one computation: owner[rank] = group + 1 (0: not in the
 * selection) and each group's count. Written directly by the reader's scan (figures.ts).
 */
export class RankMarks {
  owner: Int16Array;
  count: Int32Array;
  /** The marked ranks lie in lo … hi (set by the scan). */
  lo = 0;
  hi = -1;
  constructor(size: number, groups: number) {
    this.owner = new Int16Array(size);
    this.count = new Int32Array(groups);
  }

  /** Ready for a computation of `groups` groups (the marks are clear after selectRanked). */
  prepare(groups: number): void {
    if (this.count.length < groups) this.count = new Int32Array(groups);
  }
}

/** Reusable marks of a log: one per ranked figure, and the trend weeks' response times (calendar, business). */
export interface LogMarks {
  figures: RankMarks[];
  weeks: [RankMarks, RankMarks];
}

export function logMarks(log: ColumnLog): LogMarks {
  const m = (fig: number) => new RankMarks(log.sorted[fig]!.length, 1);
  return { figures: log.sorted.map((_, fig) => m(fig)), weeks: [m(FIG_RT_CAL), m(FIG_RT_BUS)] };
}

/** Per sorted values: the first rank of each DESIGN bucket (and the length), so a pass needs no bucketOf per value. */
const bucketRanks = new WeakMap<Float64Array, Int32Array>();

function bucketStarts(sorted: Float64Array): Int32Array {
  let out = bucketRanks.get(sorted);
  if (out) return out;
  out = new Int32Array(BUCKETS.length + 1);
  let r = 0;
  for (let b = 0; b < BUCKETS.length; b++) {
    out[b] = r;
    while (r < sorted.length && bucketOf(sorted[r]!) === b) r++;
  }
  out[BUCKETS.length] = sorted.length;
  bucketRanks.set(sorted, out);
  return out;
}

/**
 * Every group's DurationStats (as summarize gives for the group's values) from one pass over
 * the marked ranks in order (the mean sums in rank order: the same as summarize's while the
 * sum of whole milliseconds stays below 2^53, ~285 years of durations); `all` (a group number or -1) also gets every marked value. The
 * marks are cleared (tweets to resolve use the count, mean and median only).
 */
export function selectRanked(sorted: Float64Array, marks: RankMarks, groups: number, all: number): DurationStats[] {
  const count = marks.count;
  if (all >= 0) {
    let total = 0;
    for (let g = 0; g < groups; g++) if (g !== all) total += count[g]!;
    count[all] = total + count[all]!;
  }
  // Per group, the ranks (within the group) whose values the median and p90 (type 7) need:
  // lo50, lo50 + 1, lo90, lo90 + 1; `next` is the smallest not reached yet.
  const want = new Int32Array(groups * 4);
  const got = new Float64Array(groups * 4);
  const next = new Int32Array(groups);
  for (let g = 0; g < groups; g++) {
    const n = count[g]!;
    const l50 = Math.floor((n - 1) * 0.5);
    const l90 = Math.floor((n - 1) * 0.9);
    want[g * 4] = l50;
    want[g * 4 + 1] = l50 + 1;
    want[g * 4 + 2] = l90;
    want[g * 4 + 3] = l90 + 1;
    next[g] = n > 0 ? l50 : -1;
  }
  const reached = (g: number, k: number, v: number) => {
    let after = -1;
    for (let j = 0; j < 4; j++) {
      const w = want[g * 4 + j]!;
      if (w === k) got[g * 4 + j] = v;
      else if (w > k && (after < 0 || w < after)) after = w;
    }
    next[g] = after;
  };
  const seen = new Int32Array(groups);
  const sums = new Float64Array(groups);
  const buckets = new Int32Array(groups * BUCKETS.length);
  const owner = marks.owner;
  const starts = bucketStarts(sorted);
  for (let b = 0; b < BUCKETS.length; b++) {
    const before = seen.slice();
    for (let r = Math.max(starts[b]!, marks.lo), end = Math.min(starts[b + 1]!, marks.hi + 1); r < end; r++) {
      const o = owner[r]!;
      if (o === 0) continue;
      owner[r] = 0;
      const v = sorted[r]!;
      const g = o - 1;
      if (all >= 0 && g !== all) {
        const k = seen[all]!++;
        sums[all]! += v;
        if (k === next[all]) reached(all, k, v);
      }
      const k = seen[g]!++;
      sums[g]! += v;
      if (k === next[g]) reached(g, k, v);
    }
    for (let g = 0; g < groups; g++) buckets[g * BUCKETS.length + b] = seen[g]! - before[g]!;
  }
  marks.lo = 0;
  marks.hi = -1;
  const out: DurationStats[] = [];
  for (let g = 0; g < groups; g++) {
    const n = count[g]!;
    const bs = Array.from(buckets.subarray(g * BUCKETS.length, (g + 1) * BUCKETS.length));
    if (n === 0) {
      out.push({ count: 0, median: null, p90: null, mean: null, buckets: bs });
      continue;
    }
    const q = (j: number, p: number) => {
      const h = (n - 1) * p;
      const a = got[g * 4 + j * 2]!;
      // As percentilesInPlace: the value itself at a whole rank or the last one.
      if (h === Math.floor(h) || want[g * 4 + j * 2]! + 1 >= n) return a;
      return a + (h - Math.floor(h)) * (got[g * 4 + j * 2 + 1]! - a);
    };
    out.push({ count: n, median: q(0, 0.5), p90: q(1, 0.9), mean: sums[g]! / n, buckets: bs });
  }
  count.fill(0);
  return out;
}
