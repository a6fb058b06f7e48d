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
function time(name: string, fn: () => unknown, k = 5) { const xs: number[] = []; let out: unknown; for (let i = 0; i < k; i++) { const t = performance.now(); out = fn(); xs.push(performance.now() - t); } console.log(name.padEnd(12), xs.map(x => x.toFixed(0)).join(' '), out); }
const full = new Map<string, number>(); for (const r of records) if (!full.has(r.caseKey)) full.set(r.caseKey, full.size);



function cheap(s: string): number {
  const L = s.length;
  let h = Math.imul(L, 0x9e3779b1);
  for (let i = L - 1, e = Math.max(0, L - 24); i >= e; i--) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
time('cheapHash', () => { let x = 0; for (let i = 0; i < N; i++) x ^= cheap(records[i]!.caseKey); return x; });
const firstRec = new Int32Array(N), caseOf = new Int32Array(N);
time('openAddrCheap', () => {
  let size = 1; while (size < N * 2) size <<= 1;
  const table = new Int32Array(size).fill(-1);
  const hashes = new Int32Array(size);
  let cases = 0; const mask = size - 1;
  for (let i = 0; i < N; i++) {
    const key = records[i]!.caseKey; const h = cheap(key) | 0;
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
time('sumChars', () => { let x = 0; for (let i = 0; i < N; i++) { const s = records[i]!.caseKey; for (let j = 0; j < s.length; j++) x += s.charCodeAt(j); } return x; });
const keys = records.map(r => r.caseKey);
time('sumCharsArr', () => { let x = 0; for (let i = 0; i < N; i++) { const s = keys[i]!; for (let j = 0; j < s.length; j++) x += s.charCodeAt(j); } return x; });
const flat = keys.map(k => (' ' + k).slice(1));
import { } from 'node:v8';
const v8 = await import('node:v8');
console.log((v8 as any).default ? 'v8' : '');
