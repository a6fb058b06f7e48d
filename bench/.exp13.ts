import type { MessageRecord } from '../lib/schema/records';
import { indexCases } from '../lib/metrics/cases';
import { Scratch } from '../lib/metrics/scratch';
import { generateMessages, historyShape, toRecord } from './data';
const n = Number(process.argv[2] ?? 1000000);
const shape = historyShape(n);
const END = Date.UTC(2026,0,1);
let records: MessageRecord[] = generateMessages({ messages: n, seed: 20260101, end: END, ...shape }).map(toRecord);
const cloned: MessageRecord[] = [];
for (let i = 0; i < records.length; i += 10_000) for (const r of JSON.parse(JSON.stringify(records.slice(i, i + 10_000))) as MessageRecord[]) cloned.push(r);
records = cloned;
const sc = new Scratch();
const { Session } = await import('node:inspector/promises');
const session = new Session(); session.connect();
await session.post('Profiler.enable'); await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
for (let i = 0; i < 8; i++) { const t = performance.now(); indexCases(records, null, sc); console.log('index', (performance.now() - t).toFixed(0)); }
const { profile } = await session.post('Profiler.stop');
(await import('node:fs')).writeFileSync(`/tmp/index.cpuprofile`, JSON.stringify(profile));
