/**
 * The metrics engine at 10k, 100k and 1M messages (Node). Each size runs in a child process
 * of its own (bench/metrics-child.ts) so that its memory peak is its own.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../tests/e2e/harness';
import type { MetricsChildResult } from './metrics-child';
import { median, type BenchOptions, type BenchResult, type Figure } from './report';

const run = promisify(execFile);

async function measure(messages: number, rounds: number, mode: 'records' | 'columns' = 'records'): Promise<MetricsChildResult> {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', path.join(ROOT, 'bench/metrics-child.ts'), String(messages), String(rounds), mode],
    { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as MetricsChildResult;
}

const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);

export async function metricsBench(opts: BenchOptions): Promise<BenchResult> {
  const sizes = opts.quick ? [1_000, 10_000] : [10_000, 100_000, 1_000_000];
  const rounds = opts.quick ? 3 : 7;
  const results: MetricsChildResult[] = [];
  for (const n of sizes) {
    opts.log(`  metrics: ${label(n)} messages (${rounds} rounds)…`);
    const r = await measure(n, rounds);
    opts.log(`    all figures ${r.runs.all!.map((t) => t.toFixed(0)).join(' ')} ms; baseline ${r.runs.baseline!.map((t) => t.toFixed(0)).join(' ')} ms; peak RSS ${r.memory.peakRssMB.toFixed(0)} MB`);
    results.push(r);
  }
  const figures: Figure[] = [];
  const largest = results[results.length - 1]!;
  for (const r of results) {
    const all = median(r.runs.all!);
    const base = median(r.runs.baseline!);
    const isLargest = r === largest && !opts.quick;
    figures.push({
      section: 'metrics engine',
      name: `${label(r.messages)} msgs: all figures + open cases (median of ${r.rounds})`,
      value: all,
      unit: 'ms',
      ...(isLargest ? { target: { op: '<', value: 1000 } as const } : {}),
      baseline: { name: 'one plain pass', value: base, ratio: all / base },
      note: `${r.cases} cases, ${r.agents} agent(s) over ${r.spanDays} days; first run ${r.runs.all![0]!.toFixed(0)} ms`,
    });
    figures.push({
      section: 'metrics engine',
      name: `${label(r.messages)} msgs: another period or filter on the same data`,
      value: median([...r.runs.anotherPeriod!, ...r.runs.oneAgent!]),
      unit: 'ms',
      baseline: { name: 'one plain pass', value: base, ratio: median([...r.runs.anotherPeriod!, ...r.runs.oneAgent!]) / base },
    });
  }
  // Growth: each size is 10x the previous one.
  for (let i = 1; i < results.length; i++) {
    const [a, b] = [results[i - 1]!, results[i]!];
    const growth = median(b.runs.all!) / median(a.runs.all!);
    const baseGrowth = median(b.runs.baseline!) / median(a.runs.baseline!);
    figures.push({
      section: 'metrics engine',
      name: `time growth ${label(a.messages)} -> ${label(b.messages)} (${(b.messages / a.messages).toFixed(0)}x data)`,
      value: growth,
      unit: 'x',
      target: { op: '<=', value: 12 * (b.messages / a.messages / 10) },
      baseline: { name: 'plain pass growth', value: baseGrowth, ratio: growth / baseGrowth },
    });
  }
  const m = largest.memory;
  // The same data loaded into columns (lib/metrics/columns), as the team report holds it.
  opts.log(`  metrics: ${label(largest.messages)} messages as columns (${rounds} rounds)…`);
  const col = await measure(largest.messages, rounds, 'columns');
  opts.log(`    figures ${col.runs.figures!.map((t) => t.toFixed(0)).join(' ')} ms; peak RSS ${col.memory.peakRssMB.toFixed(0)} MB`);
  figures.push(
    {
      section: 'metrics engine',
      name: `${label(largest.messages)} msgs: peak memory of the process, data as columns (records dropped)`,
      value: col.memory.peakRssMB,
      unit: 'MB',
      ...(opts.quick ? {} : { target: { op: '<', value: 600 } as const }),
      note: `columns ${col.memory.recordsHeapMB.toFixed(0)} MB of typed arrays; RSS before computing ${col.memory.rssWithRecordsMB.toFixed(0)} MB; all figures ${median(col.runs.figures!).toFixed(0)} ms (records: ${median(largest.runs.figures!).toFixed(0)} ms)`,
    },
    {
      section: 'metrics engine',
      name: `${label(largest.messages)} msgs: peak memory of the process, records held (for comparison)`,
      value: m.peakRssMB,
      unit: 'MB',
      note: `records alone: ${m.recordsHeapMB.toFixed(0)} MB of JS heap (${((m.recordsHeapMB * 1024 * 1024) / largest.messages).toFixed(0)} B per message, texts included)`,
    },
    {
      section: 'metrics engine',
      name: `${label(largest.messages)} msgs: memory the engine allocates`,
      value: m.engineAllocatedMB,
      unit: 'MB',
      ...(opts.quick ? {} : { target: { op: '<', value: 600 } as const }),
      note: 'JS heap + array buffers allocated by one figures + open cases call, garbage included',
    },
  );
  return { figures, details: { records: results, columns: col } };
}
