/**
 * The browser's rate of the team import (issue 9): a few large export files (bench/data.ts
 * history, as bench/team-import-child.ts writes them) imported on the report page of the
 * built extension in Debian's Chromium, from picking the files to the agent table shown
 * (read and checked in the page's workers, merged, written to IndexedDB, report loaded).
 * bench/team.ts runs it (`npm run bench -- --only=team`, after `npx wxt build`); by hand:
 *
 *   node --import tsx bench/team-browser.ts [files=3] [messages per file=40000] [shared=0] [build dir=.output/chrome-mv3]
 *
 * `shared` (0–1): that share of each file is the same customer messages in every file (a
 * shared inbox), so files overlap and merge; 0: each agent's conversations are their own.
 * `build dir`: another build to measure (an A/B against main's build, alternated runs).
 *
 *   TEAM_FILES=dir   keeps the generated files there and reuses them (the same seeds make the
 *                    same files; alternated A/B runs then skip ~1.5 s of writing per file)
 *   TEAM_WRITE_ONLY=1  with TEAM_FILES: writes the files and stops (outside the bench lock)
 *   TEAM_TRACE=file  records a Chrome trace of the import (every thread, CPU samples
 *                    included), saves it and prints where each thread's time went on
 *                    stderr (bench/team-trace.ts; tracing slows everything down)
 *
 * Prints one JSON object (TeamBrowserResult) on stdout.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeExportFile } from '../lib/io/export-format';
import { DEFAULT_SETTINGS } from '../lib/schema/defaults';
import { CHROME_BUILD, launchChromium, openPage } from '../tests/e2e/harness';
import { DAY_MS, generateMessages, toRecord } from './data';
import { startTrace, summariseTrace } from './team-trace';

const END = Date.UTC(2026, 0, 1);

export interface TeamBrowserResult {
  files: number;
  /** Share of each file that every file holds. */
  share: number;
  perFile: number;
  messages: number;
  MB: number;
  /** From picking the files to the agent table shown. */
  ms: number;
  /** From picking the files to the progress bar gone (every file stored). */
  importMs: number;
  /** ms between one file stored and the next, as the page's progress bar shows them. */
  perFileMs: number[];
  msgsPerSecond: number;
  cores: number;
  workers: number;
  marks: string[];
  build: string;
  /** CPU time of every browser process from the pick to the table (Linux; 0 elsewhere): a loaded machine stretches \`ms\`, much less this. */
  cpuMs: number;
}

/**
 * CPU time (user + system, ms) of this process's descendants (the browser's processes),
 * living ones and those already reaped, from /proc.
 */
function browserCpuMs(): number {
  if (process.platform !== 'linux') return 0;
  const tick = 10; // USER_HZ is 100 on Linux
  const procs = new Map<number, { ppid: number; cpu: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      // Fields after the command name, which may hold spaces: state ppid … utime(14) stime(15) cutime(16) cstime(17).
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(d), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * tick });
    } catch {
      // Gone meanwhile.
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = procs.get(pid)?.ppid; p !== undefined && p > 1; p = procs.get(p)?.ppid) if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, p] of procs) if (mine(pid)) total += p.cpu;
  return total;
}

/** Writes the files (or finds them in `dir` from an earlier run with the same sizes). */
async function exportFiles(dir: string, files: number, perFile: number, share: number): Promise<string[]> {
  const common = share > 0 ? generateMessages({ messages: Math.round(perFile * share), seed: 8_999, agents: ['shared'], end: END, spanDays: 730 }).map(toRecord).filter((r) => !r.fromBrand) : [];
  const paths: string[] = [];
  for (let i = 0; i < files; i++) {
    const agent = `agent${i + 1}`;
    const file = path.join(dir, `${agent}-${perFile}-${share}.tmk.jsonl`);
    paths.push(file);
    if (existsSync(file)) continue;
    const own = generateMessages({ messages: perFile - common.length, seed: 9_000 + i, agents: [agent], end: END, spanDays: 730 }).map(toRecord);
    const records = common.length ? [...own, ...common].sort((a, b) => a.at - b.at) : own;
    const exportedAt = Math.max(...records.map((r) => r.updatedAt)) + 60_000;
    const text = await writeExportFile({ agentName: agent, exportedAt, period: { from: END - 730 * DAY_MS, to: exportedAt }, settings: { ...DEFAULT_SETTINGS, agentName: agent }, records, appVersion: '0.4.0' });
    // Whole files only: a run stopped while writing leaves no half file to reuse.
    writeFileSync(`${file}.part`, text);
    renameSync(`${file}.part`, file);
  }
  return paths;
}

async function main() {
  const files = Number(process.argv[2] ?? 3);
  const perFile = Number(process.argv[3] ?? 40_000);
  const share = Number(process.argv[4] ?? 0);
  const build = path.resolve(process.argv[5] ?? CHROME_BUILD);
  const keep = process.env.TEAM_FILES;
  const dir = keep ?? mkdtempSync(path.join(tmpdir(), 'threadmark-team-browser-'));
  if (keep) mkdirSync(keep, { recursive: true });
  if (keep && process.env.TEAM_WRITE_ONLY) {
    await exportFiles(dir, files, perFile, share);
    return;
  }
  const session = await launchChromium({ extensionDir: build });
  try {
    const paths = await exportFiles(dir, files, perFile, share);
    const bytes = paths.reduce((n, f) => n + statSync(f).size, 0);
    const report = await openPage(session.context, session.extensionId, 'report.html');
    // Workers started (they share one URL: count them, not their addresses).
    let workers = 0;
    report.on('worker', () => workers++);
    const cores = await report.evaluate(() => navigator.hardwareConcurrency);
    // When the progress bar counts each file stored, and when it goes (import done; the
    // report then loads): seen from the page, late by whatever the page's thread is busy with.
    await report.evaluate(() => {
      const w = window as unknown as { marks: [number | 'done', number][] };
      w.marks = [[-1, performance.now()]];
      let last: number | 'done' = -1;
      setInterval(() => {
        const bar = document.querySelector('progress');
        const now: number | 'done' = bar ? Number(bar.value) : last === -1 ? -1 : 'done';
        if (now !== last) w.marks.push([(last = now), performance.now()]);
      }, 20);
    });
    const trace = process.env.TEAM_TRACE ? await startTrace(await session.context.newCDPSession(report)) : null;
    const cpuBefore = browserCpuMs();
    const start = performance.now();
    await report.getByLabel('Pick export files').setInputFiles(paths);
    await report.getByRole('table', { name: /Figures per row/ }).waitFor({ timeout: 600_000 });
    const ms = performance.now() - start;
    const cpuMs = browserCpuMs() - cpuBefore;
    if (trace) {
      const events = await trace.stop();
      writeFileSync(process.env.TEAM_TRACE!, JSON.stringify({ traceEvents: events }));
      process.stderr.write(summariseTrace(events, session.extensionId));
    }
    const seen = await report.evaluate(() => (window as unknown as { marks: [number | 'done', number][] }).marks);
    // seen[1] is the bar's first sight (0 stored), close to the pick.
    const marks = seen.slice(1).map(([what, t]) => `${what === 'done' ? 'import done' : `${what} stored`} ${((t - seen[1]![1]) / 1000).toFixed(1)} s`);
    const stored = seen.filter(([what]) => typeof what === 'number' && what >= 0).map(([, t]) => t);
    const perFileMs = stored.slice(1).map((t, i) => t - stored[i]!);
    const done = seen.find(([what]) => what === 'done');
    const importMs = done && seen[1] ? done[1] - seen[1][1] : ms;
    const out: TeamBrowserResult = { files, share, perFile, messages: files * perFile, MB: bytes / 2 ** 20, ms, importMs, perFileMs, msgsPerSecond: (files * perFile) / (ms / 1000), cores, workers, marks, build, cpuMs };
    process.stdout.write(JSON.stringify(out) + '\n');
  } finally {
    await session.close();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

void main();
