import type { MessageRecord } from '../lib/schema/records';
import { generateMessages, historyShape, toRecord } from './data';
const n = Number(process.argv[2] ?? 1000000);
const shape = historyShape(n);
const END = Date.UTC(2026,0,1);
let records: MessageRecord[] = generateMessages({ messages: n, seed: 20260101, end: END, ...shape }).map(toRecord);
const cloned: MessageRecord[] = [];
for (let i = 0; i < records.length; i += 10_000) for (const r of JSON.parse(JSON.stringify(records.slice(i, i + 10_000))) as MessageRecord[]) cloned.push(r);
records = cloned;
function time(name: string, fn: () => unknown) { for (let k = 0; k < 4; k++) { const t = performance.now(); fn(); console.log(name, (performance.now() - t).toFixed(1)); } }
time('plain', () => { let s = 0; for (const r of records) s += r.at + r.caseKey.length; return s; });
time('map', () => { const m = new Map<string, number>(); for (const r of records) { const k = r.caseKey; let c = m.get(k); if (c === undefined) { c = m.size; m.set(k, c); } } return m.size; });
const ST = new Map([['open',1],['pending',2],['escalated',3],['resolved',4]]);
time('statusMap', () => { let s = 0; for (const r of records) { if (r.status !== null) s += ST.get(r.status) ?? 0; if (r.sentiment !== null) s += ST.get(r.sentiment) ?? 0; if (r.queryType !== null) s += ST.get(r.queryType) ?? 0;} return s; });
time('statusSwitch', () => { let s = 0; for (const r of records) { switch (r.status) { case 'open': s+=1; break; case 'pending': s+=2; break; case 'escalated': s+=3; break; case 'resolved': s+=4; break; } } return s; });
function hashStr(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
time('hashOnly', () => { let x = 0; for (const r of records) x ^= hashStr(r.caseKey); return x; });
time('openAddr', () => {
  const N = records.length;
  let size = 1; while (size < N * 2) size <<= 1;
  const table = new Int32Array(size).fill(-1); // case number
  const hashes = new Uint32Array(size);
  const firstRec = new Int32Array(N);
  const caseOf = new Int32Array(N);
  let cases = 0; const mask = size - 1;
  for (let i = 0; i < N; i++) {
    const key = records[i]!.caseKey;
    const h = hashStr(key);
    let slot = h & mask;
    for (;;) {
      const c = table[slot]!;
      if (c < 0) { table[slot] = cases; hashes[slot] = h; firstRec[cases] = i; caseOf[i] = cases++; break; }
      if (hashes[slot] === h && records[firstRec[c]!]!.caseKey === key) { caseOf[i] = c; break; }
      slot = (slot + 1) & mask;
    }
  }
  return cases;
});
