/**
 * Alternated A/B of the browser's team import (bench/team-browser.ts) between two builds,
 * the way issue 9's changes are judged on a shared machine: A, B, B, A, A, B… (each build
 * as often first as second, so a load that drifts weighs on both), the same kept files,
 * and the browser's CPU time beside the wall time (on 2 cores the import is bound by the
 * machine's total CPU, so CPU is the figure to compare). Under the exclusive bench lock:
 *
 *   TEAM_FILES=/tmp/files flock /tmp/bench.lock node --import tsx bench/team-ab.ts <build A> <build B> [rounds=3] [files=10] [messages per file=40000]
 *
 * Prints one line per run (with the 1-minute load) on stderr and one JSON object on
 * stdout: each build's runs and their medians.
 */
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TeamBrowserResult } from './team-browser';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');

interface Run {
  cpuMs: number;
  ms: number;
  importMs: number;
  load: number;
}

async function once(build: string, files: number, perFile: number): Promise<Run> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'team-browser.ts'), String(files), String(perFile), '0', build], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  const r = JSON.parse(stdout) as TeamBrowserResult;
  return { cpuMs: r.cpuMs, ms: Math.round(r.ms), importMs: Math.round(r.importMs), load: loadavg()[0]! };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function main() {
  const [a, b] = [process.argv[2], process.argv[3]];
  const rounds = Number(process.argv[4] ?? 3);
  const files = Number(process.argv[5] ?? 10);
  const perFile = Number(process.argv[6] ?? 40_000);
  if (!a || !b || !(rounds > 0 && files > 0 && perFile > 0)) throw new Error('usage: team-ab <build A> <build B> [rounds] [files] [messages per file]');
  if (!process.env.TEAM_FILES) process.stderr.write('team-ab: TEAM_FILES unset, every run writes its files again (slow)\n');
  const runs: Record<'A' | 'B', Run[]> = { A: [], B: [] };
  for (let i = 0; i < rounds; i++) {
    const order: ('A' | 'B')[] = i % 2 === 0 ? ['A', 'B'] : ['B', 'A'];
    for (const k of order) {
      const r = await once(path.resolve(k === 'A' ? a : b), files, perFile);
      runs[k].push(r);
      process.stderr.write(`${k} cpu ${r.cpuMs} ms, wall ${r.ms} ms, import ${r.importMs} ms, load ${r.load.toFixed(2)}\n`);
    }
  }
  const summary = (k: 'A' | 'B') => ({ build: k === 'A' ? a : b, runs: runs[k], cpuMs: median(runs[k].map((r) => r.cpuMs)), ms: median(runs[k].map((r) => r.ms)) });
  process.stdout.write(`${JSON.stringify({ files, perFile, rounds, A: summary('A'), B: summary('B') })}\n`);
}

void main();
