/**
 * Aggregates for time metrics (DESIGN §4): median, p90, mean and fixed buckets.
 *
 * Decision: percentiles use linear interpolation between closest ranks (Hyndman–Fan type 7, the
 * method of spreadsheet PERCENTILE.INC / MEDIAN), so a team lead re-computing from the CSV
 * gets the same numbers. The median is the 50th percentile of that method (the mean of the
 * two middle values for an even count).
 */
import type { Scratch } from './scratch';
import { HOUR, MINUTE } from './time-zone';

export const BUCKETS = ['<15m', '15–30m', '30–60m', '1–4h', '4–8h', '8–24h', '24h+'] as const;
export type BucketLabel = (typeof BUCKETS)[number];

/** Lower bounds (inclusive) of every bucket after the first. */
export const BUCKET_BOUNDS_MS: readonly number[] = [15 * MINUTE, 30 * MINUTE, HOUR, 4 * HOUR, 8 * HOUR, 24 * HOUR];

export interface DurationStats {
  count: number;
  /** Milliseconds; null when count is 0. */
  median: number | null;
  p90: number | null;
  mean: number | null;
  /** Counts aligned with BUCKETS. */
  buckets: number[];
}

export function bucketOf(ms: number): number {
  let i = 0;
  while (i < BUCKET_BOUNDS_MS.length && ms >= BUCKET_BOUNDS_MS[i]!) i++;
  return i;
}

/** Percentile p (0..1) of an ascending array, linear interpolation (type 7); null when empty. */
export function percentile(sorted: ArrayLike<number>, p: number, n = sorted.length): number | null {
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  if (lo + 1 >= n) return a;
  return a + (h - lo) * (sorted[lo + 1]! - a);
}

/** A growable Float64Array of samples (its buffer optionally reused from a Scratch). */
const NO_SAMPLES = new Float64Array(0);

export class Samples {
  private buf: Float64Array;
  length = 0;

  constructor(
    private readonly scratch: Scratch | null = null,
    private readonly slot = '',
  ) {
    // The buffer is taken on the first push: most of a drill-down list's per-case runs push nothing.
    this.buf = NO_SAMPLES;
  }

  push(v: number): void {
    if (this.buf === NO_SAMPLES) this.buf = this.scratch ? this.scratch.buffer(this.slot, 256) : new Float64Array(256);
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
      this.scratch?.keep(this.slot, next);
    }
    this.buf[this.length++] = v;
  }

  /** The samples (a view: summarising reorders them). */
  values(): Float64Array {
    return this.buf.subarray(0, this.length);
  }
}

/**
 * Rearranges a[lo..hi] so that a[k] holds the value it would have if sorted, with nothing
 * larger before it and nothing smaller after it (quickselect, Hoare partition, median of
 * three; falls back to a sort if partitions keep coming out lopsided). O(n) on average,
 * where a full sort of a million durations costs ~100 ms.
 */
export function selectInPlace(a: Float64Array, lo: number, hi: number, k: number): void {
  let budget = 2 * Math.ceil(Math.log2(hi - lo + 2)) + 8;
  while (hi > lo) {
    if (budget-- === 0) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const mid = lo + ((hi - lo) >> 1);
    // Median of three as pivot.
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    // Now a[lo..j] <= pivot <= a[i..hi], and a[j+1..i-1] == pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function minOf(a: Float64Array, lo: number, hi: number): number {
  let m = a[lo]!;
  for (let i = lo + 1; i <= hi; i++) if (a[i]! < m) m = a[i]!;
  return m;
}

/**
 * Percentiles (ascending p, type 7) of unsorted values, reordering them in place: each
 * selection only searches to the right of the previous one.
 */
export function percentilesInPlace(a: Float64Array, ps: readonly number[]): (number | null)[] {
  const n = a.length;
  if (n === 0) return ps.map(() => null);
  let from = 0;
  return ps.map((p) => {
    const h = (n - 1) * p;
    const k = Math.floor(h);
    selectInPlace(a, from, n - 1, k);
    from = k;
    const v = a[k]!;
    if (h === k || k + 1 >= n) return v;
    return v + (h - k) * (minOf(a, k + 1, n - 1) - v);
  });
}

export function summarize(samples: Samples): DurationStats {
  const n = samples.length;
  // Most of a drill-down list's cases have no sample of a given figure.
  if (n === 0) return { count: 0, median: null, p90: null, mean: null, buckets: new Array<number>(BUCKETS.length).fill(0) };
  const xs = samples.values();
  if (n === 1) {
    // One sample (most cases of a drill-down list): it is the median, the p90 and the mean.
    const v = xs[0]!;
    const buckets = new Array<number>(BUCKETS.length).fill(0);
    buckets[bucketOf(v)]!++;
    return { count: 1, median: v, p90: v, mean: v, buckets };
  }
  const buckets = new Array<number>(BUCKETS.length).fill(0);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = xs[i]!;
    sum += v;
    buckets[bucketOf(v)]!++;
  }
  const [median = null, p90 = null] = percentilesInPlace(xs, [0.5, 0.9]);
  return { count: n, median, p90, mean: n ? sum / n : null, buckets };
}

/** Mean and median of small integer counts (tweets to resolve); same interpolation as durations. */
export function summarizeCounts(samples: Samples): { mean: number | null; median: number | null } {
  const xs = samples.values();
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i]!;
  return { mean: xs.length ? sum / xs.length : null, median: percentilesInPlace(xs, [0.5])[0] ?? null };
}

/** numerator ÷ denominator, or null when there is nothing to divide (the UI shows "—"). */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}
