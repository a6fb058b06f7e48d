/**
 * The popup's periods are whole local calendar days ending today: "Today" is today's
 * 00:00–24:00, "7 days" is the last seven days including today. The previous period is
 * the one of equal length just before it (DESIGN §4: change against the previous period).
 */
export const PERIODS = ['today', 'days7', 'days30'] as const;
export type PeriodKind = (typeof PERIODS)[number];
const DAYS: Record<PeriodKind, number> = { today: 1, days7: 7, days30: 30 };

export interface Range {
  from: number;
  to: number;
}

export function periodRange(kind: PeriodKind, now: number): { current: Range; previous: Range } {
  const end = new Date(now);
  end.setHours(24, 0, 0, 0); // next local midnight (DST-safe: setHours works in local time)
  const start = new Date(end);
  start.setDate(start.getDate() - DAYS[kind]);
  const before = new Date(start);
  before.setDate(before.getDate() - DAYS[kind]);
  return { current: { from: start.getTime(), to: end.getTime() }, previous: { from: before.getTime(), to: start.getTime() } };
}

/** The earliest time any popup period reaches back to (30 days and the 30 before them). */
export function popupHorizon(now: number): number {
  return periodRange('days30', now).previous.from;
}
