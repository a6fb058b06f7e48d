import { computeFigures, openCases } from '../lib/metrics';
import { DEFAULT_SETTINGS } from '../lib/schema/defaults';
import type { MessageRecord, Settings } from '../lib/schema/records';
import v8 from 'node:v8';
import { generateMessages, historyShape, toRecord, DAY_MS } from './data';
const n = Number(process.argv[2] ?? 1000000);
const shape = historyShape(n);
const END = Date.UTC(2026,0,1);
let t = performance.now();
let records: MessageRecord[] = generateMessages({ messages: n, seed: 20260101, end: END, ...shape }).map(toRecord);
console.log('gen', performance.now() - t); t = performance.now();
const cloned: MessageRecord[] = [];
for (let i = 0; i < records.length; i += 10_000) for (const r of JSON.parse(JSON.stringify(records.slice(i, i + 10_000))) as MessageRecord[]) cloned.push(r);
records = cloned;
console.log('clone', performance.now() - t);
const S: Settings = { ...DEFAULT_SETTINGS, schedule: { timeZone: 'Europe/Bucharest', week: [1,2,3,4,5].map(day => ({day, start:'09:00', end:'18:00'})), holidays: [] } };
const q = { from: END - shape.spanDays * DAY_MS, to: END, now: END };
const which = process.argv[3] ?? 'figures';
for (let i = 0; i < 6; i++) {
  t = performance.now();
  if (which === 'figures') computeFigures(records, S, q); else openCases(records, S, END);
  console.log(which, (performance.now() - t).toFixed(1));
}
