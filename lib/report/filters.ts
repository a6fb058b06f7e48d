/**
 * The team report's filters and the records and periods they select. Pure.
 */
import type { MessageRecord } from '../schema/records';
import type { Platform, QueryType, Status } from '../schema/taxonomy';
import { timeSpan, type TeamRows } from './rows';

export const RANGE_PRESETS = ['days7', 'days30', 'days90', 'days365', 'all', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
const PRESET_DAYS: Partial<Record<RangePreset, number>> = { days7: 7, days30: 30, days90: 90, days365: 365 };

export const ROW_KINDS = ['agent', 'platform', 'queryType'] as const;
export type RowKind = (typeof ROW_KINDS)[number];

export interface ReportFilters {
  range: RangePreset;
  /** Custom range, local dates YYYY-MM-DD, both days included. */
  customFrom: string;
  customTo: string;
  agent: string | null;
  platform: Platform | null;
  queryType: QueryType | null;
  /** Cases whose latest status is this. */
  status: Status | null;
  business: boolean;
  rows: RowKind;
}

export const DEFAULT_FILTERS: ReportFilters = {
  range: 'days30',
  customFrom: '',
  customTo: '',
  agent: null,
  platform: null,
  queryType: null,
  status: null,
  business: false,
  rows: 'agent',
};

export interface Period {
  from: number;
  to: number;
}

const localMidnight = (date: string): number | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
};

/**
 * The period the filters select: whole local days ending today (as the popup), every
 * record for "all", or the custom days. null when a custom range is incomplete or reversed.
 */
export function periodOf(f: ReportFilters, now: number, records: TeamRows): Period | null {
  const end = new Date(now);
  end.setHours(24, 0, 0, 0);
  const days = PRESET_DAYS[f.range];
  if (days !== undefined) {
    const start = new Date(end);
    start.setDate(start.getDate() - days);
    return { from: start.getTime(), to: end.getTime() };
  }
  if (f.range === 'all') {
    const span = timeSpan(records);
    return span === null ? { from: end.getTime() - 86_400_000, to: end.getTime() } : { from: span.first, to: span.last + 1 };
  }
  const from = localMidnight(f.customFrom);
  const last = localMidnight(f.customTo);
  if (from === null || last === null || last < from) return null;
  const to = new Date(last);
  to.setDate(to.getDate() + 1);
  return { from, to: to.getTime() };
}

/** Records of the cases whose latest status (by message time) is `status`; all records when null. */
export function withCaseStatus<R extends MessageRecord>(records: readonly R[], status: Status | null): readonly R[] {
  if (status === null) return records;
  const latest = new Map<string, { at: number; status: Status }>();
  for (const r of records) {
    if (r.status === null) continue;
    const seen = latest.get(r.caseKey);
    if (!seen || r.at > seen.at) latest.set(r.caseKey, { at: r.at, status: r.status });
  }
  return records.filter((r) => latest.get(r.caseKey)?.status === status);
}
