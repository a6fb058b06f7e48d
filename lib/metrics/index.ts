/**
 * Threadmark metrics: pure functions over plain MessageRecords (DESIGN §4). No Dexie, no
 * browser APIs, no DOM. Rules and decisions: lib/metrics/README.md.
 */
export { addBusinessMs, businessMs } from './business-time';
export { compareIds, compareMessages } from './cases';
export { caseClock, OPEN_CASE_HORIZON_MS, openCases } from './clock';
export { senderFilter, type CreditQuery } from './credit';
export { change, compareFigures, previousPeriod } from './compare';
export { ColumnBuilder, selectCases, toColumns, type ColumnFields, type MessageColumns } from './columns';
export { computeColumnFigures, computeColumnFiguresPerAgent, computeFigures, type CaseFigures, type WeekFigures, type WeekSplit, FCR_REOPEN_WINDOW_MS, TWEET_BUCKETS } from './figures';
export { slaRule, type SlaRule } from './sla';
export { BUCKET_BOUNDS_MS, BUCKETS, percentile, type BucketLabel, type DurationStats } from './stats';
export type {
  CaseClock,
  Change,
  DurationChange,
  FigureChanges,
  FigureQuery,
  Figures,
  OpenCase,
  Share,
  TimeChange,
  TimeMetric,
} from './types';
