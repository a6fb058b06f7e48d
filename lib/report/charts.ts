/**
 * The numbers behind the report's charts, from the same figures as the table (pure).
 */
import { BUCKETS, type FigureQuery, type Figures, type WeekFigures, type WeekSplit } from '../metrics';
import type { Settings } from '../schema/records';
import { QUERY_TYPES, STATUSES, type QueryType, type Status } from '../schema/taxonomy';
import type { Period } from './filters';
import { eachActiveCaseStatus, figuresOf, type TeamRows } from './rows';

export interface ChartPoint {
  /** A stable key (bucket label, query type, status, week start) for labels and tests. */
  key: string;
  value: number | null;
}

/** Response times of the period in DESIGN's buckets (<15m … 24h+). */
export function responseDistribution(team: Figures, business: boolean): ChartPoint[] {
  const stats = business && team.responseTime.business ? team.responseTime.business : team.responseTime.calendar;
  return BUCKETS.map((b, i) => ({ key: b, value: stats.buckets[i] ?? 0 }));
}

/** Replies per query type (and those whose case has none). */
export function volumeByQueryType(team: Figures): ChartPoint[] {
  return [...QUERY_TYPES.map((q) => ({ key: q as QueryType | 'none', value: team.replies.perQueryType[q] })), { key: 'none', value: team.replies.noQueryType }];
}

/** Cases with a message in the period, by their latest status (by message time); "none" when never set. */
export function statusMix(records: TeamRows, period: Period): ChartPoint[] {
  const counts = new Map<Status | 'none', number>();
  eachActiveCaseStatus(records, period, (_key, status) => {
    const s = status ?? 'none';
    counts.set(s, (counts.get(s) ?? 0) + 1);
  });
  return [...STATUSES, 'none' as const].map((s) => ({ key: s, value: counts.get(s) ?? 0 }));
}

export interface WeekPoint {
  /** Start of the week window (ms). */
  from: number;
  medianResponseMs: number | null;
  /** First responses within the SLA target, 0–1. */
  firstResponseSla: number | null;
  replies: number;
}

/** At most this many weeks (the last ones of the period), a year of trend. */
export const MAX_WEEKS = 53;
const WEEK = 7 * 86_400_000;

/** The trend's windows of a period: weeks from its start, the last MAX_WEEKS of them. */
export function trendWeeks(period: { from: number; to: number }): WeekSplit {
  const weeks = Math.ceil((period.to - period.from) / WEEK);
  return { length: WEEK, skip: Math.max(0, weeks - MAX_WEEKS) };
}

/** The trend from windows counted in the table's own walk (computeColumnFiguresPerAgent): the same points as weeklyTrend. */
export function trendOf(weeks: readonly WeekFigures[], business: boolean): WeekPoint[] {
  return weeks.map((w) => {
    const rt = business && w.responseTime.business ? w.responseTime.business : w.responseTime.calendar;
    return { from: w.from, medianResponseMs: rt.median, firstResponseSla: w.firstResponseWithinTarget.rate, replies: w.replies };
  });
}

/** Median response time and SLA share per 7-day window, from the period's start (the last window may be shorter). */
export function weeklyTrend(records: TeamRows, settings: Settings, base: FigureQuery, business: boolean): WeekPoint[] {
  const weeks = Math.ceil((base.to - base.from) / WEEK);
  const first = trendWeeks(base).skip;
  const out: WeekPoint[] = [];
  for (let w = first; w < weeks; w++) {
    const from = base.from + w * WEEK;
    const f = figuresOf(records, settings, { ...base, from, to: Math.min(base.to, from + WEEK) });
    const rt = business && f.responseTime.business ? f.responseTime.business : f.responseTime.calendar;
    out.push({ from, medianResponseMs: rt.median, firstResponseSla: f.sla.firstResponse.withinTarget.rate, replies: f.replies.count });
  }
  return out;
}
