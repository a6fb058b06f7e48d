import v8 from 'node:v8';
import type { MessageRecord } from '../lib/schema/records';
import { generateMessages, historyShape, toRecord } from './data';
const n = 200000;
const shape = historyShape(n);
const END = Date.UTC(2026,0,1);
const base: MessageRecord[] = generateMessages({ messages: n, seed: 20260101, end: END, ...shape }).map(toRecord);
function time(name: string, fn: () => unknown, k = 3) { const xs: number[] = []; let out: unknown; for (let i = 0; i < k; i++) { const t = performance.now(); out = fn(); xs.push(performance.now() - t); } console.log(name.padEnd(14), xs.map(x => x.toFixed(0)).join(' ')); }
const variants: Record<string, () => MessageRecord[]> = {
  json: () => { const o: MessageRecord[] = []; for (let i = 0; i < base.length; i += 10000) o.push(...JSON.parse(JSON.stringify(base.slice(i, i + 10000)))); return o; },
  v8: () => { const o: MessageRecord[] = []; for (let i = 0; i < base.length; i += 10000) o.push(...(v8.deserialize(v8.serialize(base.slice(i, i + 10000))) as MessageRecord[])); return o; },
  structured: () => { const o: MessageRecord[] = []; for (let i = 0; i < base.length; i += 10000) o.push(...structuredClone(base.slice(i, i + 10000))); return o; },
};
for (const [name, make] of Object.entries(variants)) {
  let t = performance.now(); const recs = make(); console.log(name, 'clone', (performance.now() - t).toFixed(0));
  time(name + ' chars', () => { let x = 0; for (let i = 0; i < recs.length; i++) { const s = recs[i]!.caseKey; for (let j = 0; j < s.length; j++) x += s.charCodeAt(j); } return x; });
  time(name + ' map', () => { const m = new Map<string, number>(); for (let i = 0; i < recs.length; i++) { const k = recs[i]!.caseKey; if (m.get(k) === undefined) m.set(k, m.size); } return m.size; });
}
