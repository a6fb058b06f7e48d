import type { MessageRecord, Settings } from '../lib/schema/records';
import { DEFAULT_SETTINGS } from '../lib/schema/defaults';
import { indexCases } from '../lib/metrics/cases';
import { Scratch } from '../lib/metrics/scratch';
import { computeFigures, openCases } from '../lib/metrics';
import { generateMessages, historyShape, toRecord, DAY_MS } from './data';
const n = Number(process.argv[2] ?? 1000000);
const shape = historyShape(n);
const END = Date.UTC(2026,0,1);
let records: MessageRecord[] = generateMessages({ messages: n, seed: 20260101, end: END, ...shape }).map(toRecord);
const cloned: MessageRecord[] = [];
for (let i = 0; i < records.length; i += 10_000) for (const r of JSON.parse(JSON.stringify(records.slice(i, i + 10_000))) as MessageRecord[]) cloned.push(r);
records = cloned;
if (process.argv[3] === 'grouped') records.sort((a, b) => (a.caseKey < b.caseKey ? -1 : a.caseKey > b.caseKey ? 1 : 0));
const S: Settings = { ...DEFAULT_SETTINGS, schedule: { timeZone: 'Europe/Bucharest', week: [1,2,3,4,5].map(day => ({day, start:'09:00', end:'18:00'})), holidays: [] } };
const C: Settings = { ...S, schedule: null };
const q = { from: END - shape.spanDays * DAY_MS, to: END, now: END };
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const sc = new Scratch();
const R: Record<string, number[]> = { index: [], biz: [], cal: [], open: [] };
for (let i = 0; i < 7; i++) {
  let t = performance.now(); indexCases(records, null, sc); R.index!.push(performance.now() - t);
  t = performance.now(); computeFigures(records, S, q); R.biz!.push(performance.now() - t);
  t = performance.now(); computeFigures(records, C, q); R.cal!.push(performance.now() - t);
  t = performance.now(); openCases(records, S, END); R.open!.push(performance.now() - t);
}
for (const [k, v] of Object.entries(R)) console.log(k.padEnd(6), 'median', med(v).toFixed(0), v.map(x => x.toFixed(0)).join(' '));
