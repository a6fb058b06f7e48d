/**
 * Grouping records into cases (same caseKey) and ordering each case by message time.
 *
 * One sequential pass over the records assigns a dense case number per caseKey and copies
 * what the metrics read into two typed columns (time, and a bit-packed code with the
 * sender, tags and platform). A counting sort lays the record indices out case by case in
 * one Int32Array, and each case is sorted on its own (most arrive in order and cost one
 * linear check). Later passes read the compact columns, not a million scattered objects.
 */
import type { MessageRecord } from '../schema/records';
import { CHANNELS, PLATFORMS, QUERY_TYPES, SENTIMENTS, STATUSES, type QueryType, type Status } from '../schema/taxonomy';
import { Scratch } from './scratch';

// Bit layout of a message code.
export const FROM_BRAND = 1;
/** A customer message marked "no reply needed": it leaves every metric. */
export const SKIPPED = 2;
/** A brand message that passes the query's sender filter (mine / agent); all of them without one. */
export const CREDIT = 4;
export const FACEBOOK = 8;
const STATUS_SHIFT = 4; // 3 bits: 0 = none, 1 + index in STATUSES
const SENTIMENT_SHIFT = 7; // 2 bits
const QT_SHIFT = 9; // 3 bits
const CHANNEL_SHIFT = 12; // 3 bits
/** The site gave only an approximate time (Facebook's "2 h"): left out of every timed figure. */
export const APPROX = 1 << 15;

export const S_ESCALATED = 1 + STATUSES.indexOf('escalated');
export const S_RESOLVED = 1 + STATUSES.indexOf('resolved');
export const SENT_NEGATIVE = 1 + SENTIMENTS.indexOf('negative');

export const statusCode = (code: number): number => (code >> STATUS_SHIFT) & 7;
export const sentimentCode = (code: number): number => (code >> SENTIMENT_SHIFT) & 3;
/** 0 = no query type, else 1 + index in QUERY_TYPES. */
export const queryTypeCode = (code: number): number => (code >> QT_SHIFT) & 7;
export const channelCode = (code: number): number => (code >> CHANNEL_SHIFT) & 7;

export const statusName = (c: number): Status | null => (c ? STATUSES[c - 1]! : null);
export const queryTypeName = (c: number): QueryType | null => (c ? QUERY_TYPES[c - 1]! : null);
/** Index in PLATFORMS of a message's platform. */
export const platformIndex = (code: number): number => (code & FACEBOOK ? FACEBOOK_INDEX : X_INDEX);
const X_INDEX = PLATFORMS.indexOf('x');
const FACEBOOK_INDEX = PLATFORMS.indexOf('facebook');
export const queryTypeCodeOf = (q: QueryType | null): number => (q === null ? 0 : 1 + QUERY_TYPES.indexOf(q));

// Tag names to codes, derived from the taxonomy (unknown values code as 0, like a missing tag).
// Coded once per records array (the layout below), so a Map lookup is cheap enough.
const codeOf = <T extends string>(list: readonly T[]) => {
  const m = new Map<string, number>(list.map((v, i) => [v, i + 1]));
  return (v: string): number => m.get(v) ?? 0;
};
const statusIn = codeOf(STATUSES);
const sentimentIn = codeOf(SENTIMENTS);
const queryTypeIn = codeOf(QUERY_TYPES);
const channelIn = codeOf(CHANNELS);

export interface CaseIndex {
  records: readonly MessageRecord[];
  /** Record index of the message at each position; positions run case by case, each case sorted by (at, id). */
  order: Int32Array;
  /** Case c occupies positions starts[c] .. starts[c + 1] - 1. Length = cases + 1. */
  starts: Int32Array;
  cases: number;
  /** Per position (not per record): message time and code, so each case reads a contiguous slice. */
  at: Float64Array;
  code: Int32Array;
  /** The cases a computation walks, in order, when fewer than all (columns: those near the period). */
  walk?: Int32Array;
  /** Messages at an approximate time in the period in cases NOT walked (they count whoever the figures are for). */
  approxOutside?: number;
}

/**
 * Decision: ties on `at` are broken by id. Platform ids are numeric (X snowflakes, Facebook
 * ids) and grow with time, so a longer id is a later one; same length compares as text.
 * This is the numeric order for ids without leading zeros, without BigInt. Facebook
 * `pfbid…` slugs have no time order; they still get a stable one.
 */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareMessages(a: MessageRecord, b: MessageRecord): number {
  return a.at - b.at || compareIds(a.id, b.id);
}

/** Which brand messages count for the query (mine / agent); null = all. */
export type SenderFilter = ((r: MessageRecord) => boolean) | null;

function encode(r: MessageRecord, credit: SenderFilter): number {
  let code = encodeBase(r);
  if (code & FROM_BRAND && (credit === null || credit(r))) code |= CREDIT;
  return code;
}

/** The code without the CREDIT bit (which depends on the query's sender filter). */
export function encodeBase(r: CodedFields): number {
  let code = r.platform === 'facebook' ? FACEBOOK : 0;
  if (r.atPrecision === 'approx') code |= APPROX;
  if (r.fromBrand) {
    // Decision: "no reply needed" is a customer-message tag; on a brand message it is
    // ignored (a brand reply is always a reply). A brand message with sentBy null counts as
    // a teammate's.
    code |= FROM_BRAND;
  } else if (r.noReplyNeeded) {
    code |= SKIPPED;
  }
  if (r.status !== null) code |= statusIn(r.status) << STATUS_SHIFT;
  if (r.sentiment !== null) code |= sentimentIn(r.sentiment) << SENTIMENT_SHIFT;
  if (r.queryType !== null) code |= queryTypeIn(r.queryType) << QT_SHIFT;
  if (r.channel !== null) code |= channelIn(r.channel) << CHANNEL_SHIFT;
  return code;
}

/** What a message code is made of. */
export type CodedFields = Pick<MessageRecord, 'platform' | 'atPrecision' | 'fromBrand' | 'noReplyNeeded' | 'status' | 'sentiment' | 'queryType' | 'channel'>;

/** Records looked at before deciding whether comparing each key with the previous one pays. */
const REPEAT_PROBE = 4096;

/**
 * Dense numbers for caseKeys, in order of first appearance: an open-addressing table of
 * (32-bit FNV-1a hash, number) pairs in one Int32Array, the keys themselves compared only
 * when the hashes match. Measured at a million records against a Map<string, number>: the
 * Map's lookup is memory-bound (buckets, entries and stored key all in different places);
 * this table reads one slot, then the key, which belongs to a recent record (cases are
 * short-lived), so it is usually still in cache.
 */
export class KeyNumbers {
  private slots: Int32Array;
  private mask: number;
  readonly keys: string[] = [];

  constructor(expected: number) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Int32Array(cap * 2).fill(-1);
    this.mask = cap - 1;
  }

  numberOf(key: string): number {
    let h = 0x811c9dc5;
    for (let j = 0; j < key.length; j++) h = Math.imul(h ^ key.charCodeAt(j), 16777619);
    const slots = this.slots;
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const c = slots[2 * s + 1]!;
      if (c < 0) {
        const added = this.keys.length;
        this.keys.push(key);
        slots[2 * s] = h;
        slots[2 * s + 1] = added;
        if (added * 2 > this.mask) this.grow();
        return added;
      }
      if (slots[2 * s] === h && this.keys[c] === key) return c;
    }
  }

  private grow(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    this.slots = new Int32Array(cap * 2).fill(-1);
    this.mask = cap - 1;
    for (let s = 0; s < old.length; s += 2) {
      const c = old[s + 1]!;
      if (c < 0) continue;
      let t = old[s]! & this.mask;
      while (this.slots[2 * t + 1]! >= 0) t = (t + 1) & this.mask;
      this.slots[2 * t] = old[s]!;
      this.slots[2 * t + 1] = c;
    }
  }
}

/**
 * One pass over the records: numbers the cases in order of first appearance (caseOf[i] =
 * case of records[i]; counts[c] = its records) and copies each record's time and code.
 * Returns the number of cases.
 *
 * Records read through the caseKey index (the popup) arrive case by case: there, comparing
 * with the previous key skips most lookups. Records in time order (a whole history)
 * interleave their cases: there that comparison almost always fails and only adds its own
 * cost, so after the first REPEAT_PROBE records it is kept only if at least a third of them
 * repeated the previous key.
 */
function scanRecords(records: readonly MessageRecord[], caseOf: Int32Array, counts: Int32Array, atIn: Float64Array, codeIn: Int32Array): number {
  const n = records.length;
  // Sized for one case per two records (the real data's average is 2.2 messages a case); grows.
  const numbers = new KeyNumbers(n >> 1);
  let lastKey = '';
  let lastCase = -1;
  let repeats = 0;
  let compareLast = true;
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    const key = r.caseKey;
    let c: number;
    if (compareLast && lastCase >= 0 && key === lastKey) {
      c = lastCase;
      repeats++;
    } else {
      c = numbers.numberOf(key);
      lastKey = key;
      lastCase = c;
    }
    if (i === REPEAT_PROBE) compareLast = repeats * 3 >= REPEAT_PROBE;
    caseOf[i] = c;
    counts[c]!++;
    atIn[i] = r.at;
    codeIn[i] = encodeBase(r);
  }
  return numbers.keys.length;
}

/**
 * The part of the index that does not depend on the query: the case numbering, the
 * positions and the time and tag columns. Numbering cases is most of the cost of a whole
 * computation at a million records (one hash lookup of a caseKey per record, memory-bound),
 * so it is done once per records array and shared by the computations that follow on that
 * array (the popup's current and previous periods and open cases; a dashboard's filters).
 */
interface Layout {
  n: number;
  first: MessageRecord | undefined;
  last: MessageRecord | undefined;
  order: Int32Array;
  /** Inverse of order: position of records[i]. */
  pos: Int32Array;
  starts: Int32Array;
  cases: number;
  at: Float64Array;
  /** Codes without CREDIT. */
  base: Int32Array;
}

/**
 * The layout of the last records array indexed with this scratch (weakly held), in the
 * scratch's own buffers: fresh buffers per array would make V8 run a full collection of the
 * whole heap at a million records (see scratch.ts).
 *
 * Decision: a records array is taken as immutable once given to the metrics (the database
 * hands out a fresh array per query). A changed length or first/last record rebuilds the
 * layout, as a guard against an array reused by mistake.
 */
const layouts = new WeakMap<Scratch, { records: WeakRef<readonly MessageRecord[]>; layout: Layout }>();

function layoutOf(records: readonly MessageRecord[], scratch: Scratch): Layout {
  const n = records.length;
  const kept = layouts.get(scratch);
  if (kept && kept.records.deref() === records) {
    const { layout } = kept;
    if (layout.n === n && layout.first === records[0] && layout.last === records[n - 1]) return layout;
  }
  const caseOf = scratch.int32('caseOf', n);
  const atIn = scratch.float64('atIn', n);
  const codeIn = scratch.int32('codeIn', n);
  const counts = scratch.int32('counts', n).fill(0); // cases ≤ records
  const cases = scanRecords(records, caseOf, counts, atIn, codeIn);
  const starts = scratch.int32('starts', cases + 1);
  starts[0] = 0;
  for (let c = 0; c < cases; c++) starts[c + 1] = starts[c]! + counts[c]!;
  // Counting sort by case; `counts` becomes the write cursor of each case.
  counts.set(starts.subarray(0, cases));
  const order = scratch.int32('order', n);
  const at = scratch.float64('at', n);
  const base = scratch.int32('base', n);
  for (let i = 0; i < n; i++) {
    const p = counts[caseOf[i]!]!++;
    order[p] = i;
    at[p] = atIn[i]!;
    base[p] = codeIn[i]!;
  }
  const ix: CaseIndex = { records, order, starts, cases, at, code: base };
  for (let c = 0; c < cases; c++) sortCase(ix, starts[c]!, starts[c + 1]!);
  const pos = scratch.int32('pos', n);
  for (let p = 0; p < n; p++) pos[order[p]!] = p;
  const layout: Layout = { n, first: records[0], last: records[n - 1], order, pos, starts, cases, at, base };
  layouts.set(scratch, { records: new WeakRef(records), layout });
  return layout;
}

/**
 * Groups and orders `records`, and codes them for a query's sender filter. The code column
 * lives in a `scratch` buffer: use the index before the next computation on the same Scratch.
 */
export function indexCases(
  records: readonly MessageRecord[],
  credit: SenderFilter = null,
  scratch: Scratch = new Scratch(),
): CaseIndex {
  const { n, order, pos, starts, cases, at, base } = layoutOf(records, scratch);
  const code = scratch.int32('code', n);
  if (credit === null) {
    for (let p = 0; p < n; p++) code[p] = base[p]! & FROM_BRAND ? base[p]! | CREDIT : base[p]!;
  } else {
    // In record order: the records are read in sequence, the codes written by position.
    for (let i = 0; i < n; i++) {
      const p = pos[i]!;
      const b = base[p]!;
      code[p] = b & FROM_BRAND && credit(records[i]!) ? b | CREDIT : b;
    }
  }
  return { records, order, starts, cases, at, code };
}

/** The index of ONE case's records (any order). */
export function indexOneCase(records: readonly MessageRecord[]): CaseIndex {
  const n = records.length;
  const at = new Float64Array(n);
  const code = new Int32Array(n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    at[i] = records[i]!.at;
    code[i] = encode(records[i]!, null);
    order[i] = i;
  }
  const ix: CaseIndex = { records, order, starts: Int32Array.of(0, n), cases: n ? 1 : 0, at, code };
  sortCase(ix, 0, n);
  return ix;
}

/** Compares the messages at positions p and q. */
function cmpPos(ix: CaseIndex, p: number, q: number): number {
  return ix.at[p]! - ix.at[q]! || compareIds(ix.records[ix.order[p]!]!.id, ix.records[ix.order[q]!]!.id);
}

function sortCase(ix: CaseIndex, from: number, to: number): void {
  let sorted = true;
  for (let p = from + 1; p < to; p++) {
    if (cmpPos(ix, p - 1, p) > 0) {
      sorted = false;
      break;
    }
  }
  if (sorted) return;
  const { order, at, code } = ix;
  if (to - from <= 16) {
    // Insertion sort, moving the three columns together.
    for (let p = from + 1; p < to; p++) {
      const o = order[p]!;
      const a = at[p]!;
      const k = code[p]!;
      let q = p - 1;
      while (q >= from && (at[q]! > a || (at[q]! === a && compareIds(ix.records[order[q]!]!.id, ix.records[o]!.id) > 0))) {
        order[q + 1] = order[q]!;
        at[q + 1] = at[q]!;
        code[q + 1] = code[q]!;
        q--;
      }
      order[q + 1] = o;
      at[q + 1] = a;
      code[q + 1] = k;
    }
    return;
  }
  // Sort the positions, then move the three columns along.
  const perm = Array.from({ length: to - from }, (_, k) => from + k).sort((p, q) => cmpPos(ix, p, q));
  const o = perm.map((p) => order[p]!);
  const a = perm.map((p) => at[p]!);
  const k = perm.map((p) => code[p]!);
  order.set(o, from);
  at.set(a, from);
  code.set(k, from);
}
