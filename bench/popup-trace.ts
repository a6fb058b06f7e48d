/**
 * Where a popup open spends its time on the way to the figures: one store (1k messages in
 * the 60-day window, as bench/popup.ts's A), warm-up opens, then opens under a Chrome
 * trace. Prints, for the popup page's main thread, each task from navigation start to the
 * figures: when it started, how long it ran, and what it was (script evaluated or called,
 * by file; HTML parse; style, layout, paint; IndexedDB success events), and the sampled
 * self time by file and function.
 *
 *   npx tsx bench/popup-trace.ts [build dir=.output/chrome-mv3] [--opens=N] [--base=<other build>] [--quiet] [--open=action|tab]
 *
 * --open: how each popup is opened (bench/popup.ts's OpenMode): `action` (default) as the
 * toolbar icon does, chrome.action.openPopup() into the popup's own view; `tab`, a new tab
 * navigated from about:blank (the older method: its blank page's unload and the driver's
 * injected scripts run in the popup's renderer first).
 *
 * With --base, the other build's popup is opened too (as popup-base.html, bench/popup-ab.ts),
 * alternately, and each open's main-thread CPU time up to the figures (the trace's thread
 * time of its tasks) is compared: unlike wall time, it hardly moves with the load of a
 * shared machine. --quiet prints only those figures.
 *
 * Not a section of `npm run bench`: tracing slows the page, its figures are for seeing the
 * order of the work, not for the targets.
 */
import type { CDPSession } from 'playwright-core';
import { popupHorizon } from '../lib/format/periods';
import { CHROME_BUILD } from '../tests/e2e/harness';
import { ExtensionWriter, withExtension } from './browser';
import { DAY_MS, generateMessages } from './data';
import { fill, INIT_SCRIPT, ME, openActionTimed, openTimed, setAgentName, type OpenMode, type PageTimes } from './popup';
import { mergedBuild } from './popup-ab';
import { median } from './report';
import { rmSync } from 'node:fs';
import type { TraceEvent } from './trace-event';


const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'toplevel', 'v8', 'loading', 'navigation', 'disabled-by-default-v8.cpu_profiler'];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  parent?: number;
}

/**
 * Self time by function (sampled, the trace's CPU profile of the popup's thread) between
 * `from` and `to` (trace clock, µs), summed by file and by function.
 */
function sampled(events: TraceEvent[], pid: number, tid: number, from: number, to: number): { byFile: Map<string, number>; byFunction: Map<string, number> } {
  const nodes = new Map<number, ProfileNode>();
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  if (!profile) return { byFile, byFunction };
  let t = Number((profile.args?.data as { startTime?: number } | undefined)?.startTime ?? 0);
  const id = (profile as unknown as { id: string }).id;
  let last: { node: number; at: number } | null = null;
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || (e as unknown as { id: string }).id !== id) continue;
    const data = e.args?.data as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] };
    for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const samples = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      t += deltas[i] ?? 0;
      if (last && last.at >= from && last.at < to) {
        const n = nodes.get(last.node);
        const f = n?.callFrame;
        const file = f?.url ? short(f.url) : `(${f?.functionName || 'native'})`;
        // A native frame (appendChild, getAll) is named with its JS caller.
        const caller = n?.parent !== undefined && !f?.url ? nodes.get(n.parent)?.callFrame : undefined;
        const via = caller ? ` ← ${short(caller.url)} ${caller.functionName || '(anonymous)'}` : '';
        const fn = `${file} ${f?.functionName || '(anonymous)'}:${f?.lineNumber ?? ''}${via}`;
        const ms = (t - last.at) / 1000;
        byFile.set(file, (byFile.get(file) ?? 0) + ms);
        byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
      }
      last = { node: samples[i]!, at: t };
    }
  }
  return { byFile, byFunction };
}

async function traced(cdp: CDPSession, run: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' } as never);
  await run();
  await cdp.send('Tracing.end');
  await done;
  return events;
}

const short = (url: unknown) => String(url ?? '').replace(/^chrome-extension:\/\/[a-z]+\//, '');

/** What a task did: its most telling nested events, by self time. */
function describeTask(task: TraceEvent, nested: TraceEvent[]): string {
  const parts = new Map<string, number>();
  for (const e of nested) {
    let label: string | null = null;
    const d = e.args?.data;
    if (e.name === 'EvaluateScript' || e.name === 'v8.compileModule' || e.name === 'v8.evaluateModule' || e.name === 'v8.compile') label = `${e.name} ${short(d?.url ?? (e.args as { fileName?: string })?.fileName ?? JSON.stringify(e.args).slice(0, 80))}`;
    else if (e.name === 'FunctionCall') label = `call ${short(d?.url)}${d?.functionName ? ' ' + d.functionName : ''}`;
    else if (e.name === 'EventDispatch') label = `event ${d?.type}`;
    else if (['ParseHTML', 'UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'Commit', 'ParseAuthorStyleSheet', 'MinorGC', 'MajorGC', 'v8.compile', 'TimerFire', 'RunMicrotasks', 'FireAnimationFrame', 'ResourceReceivedData', 'ResourceFinish'].includes(e.name)) label = e.name;
    if (label && e.dur) parts.set(label, (parts.get(label) ?? 0) + e.dur / 1000);
  }
  return [...parts].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([l, ms]) => `${l} ${ms.toFixed(1)}`).join('; ') || task.name;
}

async function main() {
  const argv = process.argv.slice(2);
  const candidate = argv.find((a) => !a.startsWith('--')) ?? CHROME_BUILD;
  const opens = Number(argv.find((a) => a.startsWith('--opens='))?.slice(8) ?? 2);
  const base = argv.find((a) => a.startsWith('--base='))?.slice(7);
  const quiet = argv.includes('--quiet');
  const mode = (argv.find((a) => a.startsWith('--open='))?.slice(7) ?? 'action') as OpenMode;
  const dir = base ? mergedBuild(base, candidate) : candidate;
  const files = base ? ['popup-base.html', 'popup.html'] : ['popup.html'];
  const now = Date.now();
  const horizon = popupHorizon(now);
  const end = now - 2 * 3600_000;
  const recent = generateMessages({ messages: 1_000, seed: 11, agents: [ME], end, spanDays: Math.floor((end - horizon) / DAY_MS) - 1 });
  const browser = await withExtension(dir);
  const results: Record<string, Array<{ wall: number; cpu: number; cpuAfterDcl: number }>> = Object.fromEntries(files.map((f) => [f, []]));
  try {
    const { context, extensionId } = browser;
    await context.addInitScript({ content: INIT_SCRIPT });
    await setAgentName(context, extensionId, ME);
    const writer = await ExtensionWriter.open(context, extensionId);
    await fill(writer, recent, true, () => {}, 'A');
    await new Promise((r) => setTimeout(r, 1_500));
    const open = (f: string) => (mode === 'action' ? openActionTimed(writer.page, recent.length, f) : openTimed(context, extensionId, recent.length, false, f));
    for (let i = 0; i < 3; i++) for (const f of files) await open(f);
    for (let i = 0; i < opens; i++) {
      for (const file of i % 2 ? [...files].reverse() : files) {
        const r = await tracedOpen(context, extensionId, file, quiet, mode === 'action' ? writer.page : null, recent.length);
        results[file]!.push(r);
        if (!quiet) console.log(`${file} open ${i + 1}: figures ${r.wall.toFixed(1)} ms, main-thread CPU from the page's parse to them ${r.cpu.toFixed(1)} ms (${r.cpuAfterDcl.toFixed(1)} after DOMContentLoaded)`);
      }
    }
    await writer.close().catch(() => {});
  } finally {
    await browser.close();
    if (base) rmSync(dir, { recursive: true, force: true });
  }
  for (const f of files) {
    const rs = results[f]!;
    console.log(
      `${f}: median of ${rs.length}: figures ${median(rs.map((r) => r.wall)).toFixed(1)} ms; main-thread CPU from the page's parse to them ${median(rs.map((r) => r.cpu)).toFixed(1)} ms ` +
        `(${median(rs.map((r) => r.cpuAfterDcl)).toFixed(1)} after DOMContentLoaded); raw CPU ${rs.map((r) => r.cpu.toFixed(0)).join(' ')}`,
    );
  }
}

/** One open under a trace: in a new tab (`opener` null), or as the action's popup opened from `opener`. */
async function tracedOpen(
  context: import('playwright-core').BrowserContext,
  extensionId: string,
  file: string,
  quiet: boolean,
  opener: import('playwright-core').Page | null,
  expectedTotal: number,
): Promise<{ wall: number; cpu: number; cpuAfterDcl: number }> {
  const page = opener ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  let rec: PageTimes | null = null;
  const events = await traced(cdp, async () => {
    if (opener) {
      const run = await openActionTimed(opener, expectedTotal, file);
      rec = { figuresAt: run.figuresMs, figuresFrameAt: run.figuresFrameMs, totals: [], domContentLoadedAt: run.domContentLoadedMs, replies: null };
    } else {
      await page.goto(`chrome-extension://${extensionId}/${file}`);
      await page.waitForFunction(() => (window as unknown as { __tmPopup?: PageTimes }).__tmPopup?.figuresFrameAt != null, null, { timeout: 30_000 });
      rec = await page.evaluate(() => (window as unknown as { __tmPopup: PageTimes }).__tmPopup);
    }
    await new Promise((r) => setTimeout(r, 200));
  });
  await cdp.detach().catch(() => {});
  if (!opener) await page.close();
  // The popup's renderer: the process whose main thread ran the popup's scripts.
  const popupScript = events.find((e) => (e.name === 'EvaluateScript' || e.name === 'v8.compileModule') && /^chunks\/popup/.test(short(e.args?.data?.url ?? (e.args as { fileName?: string })?.fileName)));
  if (!popupScript) throw new Error('no popup script in the trace');
  const key = `${popupScript.pid}:${popupScript.tid}`;
  const nav = events.find((e) => e.pid === popupScript.pid && (e.name === 'navigationStart' || e.name === 'markAsMainFrame'));
  const thread = events.filter((e) => `${e.pid}:${e.tid}` === key && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  // Top-level tasks only (ThreadControllerImpl::RunTask nests in RunTask).
  const tops = thread.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const tasks = tops.filter((t) => !tops.some((o) => o !== t && o.ts <= t.ts && o.ts + (o.dur ?? 0) >= t.ts + (t.dur ?? 0) && (o.ts < t.ts || (o.dur ?? 0) > (t.dur ?? 0) || o.name === 'RunTask')));
  const t0 = nav?.ts ?? tasks[0]!.ts;
  const r = rec as PageTimes | null;
  const figuresTs = t0 + (r?.figuresAt ?? 0) * 1000;
  const dclTs = t0 + (r?.domContentLoadedAt ?? 0) * 1000;
  // From the parse of the popup's own page: the harness's blank tab unloads in the same task
  // queue first (sometimes 100+ ms), which a real popup does not have.
  const parse = thread.find((e) => e.name === 'ParseHTML' && String((e.args as { beginData?: { url?: string } })?.beginData?.url ?? '').endsWith(`/${file}`));
  const cpuBetween = (from: number, to: number) => tasks.filter((t) => t.ts >= from && t.ts < to).reduce((sum, t) => sum + (t.tdur ?? t.dur ?? 0) / 1000, 0);
  const result = { wall: r?.figuresAt ?? NaN, cpu: cpuBetween(parse?.ts ?? t0, figuresTs), cpuAfterDcl: cpuBetween(dclTs, figuresTs) };
  if (quiet) return result;
  console.log(`${file}: DOMContentLoaded ${r?.domContentLoadedAt?.toFixed(1)} ms, figures ${r?.figuresAt?.toFixed(1)} ms, painted ${r?.figuresFrameAt?.toFixed(1)} ms (page clock); trace origin ${nav ? nav.name : 'first task'}`);
  for (const t of tasks) {
    const dur = (t.dur ?? 0) / 1000;
    if (dur < 0.5 || t.ts > figuresTs + 20_000) continue;
    const nested = thread.filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0));
    console.log(`  ${((t.ts - t0) / 1000).toFixed(1).padStart(7)} +${dur.toFixed(1).padStart(5)} (cpu ${((t.tdur ?? 0) / 1000).toFixed(1)})  ${describeTask(t, nested)}`);
  }
  const { byFile, byFunction } = sampled(events, popupScript.pid, popupScript.tid, t0, figuresTs);
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `    ${v.toFixed(1).padStart(6)}  ${k}`).join('\n');
  console.log(`  sampled self time, navigation start → figures, by file:\n${top(byFile, 14)}\n  by function:\n${top(byFunction, 25)}`);
  return result;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
