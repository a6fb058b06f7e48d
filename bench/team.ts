/**
 * The team report at a team's real size (issue 9), in child processes of their own:
 *
 *   - import in the browser: 50 agents × 2 years of export files (~2M messages) picked on
 *     the built report page in Debian's Chromium, until the agent table shows
 *     (bench/team-browser.ts: the page's workers, IndexedDB writes and the report's load
 *     included): the figure a team lead waits for;
 *   - its Node breakdown: the same files read and checked and merged on one thread
 *     (bench/team-import-child.ts), against one plain pass (split + JSON.parse);
 *   - report at 1M messages from columns (bench/team-child.ts): loading page by page, opening
 *     the report, filter changes, against one plain pass over the columns; peak memory is the
 *     child process's own (VmHWM, Linux), loading included;
 *   - the report page's own JavaScript and CSS, gzip (needs `wxt build`, as `npm run bench` does).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { CHROME_BUILD, ROOT } from '../tests/e2e/harness';
import { median, type BenchOptions, type BenchResult, type Figure } from './report';
import type { TeamChildResult } from './team-child';
import type { TeamBrowserResult } from './team-browser';
import type { TeamImportChildResult } from './team-import-child';

const run = promisify(execFile);

async function child<T>(script: string, args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', path.join(ROOT, 'bench', script), ...args], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as T;
}

/** The files report.html loads (script, module preloads, style sheets) and the worker it starts, gzip level 9. */
function reportBundle(dir: string): { kB: number; files: number } {
  const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="(\/[^"]+\.(?:js|css))"/g)].map((m) => path.join(dir, m[1]!));
  if (!refs.some((f) => f.endsWith('.js'))) throw new Error(`report.html in ${dir} loads no script: is it a WXT build?`);
  const workers = readdirSync(path.join(dir, 'assets')).filter((f) => f.startsWith('read-export.worker')).map((f) => path.join(dir, 'assets', f));
  const all = [...new Set([...refs, ...workers])];
  return { kB: all.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0) / 1024, files: all.length };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export async function teamBench(opts: BenchOptions): Promise<BenchResult> {
  const figures: Figure[] = [];
  const [files, perFile] = opts.quick ? [3, 4_000] : [50, 40_000];
  const browser: TeamBrowserResult[] = [];
  if (existsSync(path.join(CHROME_BUILD, 'report.html'))) {
    // The full size takes minutes on a 2-core machine: a 10-file run first gives a figure
    // that is quicker to repeat (same files, same page).
    const sizes: [number, number][] = opts.quick ? [[files, perFile]] : [[10, perFile], [files, perFile]];
    for (const [n, per] of sizes) {
      opts.log(`  team: import of ${n} files × ${per / 1000}k messages in Chromium, report page of the build…`);
      const loadBefore = os.loadavg()[0]!;
      const b = await child<TeamBrowserResult>('team-browser.ts', [String(n), String(per)]);
      browser.push(b);
      // The machine may be shared: its load says how much of the cores the run had.
      const load = `load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after`;
      opts.log(`    ${(b.ms / 1000).toFixed(1)} s to the table (files stored ${(b.importMs / 1000).toFixed(1)} s, ${b.workers} reader worker(s) on ${b.cores} cores; ${load})`);
      const full = n === files && per === perFile;
      figures.push({
        section: 'team report',
        name: `import ${n} agents × 2 years (${b.messages >= 1e6 ? `${(b.messages / 1e6).toFixed(1)}M` : `${b.messages / 1000}k`} msgs, ${b.MB.toFixed(0)} MB) in Chromium: from picking the files to the agent table shown${full ? '' : ' (a smaller size)'}`,
        value: b.ms,
        unit: 'ms',
        ...(opts.quick || !full ? {} : { target: { op: '<', value: 30_000 } as const }),
        note: `every file stored after ${(b.importMs / 1000).toFixed(1)} s, then the report's load ${((b.ms - b.importMs) / 1000).toFixed(1)} s; per file (median of ${b.perFileMs.length}) ${b.perFileMs.length ? median(b.perFileMs).toFixed(0) : '–'} ms; ${b.msgsPerSecond.toFixed(0)} msgs/s; ${b.workers} reader worker(s), ${b.cores} cores; ${load}`,
      });
    }
  } else opts.log(`  team: no build in ${CHROME_BUILD}: the browser import figures are left out (run \`npx wxt build\`)`);
  opts.log(`  team: Node breakdown of the import (read + check + merge, one thread)…`);
  const imp = await child<TeamImportChildResult>('team-import-child.ts', [String(files), String(perFile)]);
  const importMs = sum(imp.read) + sum(imp.merge);
  const base = sum(imp.baseline);
  opts.log(`    read+check ${(sum(imp.read) / 1000).toFixed(1)} s, merge ${(sum(imp.merge) / 1000).toFixed(1)} s, plain pass ${(base / 1000).toFixed(1)} s; ${(imp.bytes / 2 ** 20).toFixed(0)} MB`);
  figures.push(
    {
      section: 'team report',
      name: `import ${files} agents × 2 years (${(imp.messages / 1e6).toFixed(1)}M msgs), breakdown in Node: read + check + merge on one thread, IndexedDB write not included`,
      value: importMs,
      unit: 'ms',
      baseline: { name: 'plain pass (split + JSON.parse)', value: base, ratio: importMs / base },
      note: `per file (median): read and check ${median(imp.read).toFixed(0)} ms, merge ${median(imp.merge).toFixed(0)} ms, plain pass ${median(imp.baseline).toFixed(0)} ms; ${(imp.bytes / 2 ** 20).toFixed(0)} MB of files`,
    },
  );

  const messages = opts.quick ? 20_000 : 1_000_000;
  const rounds = opts.quick ? 2 : 5;
  opts.log(`  team: report at ${messages / 1000}k messages from columns (${rounds} rounds)…`);
  const r = await child<TeamChildResult>('team-child.ts', [String(messages), String(rounds)]);
  const plain = median(r.runs.baseline!);
  // Every filter kind the page has (team-child FILTERS) and the drill-down list: each must be under the target.
  const filterRuns = Object.keys(r.runs).filter((k) => !['baseline', 'open', 'table'].includes(k) && r.runs[k]!.length > 0);
  const byKind = filterRuns.map((k) => ({ k, ms: median(r.runs[k]!), cpu: median(r.cpu[k]!) }));
  const slowest = byKind.reduce((a, b) => (b.ms > a.ms ? b : a));
  const filterChange = median(byKind.map((x) => x.ms));
  const label = messages >= 1e6 ? `${messages / 1e6}M` : `${messages / 1e3}k`;
  figures.push(
    {
      section: 'team report',
      name: `${label} msgs: peak memory of the process, loading and report included (columns)`,
      value: r.memory.peakBeforeReloadMB ?? r.memory.peakRssMB,
      unit: 'MB',
      ...(opts.quick ? {} : { target: { op: '<', value: 600 } as const }),
      note: `columns ${r.memory.columnsMB.toFixed(0)} MB of typed arrays, the team's event log ${r.log.MB.toFixed(0)} MB; peak before the log was recorded ${r.memory.peakAfterLoadMB?.toFixed(0) ?? '–'} MB; JS heap after loading ${r.memory.heapAfterLoadMB.toFixed(0)} MB; ${r.cases} cases, ${r.agents} agents over ${r.spanDays} days; loading took ${(r.loadMs / 1000).toFixed(1)} s (data generation included)`,
    },
    {
      section: 'team report',
      name: `${label} msgs: peak memory of the process with a reload after it (the columns loaded and their log recorded again while the last figures' columns and log are held)`,
      value: r.memory.peakRssMB,
      unit: 'MB',
      note: `the reload's load generates the data again, as the first load does; what the page holds meanwhile is compared alone with TEAM_RELOAD_ONLY=hold|main|figures (bench/team-child.ts)`,
    },
    {
      section: 'team report',
      name: `${label} msgs: recording the team's events once after loading (lib/metrics/column-log; in slices, as the report page records it)`,
      value: r.prepareMs,
      unit: 'ms',
      note: `${r.recording.slices} slices, the longest ${r.recording.longestSliceMs.toFixed(1)} ms (walk ${r.recording.walkMs.toFixed(0)} ms, build and sorts ${r.recording.buildMs.toFixed(0)} ms${r.recording.syncMs === null ? '' : `; in one task ${r.recording.syncMs.toFixed(0)} ms`}); ${r.log.events} events (${Object.entries(r.log.byKind).map(([k, n]) => `${k} ${n}`).join(', ')}), ${r.log.MB.toFixed(0)} MB with the sorted durations and the rank marks`,
    },
    {
      section: 'team report',
      name: `${label} msgs: open the report (table with previous periods, weekly trend, status mix; median of ${rounds})`,
      value: median(r.runs.open!),
      unit: 'ms',
      baseline: { name: 'one plain pass over the columns', value: plain, ratio: median(r.runs.open!) / plain },
      note: `CPU time ${median(r.cpu.open!).toFixed(0)} ms; the table alone ${median(r.runs.table!).toFixed(0)} ms (CPU ${median(r.cpu.table!).toFixed(0)} ms)`,
    },
    {
      section: 'team report',
      name: `${label} msgs: a filter change, the slowest kind (${slowest.k}; each kind the median of ${rounds})`,
      value: slowest.ms,
      unit: 'ms',
      ...(opts.quick ? {} : { target: { op: '<', value: 200 } as const }),
      baseline: { name: 'one plain pass over the columns', value: plain, ratio: slowest.ms / plain },
      note: `each kind recomputes the table with previous periods and every chart: ${byKind.map((x) => `${x.k} ${x.ms.toFixed(0)}`).join(', ')} ms; CPU time of the process (less sensitive to a loaded machine): ${byKind.map((x) => `${x.k} ${x.cpu.toFixed(0)}`).join(', ')} ms`,
    },
    {
      section: 'team report',
      name: `${label} msgs: a filter change, median over the kinds`,
      value: filterChange,
      unit: 'ms',
      ...(opts.quick ? {} : { target: { op: '<', value: 200 } as const }),
      baseline: { name: 'one plain pass over the columns', value: plain, ratio: filterChange / plain },
    },
  );
  if (existsSync(path.join(CHROME_BUILD, 'report.html'))) {
    const b = reportBundle(CHROME_BUILD);
    figures.push({ section: 'team report', name: `report page JavaScript + CSS + reader worker, gzip (${b.files} files)`, value: b.kB, unit: 'kB' });
  } else opts.log(`  team: no build in ${CHROME_BUILD}: the report bundle figure is left out (run \`npx wxt build\`)`);
  return { figures, details: { browserImport: browser, import: imp, report: r } };
}
