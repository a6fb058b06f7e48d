/**
 * The rows of the team report: one per agent (or site, or query type) and the team total,
 * each with its figures now and in the previous period of equal length. Every figure comes
 * from lib/metrics' computeFigures; nothing is recomputed here.
 */
import { computeColumnFiguresPerAgent, previousPeriod, type FigureQuery, type Figures, type WeekSplit } from '../metrics';
import { queryTypeCodeOf } from '../metrics/cases';
import { computeColumnFiguresPerGroup } from '../metrics/figures';
import { trendOf, trendWeeks, type WeekPoint } from './charts';
import type { Settings } from '../schema/records';
import { PLATFORMS, QUERY_TYPES } from '../schema/taxonomy';
import type { FigureColumn } from '../io/figure-columns';
import { periodOf, type Period, type ReportFilters } from './filters';
import { caseStatusFilter, countInPeriod, figuresOf, isColumns, withCaseStatusRows, type TeamRows } from './rows';

export interface ReportRow {
  /** Agent name, platform or query type; null for the team total. */
  key: string | null;
  figures: Figures;
  previous: Figures | null;
}

export interface ReportTable {
  period: Period;
  rows: ReportRow[];
  team: ReportRow;
  /** Records in the period after the filters (0: say "nothing matches"). */
  matching: number;
  /** The team row's query and records (status filter applied), for the charts. */
  query: FigureQuery;
  records: TeamRows;
  /** The weekly trend when the table's own read counted it (columns, no agent filter); else null: weeklyTrend. */
  trend: WeekPoint[] | null;
}

export interface TableInput {
  /** Records, or their columns (the report page at a million messages): the same table. */
  records: TeamRows;
  settings: Settings;
  /** Every agent with a file, so an agent with no reply in the period still has a row. */
  agents: readonly string[];
  /**
   * Each agent's hourly cost from their own file (cost per response is theirs, not the
   * lead's); agents missing here use the lead's settings.
   */
  costs?: ReadonlyMap<string, Settings['cost']>;
  filters: ReportFilters;
  now: number;
  timeZone: string;
}

export function reportTable(input: TableInput): ReportTable | null {
  const { settings, filters: f, now, timeZone } = input;
  const period = periodOf(f, now, input.records);
  if (!period) return null;
  const records = withCaseStatusRows(input.records, f.status);
  const base: FigureQuery = {
    ...period,
    now,
    timeZone,
    ...(f.platform && { platform: f.platform }),
    ...(f.queryType && { queryType: f.queryType }),
    ...(f.agent !== null && { agent: f.agent }),
  };
  // "All" has no previous period of the same length worth comparing with.
  const compare = f.range !== 'all';
  const row = (key: string | null, q: FigureQuery, s: Settings = settings): ReportRow => ({
    key,
    figures: figuresOf(records, s, q),
    previous: compare ? figuresOf(records, s, previousPeriod(q)) : null,
  });
  const costs = input.costs ?? new Map<string, Settings['cost']>();
  const agentSettings = (name: string): Settings => (costs.has(name) ? { ...settings, cost: costs.get(name)! } : settings);

  let rows: ReportRow[];
  let team: ReportRow;
  let trend: WeekPoint[] | null = null;
  if (f.rows === 'agent' && f.agent === null && isColumns(records) && isColumns(input.records)) {
    // From columns, the team row and every agent's row come from one read of the team's
    // events per period (issue 9); the same figures as one query per agent. The status
    // filter reads the whole columns' events with a case filter: the selected columns would
    // record events of their own.
    const all = input.records;
    const cases = caseStatusFilter(all, f.status);
    const everyAgent = (q: FigureQuery, weeks?: WeekSplit) => {
      const { team, agents, weeks: counted } = computeColumnFiguresPerAgent(all, settings, q, agentSettings, weeks, cases);
      // An agent with a file and no message in the data has no walk to share.
      const of = (name: string) => agents.get(name) ?? figuresOf(records, agentSettings(name), { ...q, agent: name });
      return { team, of, weeks: counted };
    };
    // The weekly trend's weeks are counted in the period's walk too.
    const now = everyAgent(base, trendWeeks(base));
    trend = trendOf(now.weeks, f.business);
    const before = compare ? everyAgent(previousPeriod(base)) : null;
    const names = [...input.agents].sort((a, b) => a.localeCompare(b));
    rows = names.map((name) => ({ key: name, figures: now.of(name), previous: before ? before.of(name) : null }));
    team = { key: null, figures: now.team, previous: before ? before.team : null };
    if (costs.size > 0) {
      team.figures = withTeamCost(team.figures, input.agents.map((a) => now.of(a)));
      if (team.previous && before) team.previous = withTeamCost(team.previous, input.agents.map((a) => before.of(a)));
    }
  } else if (f.rows !== 'agent' && f.agent === null && isColumns(records) && isColumns(input.records)) {
    // Rows by site or by query type from one read of the team's events per period, grouped
    // by the row's site or query type: the same figures as one query per row.
    const all = input.records;
    const cases = caseStatusFilter(all, f.status);
    const by = f.rows;
    const read = (q: FigureQuery, weeks?: WeekSplit) => computeColumnFiguresPerGroup(all, settings, q, by, weeks, cases);
    const now = read(base, trendWeeks(base));
    trend = trendOf(now.weeks, f.business);
    const before = compare ? read(previousPeriod(base)) : null;
    const keys: string[] = by === 'platform' ? (f.platform ? [f.platform] : [...PLATFORMS]) : f.queryType ? [f.queryType] : [...QUERY_TYPES];
    const index = (k: string) => (by === 'platform' ? PLATFORMS.indexOf(k as (typeof PLATFORMS)[number]) : queryTypeCodeOf(k as (typeof QUERY_TYPES)[number]));
    rows = keys.map((k) => ({ key: k, figures: now.groups[index(k)]!, previous: before ? before.groups[index(k)]! : null }));
    team = { key: null, figures: now.team, previous: before ? before.team : null };
  } else {
    if (f.rows === 'agent') {
      const names = f.agent !== null ? [f.agent] : [...input.agents].sort((a, b) => a.localeCompare(b));
      rows = names.map((name) => row(name, { ...base, agent: name }, agentSettings(name)));
    } else if (f.rows === 'platform') {
      rows = (f.platform ? [f.platform] : PLATFORMS).map((p) => row(p, { ...base, platform: p }));
    } else {
      rows = (f.queryType ? [f.queryType] : QUERY_TYPES).map((qt) => row(qt, { ...base, queryType: qt }));
    }
    team = row(null, base);
    if (f.rows === 'agent' && costs.size > 0) {
      const all = f.agent !== null ? [f.agent] : [...input.agents];
      team.figures = withTeamCost(team.figures, all.map((a) => figuresOf(records, agentSettings(a), { ...base, agent: a })));
      if (team.previous) {
        const prev = previousPeriod(base);
        team.previous = withTeamCost(team.previous, all.map((a) => figuresOf(records, agentSettings(a), { ...prev, agent: a })));
      }
    }
  }
  const matching = countInPeriod(records, period, f.platform);
  return { period, rows, team, matching, query: base, records, trend };
}

export type SortDirection = 'ascending' | 'descending';

/** Sorted by one column; rows without a value (—) go last either way; ties by name. */
export function sortRows(rows: readonly ReportRow[], column: FigureColumn | 'name', dir: SortDirection, business: boolean): ReportRow[] {
  const sign = dir === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (column === 'name') return sign * (a.key ?? '').localeCompare(b.key ?? '');
    const x = column.get(a.figures, business);
    const y = column.get(b.figures, business);
    if (x === null || y === null) return x === y ? (a.key ?? '').localeCompare(b.key ?? '') : x === null ? 1 : -1;
    return sign * (x - y) || (a.key ?? '').localeCompare(b.key ?? '');
  });
}

/** The team's cost: every agent's cost at their own rate, over all the team's replies. */
function withTeamCost(team: Figures, agents: readonly Figures[]): Figures {
  const priced = agents.filter((f) => f.cost !== null);
  if (priced.length === 0) return { ...team, cost: null };
  const total = priced.reduce((n, f) => n + f.cost!.total, 0);
  const hoursWorked = priced.reduce((n, f) => n + f.cost!.hoursWorked, 0);
  return {
    ...team,
    cost: {
      hourly: hoursWorked > 0 ? total / hoursWorked : 0,
      hoursWorked,
      total,
      perResponse: team.replies.count > 0 ? total / team.replies.count : null,
    },
  };
}
