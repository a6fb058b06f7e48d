// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DAY_MS, generateMessages, toRecord } from '../../../bench/data';
import { toColumns } from '../../../lib/metrics';
import { statusMix, weeklyTrend } from '../../../lib/report/charts';
import { casesBehind } from '../../../lib/report/drill';
import { DEFAULT_FILTERS, type ReportFilters } from '../../../lib/report/filters';
import { reportTable, type ReportTable } from '../../../lib/report/table';
import { officeHours, settings } from '../metrics/build';

// The report page computes from columns (issue 9): every number of the table, the charts
// and a drill-down list must be the same as from the records.
const END = Date.UTC(2026, 0, 1);
const NOW = END - 3_600_000;
const agents = ['ana', 'bogdan', 'carla', 'dan'];
const records = generateMessages({ messages: 5_000, seed: 21, agents: agents.slice(0, 3), end: END, spanDays: 120 }).map(toRecord);
// Every seventh case's last message set pending, so the status filter has cases to keep.
const lastOfCase = new Map(records.map((r, i) => [r.caseKey, i]));
[...lastOfCase.values()].forEach((i, k) => {
  if (k % 7 === 0) records[i] = { ...records[i]!, status: 'pending' };
});
const columns = toColumns(records);
const s = settings({ schedule: officeHours('Europe/Bucharest') });
const costs = new Map([['ana', { hourly: 20, weeklyHours: 40 }]]);

const comparable = (t: ReportTable | null) => t && { period: t.period, rows: t.rows, team: t.team, matching: t.matching, query: t.query };
const both = (f: Partial<ReportFilters>) =>
  [records, columns].map((data) => reportTable({ records: data, settings: s, agents, costs, filters: { ...DEFAULT_FILTERS, ...f }, now: NOW, timeZone: 'Europe/Bucharest' }));

describe('the report computed from columns', () => {
  it.each<[string, Partial<ReportFilters>]>([
    ['the default: last 30 days per agent', {}],
    ['all time per site', { range: 'all', rows: 'platform' }],
    ['a year per query type', { range: 'days365', rows: 'queryType' }],
    ['one agent in business time', { range: 'days90', agent: 'bogdan', business: true }],
    ['cases still pending', { range: 'days365', status: 'pending' }],
    ['resolved complaints on X', { range: 'days90', status: 'resolved', queryType: 'complaint', platform: 'x' }],
    ['a custom range', { range: 'custom', customFrom: '2025-10-01', customTo: '2025-11-15' }],
  ])('equals the report from records for %s', (_name, f) => {
    const [fromRecords, fromColumns] = both(f);
    expect(fromRecords!.team.figures.replies.count + fromRecords!.matching).toBeGreaterThan(0);
    expect(comparable(fromColumns!)).toEqual(comparable(fromRecords!));
  });

  it('draws the same status mix and weekly trend', () => {
    const [a, b] = both({ range: 'days90' });
    expect(statusMix(b!.records, b!.period)).toEqual(statusMix(a!.records, a!.period));
    expect(weeklyTrend(b!.records, s, b!.query, true)).toEqual(weeklyTrend(a!.records, s, a!.query, true));
  });

  it('lists the same cases behind a bar, with their links read later', () => {
    const [a, b] = both({ range: 'days30' });
    const count = (f: { replies: { perQueryType: { complaint: number } } }) => f.replies.perQueryType.complaint;
    const fromRecords = casesBehind(a!.records, s, a!.query, count);
    const fromColumns = casesBehind(b!.records, s, b!.query, count);
    expect(fromRecords.length).toBeGreaterThan(3);
    expect(fromColumns).toEqual(fromRecords.map((l) => ({ ...l, permalink: null })));
  });

  it('covers the whole data in the "all" range', () => {
    const [, b] = both({ range: 'all' });
    expect(b!.period).toEqual({ from: Math.min(...records.map((r) => r.at)), to: Math.max(...records.map((r) => r.at)) + 1 });
    expect(b!.matching).toBe(records.length);
    expect(END - b!.period.from).toBeLessThanOrEqual(121 * DAY_MS);
  });
});
