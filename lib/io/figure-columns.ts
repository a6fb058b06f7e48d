/**
 * The columns of the agent table, one per DESIGN §4 figure, defined once for the report
 * page, its CSV and JSON and the agent's own figures CSV. Durations are milliseconds here
 * (seconds in CSV), rates 0–1 here (percent in CSV).
 */
import type { DurationStats, Figures, TimeMetric } from '../metrics';

export type ColumnKind = 'count' | 'duration' | 'rate' | 'ratio' | 'money';

export interface FigureColumn {
  /** CSV header and JSON key; also the i18n key `report.column.<id>`. */
  id: string;
  kind: ColumnKind;
  /** `business`: read business-time durations when the report is in business time. */
  get: (f: Figures, business: boolean) => number | null;
  /** For time columns: how many values the statistic is of (p90 of 3 values is shown with its n). */
  n?: (f: Figures, business: boolean) => number;
}

const stats = (m: TimeMetric, business: boolean): DurationStats => (business && m.business ? m.business : m.calendar);

function timeColumns(prefix: string, pick: (f: Figures) => TimeMetric): FigureColumn[] {
  const n = (f: Figures, b: boolean) => stats(pick(f), b).count;
  return [
    { id: `${prefix}_median`, kind: 'duration', get: (f, b) => stats(pick(f), b).median, n },
    { id: `${prefix}_p90`, kind: 'duration', get: (f, b) => stats(pick(f), b).p90, n },
    { id: `${prefix}_mean`, kind: 'duration', get: (f, b) => stats(pick(f), b).mean, n },
    { id: `${prefix}_count`, kind: 'count', get: (f, b) => stats(pick(f), b).count },
  ];
}

export const FIGURE_COLUMNS: readonly FigureColumn[] = [
  { id: 'replies', kind: 'count', get: (f) => f.replies.count },
  ...timeColumns('response', (f) => f.responseTime),
  ...timeColumns('first_response', (f) => f.firstResponseTime),
  ...timeColumns('resolution', (f) => f.resolutionTime),
  { id: 'tweets_to_resolve_median', kind: 'ratio', get: (f) => f.tweetsToResolve.median, n: (f) => f.tweetsToResolve.count },
  { id: 'tweets_to_resolve_mean', kind: 'ratio', get: (f) => f.tweetsToResolve.mean, n: (f) => f.tweetsToResolve.count },
  { id: 'fcr', kind: 'rate', get: (f) => f.fcr.rate, n: (f) => f.fcr.denominator },
  { id: 'sentiment_recovery', kind: 'rate', get: (f) => f.sentimentRecovery.rate, n: (f) => f.sentimentRecovery.negativeStarts },
  { id: 'sla_first_target', kind: 'rate', get: (f) => f.sla.firstResponse.withinTarget.rate, n: (f) => f.sla.firstResponse.withinTarget.total },
  { id: 'sla_first_limit', kind: 'rate', get: (f) => f.sla.firstResponse.withinLimit.rate, n: (f) => f.sla.firstResponse.withinLimit.total },
  { id: 'sla_all_target', kind: 'rate', get: (f) => f.sla.allReplies.withinTarget.rate, n: (f) => f.sla.allReplies.withinTarget.total },
  { id: 'sla_all_limit', kind: 'rate', get: (f) => f.sla.allReplies.withinLimit.rate, n: (f) => f.sla.allReplies.withinLimit.total },
  { id: 'escalated', kind: 'count', get: (f) => f.escalation.escalated },
  { id: 'escalation_rate', kind: 'rate', get: (f) => f.escalation.rate, n: (f) => f.escalation.cycles },
  { id: 'reply_rate', kind: 'rate', get: (f) => f.replyRate.rate, n: (f) => f.replyRate.customerMessages },
  { id: 'cost_per_response', kind: 'money', get: (f) => f.cost?.perResponse ?? null },
];

/** The value as a CSV or JSON file carries it: whole seconds, percent with one decimal. */
export function exportValue(column: FigureColumn, f: Figures, business: boolean): number | null {
  const v = column.get(f, business);
  if (v === null) return null;
  switch (column.kind) {
    case 'duration':
      return Math.round(v / 1000);
    case 'rate':
      return Math.round(v * 1000) / 10;
    case 'ratio':
    case 'money':
      return Math.round(v * 100) / 100;
    default:
      return v;
  }
}

/** The CSV/JSON header of a column: its unit is in the name (`response_median_s`, `fcr_pct`). */
export function exportHeader(column: FigureColumn): string {
  return column.kind === 'duration' ? `${column.id}_s` : column.kind === 'rate' ? `${column.id}_pct` : column.id;
}
