// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BUCKETS, percentile } from '../../../lib/metrics';
import { bucketOf, percentilesInPlace, rate, Samples, summarize, summarizeCounts } from '../../../lib/metrics/stats';
import { HOUR, MIN } from './build';

function samplesOf(values: number[]): Samples {
  const s = new Samples();
  for (const v of values) s.push(v);
  return s;
}

describe('percentiles (linear interpolation, like PERCENTILE.INC)', () => {
  it.each([
    // [values, median, p90]
    [[7], 7, 7],
    [[1, 2, 3, 4], 2.5, 3.7], // p90: rank 0.9 × 3 = 2.7 → 3 + 0.7 × (4 − 3)
    [[10, 20, 30, 40, 50], 30, 46], // p90: rank 3.6 → 40 + 0.6 × 10
    [[5, 5, 5, 100], 5, 71.5], // p90: rank 2.7 → 5 + 0.7 × 95
  ])('of %j: median %d, p90 %d', (values, median, p90) => {
    expect(percentile(values, 0.5)).toBeCloseTo(median, 9);
    expect(percentile(values, 0.9)).toBeCloseTo(p90, 9);
    expect(percentilesInPlace(Float64Array.from(values).reverse(), [0.5, 0.9])).toEqual([
      expect.closeTo(median, 9),
      expect.closeTo(p90, 9),
    ]);
  });

  it('is null for no values', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentilesInPlace(new Float64Array(0), [0.5, 0.9])).toEqual([null, null]);
  });

  it('selects the same values as a full sort, whatever the input order', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const n of [2, 3, 10, 101, 1000, 5000]) {
      for (const shape of ['random', 'few distinct', 'sorted', 'reversed'] as const) {
        const xs = Array.from({ length: n }, (_, i) =>
          shape === 'random' ? Math.floor(rnd() * 1e6) : shape === 'few distinct' ? Math.floor(rnd() * 3) : shape === 'sorted' ? i : n - i,
        );
        const sorted = [...xs].sort((a, b) => a - b);
        const got = percentilesInPlace(Float64Array.from(xs), [0.5, 0.9]);
        expect(got, `${shape} n=${n}`).toEqual([percentile(sorted, 0.5), percentile(sorted, 0.9)]);
      }
    }
  });
});

describe('buckets', () => {
  it('has the labels of DESIGN §4', () => {
    expect(BUCKETS).toEqual(['<15m', '15–30m', '30–60m', '1–4h', '4–8h', '8–24h', '24h+']);
  });

  it.each([
    [0, '<15m'],
    [15 * MIN - 1, '<15m'],
    [15 * MIN, '15–30m'], // lower bounds are inclusive
    [30 * MIN, '30–60m'],
    [HOUR, '1–4h'],
    [4 * HOUR, '4–8h'],
    [8 * HOUR, '8–24h'],
    [24 * HOUR - 1, '8–24h'],
    [24 * HOUR, '24h+'],
    [30 * 24 * HOUR, '24h+'],
  ])('puts %d ms in %s', (ms, label) => {
    expect(BUCKETS[bucketOf(ms)]).toBe(label);
  });
});

describe('summarize', () => {
  it('gives count, median, p90, mean and bucket counts', () => {
    const values = [5 * MIN, 10 * MIN, 20 * MIN, 45 * MIN, 2 * HOUR, 5 * HOUR, 10 * HOUR, 30 * HOUR];
    const stats = summarize(samplesOf(values));
    expect(stats.count).toBe(8);
    // median: mean of the 4th and 5th values = (45 m + 120 m) / 2 = 82.5 m
    expect(stats.median).toBe(82.5 * MIN);
    // p90: rank 0.9 × 7 = 6.3 → 10 h + 0.3 × (30 h − 10 h) = 16 h
    expect(stats.p90).toBeCloseTo(16 * HOUR, 6);
    // mean: (5 + 10 + 20 + 45 + 120 + 300 + 600 + 1800) m / 8 = 2900 m / 8 = 362.5 m
    expect(stats.mean).toBe(362.5 * MIN);
    expect(stats.buckets).toEqual([2, 1, 1, 1, 1, 1, 1]);
  });

  it('gives nulls and empty buckets for no values, never NaN', () => {
    expect(summarize(new Samples())).toEqual({ count: 0, median: null, p90: null, mean: null, buckets: [0, 0, 0, 0, 0, 0, 0] });
    expect(summarizeCounts(new Samples())).toEqual({ mean: null, median: null });
  });

  it('keeps every sample when the buffer grows', () => {
    const many = Array.from({ length: 1000 }, (_, i) => i);
    const stats = summarize(samplesOf(many));
    expect(stats.count).toBe(1000);
    expect(stats.mean).toBe(499.5);
    expect(stats.median).toBe(499.5);
  });
});

describe('rate', () => {
  it('is null when the denominator is 0', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(1, 4)).toBe(0.25);
  });
});
