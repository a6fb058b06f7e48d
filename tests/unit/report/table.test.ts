import { describe, expect, it } from 'vitest';
import { FIGURE_COLUMNS } from '../../../lib/io/figure-columns';
import { DEFAULT_FILTERS, periodOf, withCaseStatus } from '../../../lib/report/filters';
import { reportTable, sortRows } from '../../../lib/report/table';
import { at, conversation, settings } from '../metrics/build';

const NOW = at('2024-03-20 12:00');
const resolved = conversation([['customer', '10:00'], ['me', '10:20', { status: 'resolved' }]], { agent: 'Ana' });
const pending = conversation([['customer', '11:00'], ['me', '11:05', { status: 'pending' }]], { agent: 'Bea' });
const records = [...resolved, ...pending];
const table = (patch = {}, agents = ['Ana', 'Bea', 'Cai']) =>
  reportTable({ records, settings: settings(), agents, filters: { ...DEFAULT_FILTERS, ...patch }, now: NOW, timeZone: 'UTC' })!;
const median = FIGURE_COLUMNS.find((c) => c.id === 'response_median')!;

describe('the report table', () => {
  it('has a row for every agent with a file, even one with no reply in the period', () => {
    expect(table().rows.map((r) => [r.key, r.figures.replies.count])).toEqual([['Ana', 1], ['Bea', 1], ['Cai', 0]]);
  });

  it('puts rows without a value last whichever way it sorts', () => {
    const rows = table().rows;
    expect(sortRows(rows, median, 'ascending', false).map((r) => r.key)).toEqual(['Bea', 'Ana', 'Cai']);
    expect(sortRows(rows, median, 'descending', false).map((r) => r.key)).toEqual(['Ana', 'Bea', 'Cai']);
    expect(sortRows(rows, 'name', 'descending', false).map((r) => r.key)).toEqual(['Cai', 'Bea', 'Ana']);
  });

  it('keeps only the cases whose latest status is the one filtered on', () => {
    expect(withCaseStatus(records, 'pending')).toEqual(pending);
    expect(table({ status: 'resolved' }).team.figures.replies.count).toBe(1);
  });

  it('compares with the previous period of the same length, except over all time', () => {
    const t = table({ range: 'days7' });
    expect(t.period.to - t.period.from).toBe(7 * 86_400_000);
    expect(t.team.previous?.period.to).toBe(t.period.from);
    expect(table({ range: 'all' }).team.previous).toBeNull();
  });

  it.each([
    ['', '2024-03-05'],
    ['2024-03-05', ''],
    ['2024-03-06', '2024-03-05'],
    ['2024-13-01', '2024-03-05'],
  ])('has no period for an incomplete or reversed custom range (%s – %s)', (customFrom, customTo) => {
    expect(periodOf({ ...DEFAULT_FILTERS, range: 'custom', customFrom, customTo }, NOW, records)).toBeNull();
  });

  it('counts both days of a custom range', () => {
    const p = periodOf({ ...DEFAULT_FILTERS, range: 'custom', customFrom: '2024-03-04', customTo: '2024-03-05' }, NOW, records)!;
    expect(p.to - p.from).toBeGreaterThanOrEqual(47 * 3_600_000); // two local days (a DST change may shorten one)
  });

  it("prices each agent's replies at their own hourly cost, and the team's at all of theirs", () => {
    const costs = new Map([['Ana', { hourly: 20, weeklyHours: 40 }], ['Bea', null]]);
    const t = reportTable({ records, settings: settings({ cost: { hourly: 99, weeklyHours: 10 } }), agents: ['Ana', 'Bea'], costs, filters: { ...DEFAULT_FILTERS, range: 'days7' }, now: at('2024-03-06 12:00'), timeZone: 'UTC' })!;
    // 7 days of a 40-hour week at 20 an hour = 800, over Ana's one reply; Bea has no cost.
    expect(t.rows.map((r) => [r.key, r.figures.cost?.perResponse ?? null])).toEqual([['Ana', 800], ['Bea', null]]);
    // The team: 800 over both agents' two replies.
    expect(t.team.figures.cost).toMatchObject({ total: 800, perResponse: 400 });
  });
});
