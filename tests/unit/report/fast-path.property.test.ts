// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DAY_MS, generateMessages, toRecord } from '../../../bench/data';
import { computeColumnFiguresPerAgent, computeFigures, toColumns, type CaseFigures, type FigureQuery } from '../../../lib/metrics';
import { queryTypeCodeOf } from '../../../lib/metrics/cases';
import { computeColumnFiguresPerGroup } from '../../../lib/metrics/figures';
import { responseDistribution, statusMix, trendOf, trendWeeks, volumeByQueryType, weeklyTrend } from '../../../lib/report/charts';
import { casesBehind } from '../../../lib/report/drill';
import { DEFAULT_FILTERS, RANGE_PRESETS, ROW_KINDS, type ReportFilters } from '../../../lib/report/filters';
import { caseStatusFilter, withCaseStatusRows, type TeamRows } from '../../../lib/report/rows';
import { reportTable, type ReportTable } from '../../../lib/report/table';
import type { MessageRecord, Settings } from '../../../lib/schema/records';
import { PLATFORMS, QUERY_TYPES, STATUSES } from '../../../lib/schema/taxonomy';
import { officeHours, settings } from '../metrics/build';
import { seededRandom } from '../../seeded-random';

// Property (issue 9, filter changes at 1M): the report page's fast path (columns, with the
// windows, case statuses and other data kept per columns across filter changes) gives
// exactly what the straightforward computation gives (records: computeFigures groups,
// sorts and walks every case afresh), on random teams under random sequences of filters,
// one columns object per team so that what is kept from one filter must not leak into the next.

// A seeded generator, so a failure names its seed and replays.
const rng = seededRandom;
const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const END = Date.UTC(2026, 0, 1);
const ZONES = ['Europe/Bucharest', 'America/Mexico_City', 'UTC'];
const AGENTS = ['ana', 'bogdan', 'carla', 'dan', 'elena'];

interface Team {
  seed: number;
  records: MessageRecord[];
  agents: string[];
  now: number;
  timeZone: string;
  settings: Settings;
  costs: Map<string, Settings['cost']>;
}

/** A random team: real conversations resampled, some cases moved to Facebook, some times approximate, statuses and senders changed. */
function randomTeam(seed: number): Team {
  const r = rng(seed);
  const agents = AGENTS.slice(0, 1 + Math.floor(r() * AGENTS.length));
  const spanDays = 20 + Math.floor(r() * 400);
  const gen = generateMessages({ messages: 300 + Math.floor(r() * 1500), seed, agents, end: END, spanDays }).map(toRecord);
  const facebookCases = new Set<string>();
  const records = gen.map((rec): MessageRecord => {
    let out = rec;
    if (facebookCases.has(rec.caseKey) || (!facebookCases.has(rec.caseKey) && r() < 0.03)) facebookCases.add(rec.caseKey);
    if (facebookCases.has(rec.caseKey)) out = { ...out, platform: 'facebook', caseKey: rec.caseKey.replace(/^x:/, 'facebook:'), key: rec.key.replace(/^x:/, 'facebook:') };
    if (r() < 0.04) out = { ...out, atPrecision: 'approx' };
    if (r() < 0.05) out = { ...out, status: pick(r, STATUSES) };
    if (out.fromBrand && r() < 0.2) out = { ...out, sentBy: null };
    if (out.fromBrand && r() < 0.03) out = { ...out, agent: null };
    return out;
  });
  const last = Math.max(...records.map((x) => x.at));
  const schedule = r() < 0.6 ? officeHours(pick(r, ZONES)) : null;
  const costs = new Map<string, Settings['cost']>();
  for (const a of agents) if (r() < 0.4) costs.set(a, { hourly: 10 + Math.floor(r() * 30), weeklyHours: 20 + Math.floor(r() * 20) });
  return {
    seed,
    records,
    agents: [...agents, ...(r() < 0.3 ? ['zoe'] : [])], // sometimes an agent with a file and no reply
    now: last - r() * 30 * DAY_MS,
    timeZone: pick(r, ZONES),
    settings: settings({ schedule, sla: { targetMinutes: 15 + Math.floor(r() * 120), limitHours: 1 + Math.floor(r() * 24), overrides: [] } }),
    costs,
  };
}

const localDay = (t: number) => {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function randomFilters(r: () => number, team: Team): ReportFilters {
  const range = pick(r, RANGE_PRESETS);
  const a = team.now - r() * 200 * DAY_MS;
  const b = a + r() * 120 * DAY_MS;
  return {
    ...DEFAULT_FILTERS,
    range,
    customFrom: range === 'custom' ? localDay(a) : '',
    customTo: range === 'custom' ? localDay(b) : '',
    agent: r() < 0.3 ? pick(r, team.agents) : null,
    platform: r() < 0.25 ? pick(r, ['x', 'facebook'] as const) : null,
    queryType: r() < 0.25 ? pick(r, QUERY_TYPES) : null,
    status: r() < 0.25 ? pick(r, STATUSES) : null,
    business: r() < 0.5,
    rows: pick(r, ROW_KINDS),
  };
}

/** Every number the page shows for a table: rows, team row, previous periods, every chart. */
function everything(t: ReportTable, s: Settings, business: boolean) {
  return {
    period: t.period,
    rows: t.rows,
    team: t.team,
    matching: t.matching,
    query: t.query,
    distribution: responseDistribution(t.team.figures, business),
    volume: volumeByQueryType(t.team.figures),
    statusMix: statusMix(t.records, t.period),
    // The trend counted in the table's own walk (columns, rows by agent) or a walk per week.
    weeks: t.trend ?? weeklyTrend(t.records, s, t.query, business),
  };
}

/** What a clicked bar counts per case (components/report/sections/charts). */
const BARS: Array<[string, (f: CaseFigures, rows: TeamRows, t: ReportTable) => number]> = [
  ['a response-time bucket', (f) => f.responseTime.calendar.buckets[1] ?? 0],
  ['a business response-time bucket', (f) => (f.responseTime.business ?? f.responseTime.calendar).buckets[0] ?? 0],
  ['replies of a query type', (f) => f.replies.perQueryType.complaint],
  ['replies with no query type', (f) => f.replies.noQueryType],
  ['a status', (_f, rows, t) => statusMix(rows, t.period)[STATUSES.indexOf('resolved')]?.value ?? 0],
  ['approximate times', (f) => f.approximateTimes],
];

const TEAMS = 10;
/** Trends the table's walk counted, over the teams above (they run first, in order). */
let trendsSeen = 0;
const FILTERS_PER_TEAM = 8;

describe('the report fast path equals the straightforward computation', () => {
  it.each(Array.from({ length: TEAMS }, (_, i) => 9_000 + i))('on random team %i under random filter changes', (seed) => {
    const team = randomTeam(seed);
    const columns = toColumns(team.records);
    const r = rng(seed * 31);
    let compared = 0;
    let trendsInWalk = 0;
    for (let k = 0; k < FILTERS_PER_TEAM; k++) {
      const filters = randomFilters(r, team);
      const input = { settings: team.settings, agents: team.agents, costs: team.costs, filters, now: team.now, timeZone: team.timeZone };
      const slow = reportTable({ ...input, records: team.records });
      const fast = reportTable({ ...input, records: columns });
      const where = `seed ${seed}, filters ${JSON.stringify(filters)}`;
      expect(fast === null, where).toBe(slow === null);
      if (!slow || !fast) continue;
      expect(everything(fast, team.settings, filters.business), where).toEqual(everything(slow, team.settings, filters.business));
      if (fast.trend) {
        trendsInWalk++;
        expect(fast.trend, where).toEqual(weeklyTrend(slow.records, team.settings, slow.query, filters.business));
      }
      const [bar, count] = pick(r, BARS);
      const slowCases = casesBehind(slow.records, team.settings, slow.query, (f, rows) => count(f, rows, slow));
      const fastCases = casesBehind(fast.records, team.settings, fast.query, (f, rows) => count(f, rows, fast));
      expect(fastCases, `${where}, ${bar}`).toEqual(slowCases.map((l) => ({ ...l, permalink: null })));
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
    trendsSeen += trendsInWalk;
  });

  it('compared trends counted in the table walk on the way', () => {
    expect(trendsSeen).toBeGreaterThan(TEAMS);
  });

  it('covers every filter kind over the teams (the generator is not stuck on a few)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < TEAMS; i++) {
      const team = randomTeam(9_000 + i);
      const r = rng((9_000 + i) * 31);
      for (let k = 0; k < FILTERS_PER_TEAM; k++) {
        const f = randomFilters(r, team);
        pick(r, BARS);
        seen.add(`range:${f.range}`).add(`rows:${f.rows}`);
        if (f.agent) seen.add('agent');
        if (f.platform) seen.add(`site:${f.platform}`);
        if (f.queryType) seen.add('queryType');
        if (f.status) seen.add('status');
        if (f.business) seen.add('business');
      }
    }
    for (const kind of [...RANGE_PRESETS.map((x) => `range:${x}`), ...ROW_KINDS.map((x) => `rows:${x}`), 'agent', 'site:x', 'site:facebook', 'queryType', 'status', 'business']) {
      expect(seen, kind).toContain(kind);
    }
  });
});

// The table's fast path reads a log of the team's events recorded once per columns
// (lib/metrics/column-log): random periods (before, across and after the data, the whole
// history), sites, query types, case statuses, business time and trend weeks, each agent's
// figures against their own query on the records; a changed SLA must not reuse a log
// recorded under the old one.
describe('figures from the event log equal a walk of the records (per agent, per site, per query type)', () => {
  it.each(Array.from({ length: 8 }, (_, i) => 9_100 + i))('on random team %i over random periods and filters', (seed) => {
    const team = randomTeam(seed);
    const columns = toColumns(team.records);
    const r = rng(seed * 17);
    const times = team.records.map((x) => x.at);
    const first = Math.min(...times);
    const last = Math.max(...times);
    for (let k = 0; k < 10; k++) {
      const from = k === 0 ? first : first - 30 * DAY_MS + r() * (last - first + 60 * DAY_MS);
      const to = k === 0 ? last + 1 : from + 1 + r() * 200 * DAY_MS;
      const q: FigureQuery = {
        from,
        to,
        now: team.now,
        timeZone: team.timeZone,
        ...(r() < 0.3 && { platform: pick(r, ['x', 'facebook'] as const) }),
        ...(r() < 0.3 && { queryType: pick(r, QUERY_TYPES) }),
      };
      const status = r() < 0.3 ? pick(r, STATUSES) : null;
      const s = r() < 0.3 ? { ...team.settings, sla: { ...team.settings.sla, targetMinutes: team.settings.sla.targetMinutes + 7 } } : team.settings;
      const weeks = r() < 0.5 ? trendWeeks(q) : undefined;
      const where = `seed ${seed}, query ${JSON.stringify(q)}, status ${status}, target ${s.sla.targetMinutes}`;
      const fast = computeColumnFiguresPerAgent(columns, s, q, () => s, weeks, caseStatusFilter(columns, status));
      const records = withCaseStatusRows(team.records, status) as MessageRecord[];
      expect(fast.team, where).toEqual(computeFigures(records, s, q));
      expect([...fast.agents.keys()].sort(), where).toEqual([...new Set(team.records.flatMap((x) => (x.agent === null ? [] : [x.agent])))].sort());
      for (const [name, f] of fast.agents) expect(f, `${where}, agent ${name}`).toEqual(computeFigures(records, s, { ...q, agent: name }));
      if (weeks) {
        const business = r() < 0.5;
        expect(trendOf(fast.weeks, business), where).toEqual(weeklyTrend(records, s, q, business));
      }
      // Rows by site and by query type: one read grouped by the row's key.
      const bySite = computeColumnFiguresPerGroup(columns, s, q, 'platform', undefined, caseStatusFilter(columns, status));
      expect(bySite.team, where).toEqual(fast.team);
      for (const p of PLATFORMS) {
        if (!q.platform || q.platform === p) expect(bySite.groups[PLATFORMS.indexOf(p)], `${where}, site ${p}`).toEqual(computeFigures(records, s, { ...q, platform: p }));
      }
      const byQt = computeColumnFiguresPerGroup(columns, s, q, 'queryType', undefined, caseStatusFilter(columns, status));
      for (const qt of QUERY_TYPES) {
        if (!q.queryType || q.queryType === qt) expect(byQt.groups[queryTypeCodeOf(qt)], `${where}, query type ${qt}`).toEqual(computeFigures(records, s, { ...q, queryType: qt }));
      }
    }
  });
});
