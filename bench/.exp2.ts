import type { MessageRecord, Settings } from '../lib/schema/records';
import { DEFAULT_SETTINGS } from '../lib/schema/defaults';
import { indexCases } from '../lib/metrics/cases';
import { computeFigures, openCases } from '../lib/metrics';
import { generateMessages, historyShape, toRecord, DAY_MS } from './data';
const n = Number(process.argv[2] ?? 1000000);
const shape = historyShape(n);
const END = Date.UTC(2026,0,1);
let records: MessageRecord[] = generateMessages({ messages: n, seed: 20260101, end: END, ...shape }).map(toRecord);
const cloned: MessageRecord[] = [];
for (let i = 0; i < records.length; i += 10_000) for (const r of JSON.parse(JSON.stringify(records.slice(i, i + 10_000))) as MessageRecord[]) cloned.push(r);
records = cloned;
const S: Settings = { ...DEFAULT_SETTINGS, schedule: { timeZone: 'Europe/Bucharest', week: [1,2,3,4,5].map(day => ({day, start:'09:00', end:'18:00'})), holidays: [] } };
const C: Settings = { ...S, schedule: null };
const q = { from: END - shape.spanDays * DAY_MS, to: END, now: END };
function time(name: string, fn: () => unknown, k = 5) { const xs: number[] = []; for (let i = 0; i < k; i++) { const t = performance.now(); fn(); xs.push(performance.now() - t); } console.log(name.padEnd(12), xs.map(x => x.toFixed(0)).join(' ')); }
for (let rep = 0; rep < 2; rep++) {
time('index', () => indexCases(records));
time('figuresBiz', () => computeFigures(records, S, q));
time('figuresCal', () => computeFigures(records, C, q));
time('open', () => openCases(records, S, END));
}
