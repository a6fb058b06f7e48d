/**
 * `npm run bench`: every benchmark, a table of figures with their targets and baseline
 * ratios, and the same in bench/results.json (not committed) so that runs compare.
 *
 *   npm run bench                     all of them (builds the extension first)
 *   npm run bench -- --only=metrics,bundle
 *   npm run bench -- --quick          a smoke run of the benchmark code (small sizes)
 *
 * Sections: metrics (Node), bundle, content (Chromium), popup (Chromium), writes (Chromium),
 * sync (Node + pouchdb-server on loopback), team (Node: import, report at 1M from columns).
 * Exit code 1 if a benchmark failed to run; missed targets are reported, not fatal.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_BIN, ROOT } from '../tests/e2e/harness';
import { bundleBench } from './bundle';
import { contentBench } from './content';
import { facebookBench } from './facebook';
import { metricsBench } from './metrics';
import { popupBench } from './popup';
import { met, table, type BenchOptions, type BenchResult, type Figure } from './report';
import { syncBench } from './sync';
import { teamBench } from './team';
import { writesBench } from './writes';

const SECTIONS: Record<string, (o: BenchOptions) => Promise<BenchResult>> = {
  metrics: metricsBench,
  bundle: bundleBench,
  content: contentBench,
  popup: popupBench,
  writes: writesBench,
  sync: syncBench,
  facebook: facebookBench,
  team: teamBench,
};

function machine() {
  let chromium = 'not found';
  try {
    chromium = execFileSync(CHROMIUM_BIN, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {}
  const cpus = os.cpus();
  return {
    cpu: `${cpus.length} x ${cpus[0]?.model ?? 'unknown'}`,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium,
  };
}

async function main() {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  const unknown = only?.filter((s) => !(s in SECTIONS)) ?? [];
  if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(', ')}; sections: ${Object.keys(SECTIONS).join(', ')}`);
  const names = only ?? Object.keys(SECTIONS);
  const started = Date.now();
  const log = (line: string) => console.log(line);
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  const failures: string[] = [];
  const host = machine();
  log(`Threadmark benchmarks${quick ? ' (quick)' : ''} on ${host.cpu}, ${host.memoryGB} GB, ${host.node}, ${host.chromium}`);
  for (const name of names) {
    const t0 = Date.now();
    log(`\n[${name}]`);
    try {
      const r = await SECTIONS[name]!({ quick, log });
      figures.push(...r.figures);
      details[name] = r.details;
      log(`[${name}] done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    } catch (err) {
      failures.push(name);
      details[name] = { error: String((err as Error)?.stack ?? err) };
      log(`[${name}] FAILED: ${(err as Error)?.stack ?? err}`);
    }
  }
  const out = path.join(ROOT, 'bench/results.json');
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), quick, machine: host, seconds: (Date.now() - started) / 1000, figures, details }, null, 2) + '\n');
  log(`\n${table(figures)}\n`);
  for (const f of figures.filter((f) => f.note)) log(`- ${f.section} / ${f.name}: ${f.note}`);
  const missed = figures.filter((f) => met(f) === false);
  log(`\n${figures.length} figures, ${figures.filter((f) => met(f) === true).length} targets met, ${missed.length} missed${failures.length ? `, ${failures.length} benchmark(s) failed: ${failures.join(', ')}` : ''}; ${((Date.now() - started) / 1000).toFixed(0)} s; JSON in ${path.relative(process.cwd(), out)}`);
  if (failures.length) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
