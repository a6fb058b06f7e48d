// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { RankMarks, rankInto, selectRanked } from '../../../lib/metrics/column-log';
import { Samples, summarize } from '../../../lib/metrics/stats';
import { seededRandom } from '../../seeded-random';

// The column log's percentiles (issue 9) must be exactly what summarize gives for the same
// values: ranks from one sort, then one ordered pass per figure for every group at once.

const KINDS: Array<[string, (r: () => number) => number]> = [
  ['whole milliseconds with many ties', (r) => Math.floor(r() * 50) * 60_000],
  ['whole milliseconds spread over days', (r) => Math.floor(r() * 40 * 86_400_000)],
  ['fractional values (the sort-and-search fallback)', (r) => r() * 1000],
  // Above 2^44 a value cannot be packed with an index of 300 (the fallback); sums stay whole below 2^53.
  ['values too large to pack with their index', (r) => 2 ** 44 + Math.floor(r() * 1000)],
];

describe('rankInto', () => {
  it.each(KINDS)('gives every value its own rank in the sorted values: %s', (_name, draw) => {
    const r = seededRandom(5);
    const n = 500;
    const values = Float64Array.from({ length: n }, () => draw(r));
    const events = Int32Array.from({ length: n }, (_, i) => n - 1 - i);
    const slot = new Int32Array(n).fill(-1);
    const sorted = rankInto(values, events, slot);
    expect([...sorted]).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(slot).size).toBe(n);
    for (let i = 0; i < n; i++) expect(sorted[slot[events[i]!]!]).toBe(values[i]);
  });
});

describe('selectRanked', () => {
  it.each(KINDS)('gives each group and the team what summarize gives for their values: %s', (_name, draw) => {
    const r = seededRandom(11);
    for (let round = 0; round < 20; round++) {
      const groups = 1 + Math.floor(r() * 6);
      const n = Math.floor(r() * 300);
      const values = Float64Array.from({ length: n }, () => draw(r));
      const events = Int32Array.from({ length: n }, (_, i) => i);
      const rank = new Int32Array(n);
      const sorted = rankInto(values, events, rank);
      const marks = new RankMarks(n, groups);
      const perGroup = Array.from({ length: groups }, () => new Samples());
      const team = new Samples();
      let lo = Infinity;
      let hi = -1;
      for (let i = 0; i < n; i++) {
        if (r() < 0.3) continue; // not in the period
        // Group 0 is the team; a value of an agent's (group ≥ 1) is the team's too.
        const g = Math.floor(r() * groups);
        marks.owner[rank[i]!] = g + 1;
        marks.count[g]!++;
        lo = Math.min(lo, rank[i]!);
        hi = Math.max(hi, rank[i]!);
        team.push(values[i]!);
        if (g > 0) perGroup[g]!.push(values[i]!);
      }
      marks.lo = hi < 0 ? 0 : lo;
      marks.hi = hi;
      const got = selectRanked(sorted, marks, groups, 0);
      expect(got[0]).toEqual(summarize(team));
      for (let g = 1; g < groups; g++) expect(got[g], `group ${g}`).toEqual(summarize(perGroup[g]!));
      // The marks are left clear for the next computation.
      expect(marks.owner.every((o) => o === 0)).toBe(true);
      expect(marks.count.every((c) => c === 0)).toBe(true);
    }
  });
});
