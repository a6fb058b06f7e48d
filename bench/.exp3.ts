import type { MessageRecord } from '../lib/schema/records';
import { generateMessages, historyShape, toRecord } from './data';
import { STATUSES, SENTIMENTS, QUERY_TYPES, CHANNELS } from '../lib/schema/taxonomy';
const n = Number(process.argv[2] ?? 1000000);
const shape = historyShape(n);
const END = Date.UTC(2026,0,1);
let records: MessageRecord[] = generateMessages({ messages: n, seed: 20260101, end: END, ...shape }).map(toRecord);
const cloned: MessageRecord[] = [];
for (let i = 0; i < records.length; i += 10_000) for (const r of JSON.parse(JSON.stringify(records.slice(i, i + 10_000))) as MessageRecord[]) cloned.push(r);
records = cloned;
const codeOf = <T extends string>(list: readonly T[]) => { const m = new Map<string, number>(list.map((v, i) => [v, i + 1])); return (v: string | null): number => (v === null ? 0 : (m.get(v) ?? 0)); };
const statusIn = codeOf(STATUSES), sentimentIn = codeOf(SENTIMENTS), queryTypeIn = codeOf(QUERY_TYPES), channelIn = codeOf(CHANNELS);
function encode(r: MessageRecord): number {
  let code = r.platform === 'facebook' ? 8 : 0;
  if (r.fromBrand) { code |= 1 | 4; } else if (r.noReplyNeeded) code |= 2;
  if (r.status !== null) code |= statusIn(r.status) << 4;
  if (r.sentiment !== null) code |= sentimentIn(r.sentiment) << 7;
  if (r.queryType !== null) code |= queryTypeIn(r.queryType) << 9;
  if (r.channel !== null) code |= channelIn(r.channel) << 12;
  return code;
}
const N = records.length;
const caseOf = new Int32Array(N), atIn = new Float64Array(N), codeIn = new Int32Array(N), counts = new Int32Array(N), order = new Int32Array(N), at = new Float64Array(N), code = new Int32Array(N);
for (let rep = 0; rep < 5; rep++) {
  let t = performance.now();
  const ids = new Map<string, number>();
  counts.fill(0);
  let lastKey = '', lastCase = -1;
  for (let i = 0; i < N; i++) {
    const r = records[i]!; const key = r.caseKey; let c: number | undefined = lastCase;
    if (key !== lastKey || lastCase < 0) { c = ids.get(key); if (c === undefined) { c = ids.size; ids.set(key, c); } lastKey = key; lastCase = c; }
    caseOf[i] = c; counts[c]!++; atIn[i] = r.at;
  }
  const t1 = performance.now();
  for (let i = 0; i < N; i++) codeIn[i] = encode(records[i]!);
  const t2 = performance.now();
  const cases = ids.size; const starts = new Int32Array(cases + 1);
  for (let c = 0; c < cases; c++) starts[c + 1] = starts[c]! + counts[c]!;
  counts.set(starts.subarray(0, cases));
  for (let i = 0; i < N; i++) { const p = counts[caseOf[i]!]!++; order[p] = i; at[p] = atIn[i]!; code[p] = codeIn[i]!; }
  const t3 = performance.now();
  // sorted check
  let unsorted = 0;
  for (let c = 0; c < cases; c++) for (let p = starts[c]! + 1; p < starts[c + 1]!; p++) { if (at[p - 1]! > at[p]! || (at[p-1] === at[p] && records[order[p-1]!]!.id > records[order[p]!]!.id)) { unsorted++; break; } }
  const t4 = performance.now();
  console.log('map', (t1 - t).toFixed(0), 'encode', (t2 - t1).toFixed(0), 'csort', (t3 - t2).toFixed(0), 'check', (t4 - t3).toFixed(0), unsorted);
}
