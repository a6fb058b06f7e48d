/**
 * What the report computes from: the team's messages either as records (small data, tests,
 * drill-down lists) or as columns (lib/metrics/columns: the report page at a million
 * messages). Every helper gives the same answer for both. Pure.
 */
import { computeColumnFigures, computeFigures, selectCases, type FigureQuery, type Figures, type MessageColumns } from '../metrics';
import type { CaseStatusFilter } from '../metrics/figures';
import { FACEBOOK, statusCode } from '../metrics/cases';
import { isColumns, windowOf } from '../metrics/columns';
import type { MessageRecord, Settings } from '../schema/records';
import { STATUSES, type Platform, type Status } from '../schema/taxonomy';

export type TeamRows = readonly MessageRecord[] | MessageColumns;

export { isColumns };

export function figuresOf(rows: TeamRows, settings: Settings, q: FigureQuery): Figures {
  return isColumns(rows) ? computeColumnFigures(rows, settings, q) : computeFigures(rows, settings, q);
}

export function rowCount(rows: TeamRows): number {
  return isColumns(rows) ? rows.n : rows.length;
}

/** The time span of each columns, read once (the "all" range asks on every filter change). */
const spans = new WeakMap<MessageColumns, { first: number; last: number } | null>();

/** Earliest and latest message time; null when there is none. */
export function timeSpan(rows: TeamRows): { first: number; last: number } | null {
  if (isColumns(rows) && spans.has(rows)) return spans.get(rows)!;
  let first = Infinity;
  let last = -Infinity;
  if (isColumns(rows)) {
    for (let p = 0; p < rows.n; p++) {
      const t = rows.at[p]!;
      if (t < first) first = t;
      if (t > last) last = t;
    }
    const span = first === Infinity ? null : { first, last };
    spans.set(rows, span);
    return span;
  }
  for (const r of rows) {
    if (r.at < first) first = r.at;
    if (r.at > last) last = r.at;
  }
  return first === Infinity ? null : { first, last };
}

/** Messages in [from, to) on the platform (all platforms when null). */
export function countInPeriod(rows: TeamRows, period: { from: number; to: number }, platform: Platform | null): number {
  let n = 0;
  if (isColumns(rows)) {
    const wantFacebook = platform === null ? -1 : platform === 'facebook' ? FACEBOOK : 0;
    // Only the period's window has messages in it.
    const window = windowOf(rows, period.from, period.to).cases;
    for (let k = 0; k < window.length; k++) {
      const c = window[k]!;
      for (let p = rows.starts[c]!; p < rows.starts[c + 1]!; p++) {
        const t = rows.at[p]!;
        if (t >= period.from && t < period.to && (wantFacebook < 0 || (rows.code[p]! & FACEBOOK) === wantFacebook)) n++;
      }
    }
  } else for (const r of rows) if (r.at >= period.from && r.at < period.to && (!platform || r.platform === platform)) n++;
  return n;
}

/**
 * Each case's latest status by message time (the earliest message wins a tie), null when
 * never set, and whether the case has a message in the period; calls back once per case.
 */
export function eachCaseStatus(rows: TeamRows, period: { from: number; to: number } | null, visit: (caseKey: string, status: Status | null, active: boolean) => void): void {
  if (isColumns(rows)) {
    for (let c = 0; c < rows.cases; c++) {
      let latest = 0;
      let latestAt = -Infinity;
      let active = false;
      for (let p = rows.starts[c]!; p < rows.starts[c + 1]!; p++) {
        const t = rows.at[p]!;
        if (period && t >= period.from && t < period.to) active = true;
        const s = statusCode(rows.code[p]!);
        if (s !== 0 && t > latestAt) {
          latest = s;
          latestAt = t;
        }
      }
      visit(rows.caseKeys[c]!, latest ? STATUSES[latest - 1]! : null, active);
    }
    return;
  }
  const latest = new Map<string, { at: number; status: Status | null; active: boolean }>();
  for (const r of rows) {
    let seen = latest.get(r.caseKey);
    if (!seen) latest.set(r.caseKey, (seen = { at: -Infinity, status: null, active: false }));
    if (period && r.at >= period.from && r.at < period.to) seen.active = true;
    if (r.status !== null && r.at > seen.at) {
      seen.at = r.at;
      seen.status = r.status;
    }
  }
  for (const [key, s] of latest) visit(key, s.status, s.active);
}

/**
 * Each case with a message in the period and its latest status (as eachCaseStatus, only
 * the active cases): from columns, only the period's window is read and the statuses are
 * computed once per columns.
 */
export function eachActiveCaseStatus(rows: TeamRows, period: { from: number; to: number }, visit: (caseKey: string, status: Status | null) => void): void {
  if (!isColumns(rows)) {
    eachCaseStatus(rows, period, (key, status, active) => active && visit(key, status));
    return;
  }
  const statuses = caseStatuses(rows);
  const window = windowOf(rows, period.from, period.to).cases;
  for (let k = 0; k < window.length; k++) {
    const c = window[k]!;
    let active = false;
    for (let p = rows.starts[c]!; p < rows.starts[c + 1]! && !active; p++) active = rows.at[p]! >= period.from && rows.at[p]! < period.to;
    if (active) visit(rows.caseKeys[c]!, statuses[c] ? STATUSES[statuses[c]! - 1]! : null);
  }
}

/** Each case's latest status code (0: none) per columns, computed once: the status filter is a lookup. */
const statusesOf = new WeakMap<MessageColumns, Uint8Array>();
/** The columns of each status filter, kept per columns so a filter change reuses them (and their period indexes). */
const selections = new WeakMap<MessageColumns, Map<Status, MessageColumns>>();

function caseStatuses(cols: MessageColumns): Uint8Array {
  let out = statusesOf.get(cols);
  if (out) return out;
  out = new Uint8Array(cols.cases);
  for (let c = 0; c < cols.cases; c++) {
    let latestAt = -Infinity;
    for (let p = cols.starts[c]!; p < cols.starts[c + 1]!; p++) {
      const s = statusCode(cols.code[p]!);
      if (s !== 0 && cols.at[p]! > latestAt) {
        out[c] = s;
        latestAt = cols.at[p]!;
      }
    }
  }
  statusesOf.set(cols, out);
  return out;
}

/**
 * The status filter as a case filter of the columns' event log (computeColumnFiguresPerAgent):
 * the same cases as withCaseStatusRows, without a log of their own.
 */
export function caseStatusFilter(cols: MessageColumns, status: Status | null): CaseStatusFilter | undefined {
  return status === null ? undefined : { status: caseStatuses(cols), want: 1 + STATUSES.indexOf(status) };
}

/** The rows of the cases whose latest status (by message time) is `status`; all rows when null. */
export function withCaseStatusRows(rows: TeamRows, status: Status | null): TeamRows {
  if (status === null) return rows;
  if (isColumns(rows)) {
    let kept = selections.get(rows);
    if (!kept) selections.set(rows, (kept = new Map()));
    let picked = kept.get(status);
    if (!picked) {
      const want = 1 + STATUSES.indexOf(status);
      const statuses = caseStatuses(rows);
      picked = selectCases(rows, (c) => statuses[c] === want);
      kept.set(status, picked);
    }
    return picked;
  }
  const keep = new Set<string>();
  eachCaseStatus(rows, null, (key, s) => {
    if (s === status) keep.add(key);
  });
  return rows.filter((r) => keep.has(r.caseKey));
}
