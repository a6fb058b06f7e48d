import { describe, expect, it } from 'vitest';
import { BUCKETS } from '../../../lib/metrics';
import { responseDistribution, statusMix, volumeByQueryType } from '../../../lib/report/charts';
import { casesBehind } from '../../../lib/report/drill';
import { DEFAULT_FILTERS } from '../../../lib/report/filters';
import { reportTable } from '../../../lib/report/table';
import { QUERY_TYPES, STATUSES } from '../../../lib/schema/taxonomy';
import { at, conversation, settings } from '../metrics/build';

const records = [
  ...conversation([['customer', '10:00', { queryType: 'complaint' }], ['me', '10:10'], ['customer', '10:30'], ['me', '12:00', { status: 'resolved' }]]),
  ...conversation([['customer', '11:00', { queryType: 'feedback' }], ['teammate', '11:20', { status: 'pending' }]]),
  ...conversation([['customer', '13:00', { queryType: 'complaint' }], ['me', '13:05']]),
  ...conversation([['customer', '14:00']]),
];
const s = settings();
const t = reportTable({ records, settings: s, agents: ['Ana'], filters: { ...DEFAULT_FILTERS, range: 'days30' }, now: at('2024-03-10 12:00'), timeZone: 'UTC' })!;
const q = t.query;

describe('the cases behind a bar', () => {
  it.each(BUCKETS.map((b, i) => [b, i] as const))('add up to the response-time bar %s', (_, i) => {
    const bar = responseDistribution(t.team.figures, false)[i]!.value;
    const lines = casesBehind(records, s, q, (f) => f.responseTime.calendar.buckets[i]!);
    expect(lines.reduce((n, l) => n + l.count, 0)).toBe(bar);
  });

  it.each(QUERY_TYPES.map((qt, i) => [qt, i] as const))('add up to the %s volume bar', (qt, i) => {
    const bar = volumeByQueryType(t.team.figures)[i]!.value;
    expect(casesBehind(records, s, q, (f) => f.replies.perQueryType[qt]).reduce((n, l) => n + l.count, 0)).toBe(bar);
  });

  it.each(STATUSES.map((st, i) => [st, i] as const))('add up to the %s status bar', (_, i) => {
    const bar = statusMix(records, t.period)[i]!.value;
    const lines = casesBehind(records, s, q, (_f, list) => statusMix(list, t.period)[i]!.value ?? 0);
    expect(lines.reduce((n, l) => n + l.count, 0)).toBe(bar);
  });

  it('links each case to its first customer message, the busiest first', () => {
    const lines = casesBehind(records, s, q, (f) => f.replies.count);
    expect(lines.map((l) => l.count)).toEqual([2, 1, 1]);
    expect(lines[0]!.permalink).toBe(records[0]!.permalink);
  });
});
