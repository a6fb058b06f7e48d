import type { MessageRecord } from '../lib/schema/records';
import { generateMessages, historyShape, toRecord } from './data';
const n = Number(process.argv[2] ?? 1000000);
const shape = historyShape(n);
const END = Date.UTC(2026,0,1);
let records: MessageRecord[] = generateMessages({ messages: n, seed: 20260101, end: END, ...shape }).map(toRecord);
const cloned: MessageRecord[] = [];
for (let i = 0; i < records.length; i += 10_000) for (const r of JSON.parse(JSON.stringify(records.slice(i, i + 10_000))) as MessageRecord[]) cloned.push(r);
records = cloned;
const N = records.length;
const caseOf = new Int32Array(N), atIn = new Float64Array(N), counts = new Int32Array(N);
function withLast() {
  const ids = new Map<string, number>(); let lastKey = '', lastCase = -1;
  for (let i = 0; i < N; i++) { const r = records[i]!; const key = r.caseKey; let c: number | undefined = lastCase;
    if (key !== lastKey || lastCase < 0) { c = ids.get(key); if (c === undefined) { c = ids.size; ids.set(key, c); } lastKey = key; lastCase = c; }
    caseOf[i] = c; counts[c]!++; atIn[i] = r.at; }
  return ids.size;
}
function noLast() {
  const ids = new Map<string, number>();
  for (let i = 0; i < N; i++) { const r = records[i]!; const key = r.caseKey; let c = ids.get(key); if (c === undefined) { c = ids.size; ids.set(key, c); }
    caseOf[i] = c; counts[c]!++; atIn[i] = r.at; }
  return ids.size;
}
function lastObj() {
  // same-record-object-chain check: compare rootId & customer? no: compare previous record's caseKey by identity first
  const ids = new Map<string, number>(); let lastKey = '', lastCase = -1;
  for (let i = 0; i < N; i++) { const r = records[i]!; const key = r.caseKey; let c: number | undefined;
    if (key.length === lastKey.length && key === lastKey) c = lastCase; else { c = ids.get(key); if (c === undefined) { c = ids.size; ids.set(key, c); } lastKey = key; lastCase = c; }
    caseOf[i] = c; counts[c]!++; atIn[i] = r.at; }
  return ids.size;
}
const fns: Record<string, () => number> = { withLast, noLast, lastObj };
for (let rep = 0; rep < 3; rep++) for (const [k, f] of Object.entries(fns)) { counts.fill(0); const t = performance.now(); f(); console.log(k, (performance.now() - t).toFixed(0)); }
