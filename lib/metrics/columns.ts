/**
 * Messages as columns (issue 9): typed arrays and string tables instead of one object per
 * message, for the team report at a million messages. A record object with its texts is
 * ~1 kB; a row here is 21 bytes (time, code, agent, sender) plus its case's key once.
 *
 * The rows are stored already laid out as the engine walks them: case by case, each case
 * sorted by (time, id). So a computation on columns skips the case numbering and sorting
 * that computeFigures does per records array (most of its cost) and only codes the query's
 * sender filter: a filter change is one pass over two typed arrays.
 *
 * Texts, permalinks and ids are not here: no figure reads them. Drill-down lists read the
 * few records they show by case key (lib/db/team).
 */
import type { MessageRecord } from '../schema/records';
import { APPROX, compareIds, CREDIT, encodeBase, FACEBOOK, FROM_BRAND, KeyNumbers, SKIPPED, type CaseIndex, type CodedFields } from './cases';
import type { FigureQuery } from './types';
import type { Scratch } from './scratch';
import { Grow } from './grow';

export interface MessageColumns {
  /** Rows (messages). */
  n: number;
  /** Cases, in order of their first message; case c is rows starts[c] .. starts[c + 1] - 1, sorted by (at, id). */
  cases: number;
  starts: Int32Array;
  at: Float64Array;
  /** The engine's message code without the CREDIT bit (lib/metrics/cases). */
  code: Int32Array;
  /** Index in `agents` of the agent credited with a brand message; -1 for none. */
  agent: Int32Array;
  /** 1 when sentBy is 'me' (the `mine` query). */
  mine: Uint8Array;
  /** The string table of agent names. */
  agents: string[];
  /** Each case's caseKey, by case number. */
  caseKeys: string[];
}

/** The fields of a record that the columns keep (plus the id, for ordering ties). */
export type ColumnFields = CodedFields & Pick<MessageRecord, 'caseKey' | 'id' | 'at' | 'agent' | 'sentBy'>;

/**
 * Collects records one at a time (a database cursor's pages, an import's rows) and lays
 * them out by case. Only what the columns need is kept from each record, so the records
 * can be dropped as soon as they are added.
 */
export class ColumnBuilder {
  private readonly caseNumbers = new KeyNumbers(1024);
  private readonly agentIndex = new Map<string, number>();
  private readonly agents: string[] = [];
  private readonly caseOf = new Grow(new Int32Array(1024), (n) => new Int32Array(n));
  private readonly at = new Grow(new Float64Array(1024), (n) => new Float64Array(n));
  private readonly code = new Grow(new Int32Array(1024), (n) => new Int32Array(n));
  private readonly agent = new Grow(new Int32Array(1024), (n) => new Int32Array(n));
  private readonly mine = new Grow(new Uint8Array(1024), (n) => new Uint8Array(n));
  /** Ids (the records' own strings), only to order messages of one case at the same time; dropped by build(). */
  private ids: string[] = [];

  add(r: ColumnFields): void {
    this.caseOf.push(this.caseNumbers.numberOf(r.caseKey));
    this.at.push(r.at);
    this.code.push(encodeBase(r));
    let a = -1;
    if (r.agent !== null) {
      a = this.agentIndex.get(r.agent) ?? -1;
      if (a < 0) {
        a = this.agents.length;
        this.agents.push(r.agent);
        this.agentIndex.set(r.agent, a);
      }
    }
    this.agent.push(a);
    this.mine.push(r.sentBy === 'me' ? 1 : 0);
    this.ids.push(r.id);
  }

  build(): MessageColumns {
    const n = this.at.length;
    const cases = this.caseNumbers.keys.length;
    const caseOf = this.caseOf.data;
    // Counting sort by case, then each case by (at, id).
    const starts = new Int32Array(cases + 1);
    for (let i = 0; i < n; i++) starts[caseOf[i]! + 1]!++;
    for (let c = 0; c < cases; c++) starts[c + 1]! += starts[c]!;
    const cursor = starts.slice(0, cases);
    const byCase = new Int32Array(n);
    for (let i = 0; i < n; i++) byCase[cursor[caseOf[i]!]!++] = i;
    const at = this.at.data;
    const ids = this.ids;
    const byTime = (i: number, j: number) => at[i]! - at[j]! || compareIds(ids[i]!, ids[j]!);
    for (let c = 0; c < cases; c++) {
      const from = starts[c]!;
      const to = starts[c + 1]!;
      let sorted = true;
      for (let p = from + 1; p < to && sorted; p++) sorted = byTime(byCase[p - 1]!, byCase[p]!) <= 0;
      if (!sorted) byCase.subarray(from, to).sort(byTime);
    }
    // Cases in order of their first message (ties: first seen), so a period's cases are
    // found without reading the later ones (indexColumns).
    const caseOrder = new Int32Array(cases);
    for (let c = 0; c < cases; c++) caseOrder[c] = c;
    caseOrder.sort((x, y) => at[byCase[starts[x]!]!]! - at[byCase[starts[y]!]!]! || x - y);
    const order = new Int32Array(n);
    const sortedStarts = new Int32Array(cases + 1);
    const caseKeys: string[] = new Array<string>(cases);
    let row = 0;
    for (let k = 0; k < cases; k++) {
      const c = caseOrder[k]!;
      caseKeys[k] = this.caseNumbers.keys[c]!;
      order.set(byCase.subarray(starts[c]!, starts[c + 1]!), row);
      row += starts[c + 1]! - starts[c]!;
      sortedStarts[k + 1] = row;
    }
    const out: MessageColumns = {
      n,
      cases,
      starts: sortedStarts,
      at: new Float64Array(n),
      code: new Int32Array(n),
      agent: new Int32Array(n),
      mine: new Uint8Array(n),
      agents: this.agents,
      caseKeys,
    };
    for (let p = 0; p < n; p++) {
      const i = order[p]!;
      out.at[p] = at[i]!;
      out.code[p] = this.code.data[i]!;
      out.agent[p] = this.agent.data[i]!;
      out.mine[p] = this.mine.data[i]!;
    }
    this.ids = [];
    return out;
  }
}

/** The columns of a records array (tests, and callers that already hold the records). */
export function toColumns(records: Iterable<ColumnFields>): MessageColumns {
  const b = new ColumnBuilder();
  for (const r of records) b.add(r);
  return b.build();
}

/**
 * The columns of the cases `keep` accepts (case number → boolean), e.g. a case-status
 * filter. Shares the string tables; copies the kept rows.
 */
export function selectCases(cols: MessageColumns, keep: (c: number) => boolean): MessageColumns {
  let rows = 0;
  let kept = 0;
  const take = new Uint8Array(cols.cases);
  for (let c = 0; c < cols.cases; c++) {
    if (!keep(c)) continue;
    take[c] = 1;
    kept++;
    rows += cols.starts[c + 1]! - cols.starts[c]!;
  }
  const out: MessageColumns = {
    n: rows,
    cases: kept,
    starts: new Int32Array(kept + 1),
    at: new Float64Array(rows),
    code: new Int32Array(rows),
    agent: new Int32Array(rows),
    mine: new Uint8Array(rows),
    agents: cols.agents,
    caseKeys: [],
  };
  let r = 0;
  let k = 0;
  for (let c = 0; c < cols.cases; c++) {
    if (!take[c]) continue;
    const from = cols.starts[c]!;
    const to = cols.starts[c + 1]!;
    out.at.set(cols.at.subarray(from, to), r);
    out.code.set(cols.code.subarray(from, to), r);
    out.agent.set(cols.agent.subarray(from, to), r);
    out.mine.set(cols.mine.subarray(from, to), r);
    out.caseKeys.push(cols.caseKeys[c]!);
    r += to - from;
    out.starts[++k] = r;
  }
  return out;
}

export const isColumns = (x: readonly MessageRecord[] | MessageColumns): x is MessageColumns => !Array.isArray(x);

const NO_RECORDS: readonly MessageRecord[] = [];
const NO_ORDER = new Int32Array(0);

/**
 * The engine's case index over columns, with the CREDIT bit of the query's sender filter
 * (the same rule as credit.ts' senderFilter: `mine` and `agent` together mean both). The
 * index has no records or order: computeFigures reads only starts, at and code.
 *
 * Only the cases near the period are walked (windowOf). For one agent, only the cases that
 * agent answered: every figure for an agent counts their replies or the cycles they own
 * (credit.ts), none of which exists in a case they never answered, except the count of
 * approximate times, which is the period's whoever answered (figures.ts): the cases left
 * out add theirs. So the rows of a 20-agent table cost about one team computation.
 */
export function indexColumns(cols: MessageColumns, q: FigureQuery, scratch: Scratch): CaseIndex {
  const { code: base, agent, mine, starts, at } = cols;
  const byMine = q.mine === true;
  const wantAgent = q.agent === undefined ? -1 : cols.agents.indexOf(q.agent);
  const byAgent = q.agent !== undefined;
  const win = windowOf(cols, q.from, q.to);
  const site = q.platform === undefined ? -1 : q.platform === 'facebook' ? FACEBOOK : 0;
  const siteOk = (c: number) => site < 0 || (base[starts[c]!]! & FACEBOOK) === site;
  const approxIn = (c: number) => approxInPeriod(cols, c, q.from, q.to);
  if (!byMine && !byAgent) return { records: NO_RECORDS, order: NO_ORDER, starts, cases: cols.cases, at, code: teamCode(cols), walk: win.cases };
  const code = scratch.int32('code', cols.n);
  // One agent: the cases they answered; with `mine` too, those of them with a reply of mine.
  const candidates = byAgent ? (wantAgent >= 0 ? agentCases(cols, win)[wantAgent] ?? NO_CASES : NO_CASES) : win.cases;
  const walk = scratch.int32('walk', candidates.length);
  let walked = 0;
  let approxWalked = 0;
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k]!;
    let credits = false;
    for (let p = starts[c]!; p < starts[c + 1]!; p++) {
      const b = base[p]!;
      const credited = (b & FROM_BRAND) !== 0 && (!byMine || mine[p] === 1) && (!byAgent || agent[p] === wantAgent);
      code[p] = credited ? b | CREDIT : b;
      credits ||= credited;
    }
    if (!credits) continue;
    walk[walked++] = c;
    if (siteOk(c)) approxWalked += approxIn(c);
  }
  if (win.approx === null) {
    win.approx = [0, 0];
    for (let k = 0; k < win.cases.length; k++) {
      const c = win.cases[k]!;
      win.approx[base[starts[c]!]! & FACEBOOK ? 1 : 0]! += approxIn(c);
    }
  }
  const approxAll = site < 0 ? win.approx[0]! + win.approx[1]! : win.approx[site === FACEBOOK ? 1 : 0]!;
  return { records: NO_RECORDS, order: NO_ORDER, starts, cases: cols.cases, at, code, walk: walk.subarray(0, walked), approxOutside: approxAll - approxWalked };
}

const NO_CASES = new Int32Array(0);

/** The team's index over every case (every brand message credited), for a walk of all of them (column-log). */
export function teamIndex(cols: MessageColumns): CaseIndex {
  return { records: NO_RECORDS, order: NO_ORDER, starts: cols.starts, cases: cols.cases, at: cols.at, code: teamCode(cols) };
}

/** The team's codes (every brand message credited) per columns, made once: team figures are most of a report's. */
const teamCodes = new WeakMap<MessageColumns, Int32Array>();

function teamCode(cols: MessageColumns): Int32Array {
  let out = teamCodes.get(cols);
  if (out) return out;
  out = new Int32Array(cols.n);
  for (let p = 0; p < cols.n; p++) out[p] = cols.code[p]! & FROM_BRAND ? cols.code[p]! | CREDIT : cols.code[p]!;
  teamCodes.set(cols, out);
  return out;
}

/** Messages of case c at an approximate time in [from, to) (figures count them whoever answered). */
export function approxInPeriod(cols: MessageColumns, c: number, from: number, to: number): number {
  const { code, at, starts } = cols;
  let n = 0;
  for (let p = starts[c]!; p < starts[c + 1]!; p++) {
    const b = code[p]!;
    if (b & APPROX && !(b & SKIPPED) && at[p]! >= from && at[p]! < to) n++;
  }
  return n;
}

/** The cases that can add to a figure of one period, and what is derived from them once. */
interface CaseWindow {
  /** Cases with a message from `from` on and their first before `to`, in order. */
  cases: Int32Array;
  /** By agent number: the window's cases with a brand message of that agent (built on first use). */
  byAgent: Int32Array[] | null;
  /** Messages at an approximate time in the period, in X cases and in Facebook cases (on first use). */
  approx: [number, number] | null;
}

/**
 * The periods' windows per columns: a report's rows ask for the same two periods, and its
 * weekly trend for up to 53 weeks; kept so that going back to a filter recomputes none.
 */
const windows = new WeakMap<MessageColumns, Map<string, CaseWindow>>();
const KEPT_PERIODS = 160;
/** … and at most this many listed cases in all (~16 MB, twice with the agents' lists), whatever ranges a lead tries. */
const KEPT_CASES = 4_000_000;

/**
 * Per columns, the latest last-message time of cases 0 … c (a running maximum): the cases
 * before the first c where it reaches `from` all ended before `from`, so a window search
 * starts there instead of at the first case.
 */
const lastSoFar = new WeakMap<MessageColumns, Float64Array>();

function runningLast(cols: MessageColumns): Float64Array {
  let out = lastSoFar.get(cols);
  if (out) return out;
  out = new Float64Array(cols.cases);
  let max = -Infinity;
  for (let c = 0; c < cols.cases; c++) {
    const last = cols.at[cols.starts[c + 1]! - 1]!;
    if (last > max) max = last;
    out[c] = max;
  }
  lastSoFar.set(cols, out);
  return out;
}

/**
 * The cases with a message from `from` on and their first before `to`: the only ones that
 * can add to a figure of [from, to) (figures.ts run()). Cases are ordered by their first
 * message, so two binary searches bound the cases to read: those starting before `to`, from
 * the first one not known to have ended before `from`.
 */
export function windowOf(cols: MessageColumns, from: number, to: number): CaseWindow {
  let kept = windows.get(cols);
  if (!kept) windows.set(cols, (kept = new Map()));
  const id = `${from}|${to}`;
  const hit = kept.get(id);
  if (hit) return hit;
  const { starts, at } = cols;
  let lo = 0;
  let hi = cols.cases;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at[starts[mid]!]! < to) lo = mid + 1;
    else hi = mid;
  }
  const end = lo;
  const running = runningLast(cols);
  lo = 0;
  hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (running[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  const list = new Int32Array(end - lo);
  let n = 0;
  for (let c = lo; c < end; c++) if (at[starts[c + 1]! - 1]! >= from) list[n++] = c;
  const win: CaseWindow = { cases: list.slice(0, n), byAgent: null, approx: null };
  let listed = n;
  for (const w of kept.values()) listed += w.cases.length;
  for (const [old, w] of kept) {
    if (kept.size < KEPT_PERIODS && listed <= KEPT_CASES) break;
    kept.delete(old);
    listed -= w.cases.length;
  }
  kept.set(id, win);
  return win;
}

function agentCases(cols: MessageColumns, win: CaseWindow): Int32Array[] {
  if (win.byAgent) return win.byAgent;
  const lists: number[][] = cols.agents.map(() => []);
  const { starts, code, agent } = cols;
  for (let k = 0; k < win.cases.length; k++) {
    const c = win.cases[k]!;
    for (let p = starts[c]!; p < starts[c + 1]!; p++) {
      const a = agent[p]!;
      const list = lists[a];
      // A case answered by an agent several times is listed once (in case order, so the last entry tells).
      if (a >= 0 && code[p]! & FROM_BRAND && list && list[list.length - 1] !== c) list.push(c);
    }
  }
  win.byAgent = lists.map((l) => Int32Array.from(l));
  return win.byAgent;
}
