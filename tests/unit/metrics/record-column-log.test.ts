// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DAY_MS, generateMessages, toRecord } from '../../../bench/data';
import { toColumns } from '../../../lib/metrics';
import { rankInto, sortSteps, drain } from '../../../lib/metrics/column-log';
import { columnLog, hasColumnLog, recordColumnLog } from '../../../lib/metrics/figures';
import type { MessageRecord } from '../../../lib/schema/records';
import { officeHours, settings } from './build';
import { seededRandom } from '../../seeded-random';

// Issue 9: the report page records the team's event log in slices (recordColumnLog) so no
// task freezes the page; Node and tests record it in one go (columnLog). Both must give the
// same log, and an aborted recording must leave nothing behind.

const END = Date.UTC(2026, 0, 1);

/** A random team's records: real conversations resampled, some on Facebook, some at approximate times. */
function randomRecords(seed: number): MessageRecord[] {
  const r = seededRandom(seed);
  const agents = ['ana', 'bogdan', 'carla', 'dan'].slice(0, 1 + Math.floor(r() * 4));
  const gen = generateMessages({ messages: 1500 + Math.floor(r() * 1500), seed, agents, end: END, spanDays: 30 + Math.floor(r() * 300) }).map(toRecord);
  const facebook = new Set<string>();
  return gen.map((rec) => {
    let out = rec;
    if (facebook.has(rec.caseKey) || r() < 0.03) facebook.add(rec.caseKey);
    if (facebook.has(rec.caseKey)) out = { ...out, platform: 'facebook', caseKey: rec.caseKey.replace(/^x:/, 'facebook:'), key: rec.key.replace(/^x:/, 'facebook:') };
    if (r() < 0.04) out = { ...out, atPrecision: 'approx' };
    return out;
  });
}

/** Every column of a log as plain arrays (typed arrays compared element by element). */
const plain = (x: unknown): unknown =>
  ArrayBuffer.isView(x) ? Array.from(x as Float64Array) : Array.isArray(x) ? x.map(plain) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, plain(v)])) : x;

const SETTINGS = [
  ['calendar time', settings({})],
  ['business time', settings({ schedule: officeHours('Europe/Bucharest'), sla: { targetMinutes: 45, limitHours: 4, overrides: [] } })],
] as const;

describe('recordColumnLog (the report page\'s recording in slices)', () => {
  it.each(SETTINGS)('records the same log as the synchronous recording, slice after slice (%s)', async (_name, s) => {
    for (const seed of [3, 17]) {
      const records = randomRecords(seed);
      const expected = plain(columnLog(toColumns(records), s).log);
      const cols = toColumns(records);
      let slices = 0;
      const got = await recordColumnLog(cols, s, { sliceMs: 0, onSlice: () => slices++ });
      // Many slices: the walk and the build were both cut.
      expect(slices).toBeGreaterThan(10);
      expect(plain(got.log)).toEqual(expected);
      expect(hasColumnLog(cols, s)).toBe(true);
      // The page's table then reads the kept log: no second recording.
      expect(columnLog(cols, s)).toBe(got);
    }
  });

  it('keeps nothing of a recording aborted half-way, and a fresh run gives the same log', async () => {
    const s = SETTINGS[1][1];
    const records = randomRecords(29);
    const expected = plain(columnLog(toColumns(records), s).log);
    const cols = toColumns(records);
    const stop = new AbortController();
    let slices = 0;
    const progress: number[] = [];
    const aborted = recordColumnLog(cols, s, {
      sliceMs: 0,
      signal: stop.signal,
      onProgress: (p) => progress.push(p),
      onSlice: () => {
        if (++slices === 5) stop.abort();
      },
    });
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!).toBeLessThan(1);
    expect(hasColumnLog(cols, s)).toBe(false);
    const fresh = await recordColumnLog(cols, s, { sliceMs: 0 });
    expect(plain(fresh.log)).toEqual(expected);
  });

  it('starts nothing when already aborted', async () => {
    const cols = toColumns(randomRecords(5));
    const stop = new AbortController();
    stop.abort();
    await expect(recordColumnLog(cols, settings({}), { signal: stop.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(hasColumnLog(cols, settings({}))).toBe(false);
  });

  it('records again when the SLA or the calendar change, and reuses the log when neither does', async () => {
    const cols = toColumns(randomRecords(8));
    const a = settings({});
    const first = await recordColumnLog(cols, a);
    expect(await recordColumnLog(cols, a)).toBe(first);
    const stricter = settings({ sla: { targetMinutes: 5, limitHours: 1, overrides: [] } });
    expect(hasColumnLog(cols, stricter)).toBe(false);
    const second = await recordColumnLog(cols, stricter);
    expect(second).not.toBe(first);
    expect(plain(second.log)).toEqual(plain(columnLog(toColumns(randomRecords(8)), stricter).log));
  });
});

describe('the ranks\' sort in steps', () => {
  it.each([0, 1, 1000, 65_536, 65_537, 200_003])('sorts %i distinct keys as the native sort does', (n) => {
    const r = seededRandom(n + 1);
    const keys = Float64Array.from({ length: n }, (_, i) => Math.floor(r() * 1e9) * 2 ** 18 + i);
    const expected = Float64Array.from(keys).sort();
    expect(Array.from(drain(sortSteps(keys)))).toEqual(Array.from(expected));
  });

  it('ranks more values than one step sorts (the merged runs) as a plain sort would', () => {
    const r = seededRandom(41);
    const n = 150_000;
    const values = Float64Array.from({ length: n }, () => Math.floor(r() * 3 * DAY_MS));
    const events = Int32Array.from({ length: n }, (_, i) => i);
    const slot = new Int32Array(n).fill(-1);
    const sorted = rankInto(values, events, slot);
    expect(Array.from(sorted)).toEqual(Array.from(Float64Array.from(values).sort()));
    expect(new Set(slot).size).toBe(n);
    for (let i = 0; i < n; i += 97) expect(sorted[slot[i]!]).toBe(values[i]);
  });
});
