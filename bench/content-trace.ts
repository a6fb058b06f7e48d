/**
 * Where the content script's added main-thread time goes on X's recycled list: the content
 * bench's run (bench/content.ts) under a Chrome trace, with and without the extension,
 * alternated. Every event of the page's main thread gets its self time (minus nested
 * events) and a kind: script, style, layout, paint/composite, GC, HTML parsing, other.
 * Style and layout that run inside a JavaScript call are forced (synchronous): they are
 * credited to the script that forced them (ours, the page's, or the page's ResizeObserver).
 *
 *   npx tsx bench/content-trace.ts [pairs=2] [extensionDir=.output/chrome-mv3] [virtual|kept]
 *
 * Not a section of `npm run bench`: tracing slows the page down, so its figures are for
 * splitting the added time, not for the targets.
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import { withExtension, withoutExtension } from './browser';
import { oneRun, type RunProbe } from './content';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string; stackTrace?: { url: string }[] }; beginData?: { stackTrace?: { url: string }[] } };
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'toplevel', 'v8', 'disabled-by-default-v8.gc'].join(',');

const KIND: Array<[RegExp, string]> = [
  [/^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|ScheduleStyleRecalculation|Document::updateStyleAndLayoutTree|StyleEngine)/, 'style'],
  [/^(Layout|UpdateLayout|LocalFrameView::layout|LayoutShift)/, 'layout'],
  [/^(Paint|PrePaint|Layerize|Commit|UpdateLayer|CompositeLayers|PaintImage|UpdateLayerTree|LocalFrameView::RunPaintLifecyclePhase|Decode)/, 'paint'],
  [/GC|V8\.GC|BlinkGC|MajorGC|MinorGC|GCEvent/, 'gc'],
  [/^(ParseHTML|HTMLDocumentParser)/, 'html'],
  [/^(FunctionCall|EvaluateScript|v8\.|V8\.|TimerFire|EventDispatch|FireAnimationFrame|RunMicrotasks|FireIdleCallback|XHR|v8\.compile|v8\.run|CompileScript|CompileCode|ResizeObserver|IntersectionObserver|MutationObserver|ProfileCall|RunTask.*Script|FunctionCall)/, 'script'],
];
const kindOf = (name: string) => KIND.find(([re]) => re.test(name))?.[1] ?? 'other';

function traceProbe(): RunProbe & { events: TraceEvent[] } {
  const events: TraceEvent[] = [];
  let done: Promise<void> = Promise.resolve();
  return {
    events,
    async start(cdp: CDPSession) {
      cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
      done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES.split(',') }, transferMode: 'ReportEvents' } as never);
    },
    async stop(cdp: CDPSession) {
      await cdp.send('Tracing.end');
      await done;
    },
  };
}

type Split = Record<string, number>;

/** Self time by kind on the busiest renderer main thread, plus forced style/layout by who forced it. */
function analyse(events: TraceEvent[], extensionId: string | null): { self: Split; forced: Split; counts: Split } {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const busy = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (names.get(key) === 'CrRendererMain' && e.ph === 'X' && e.name === 'RunTask') busy.set(key, (busy.get(key) ?? 0) + (e.dur ?? 0));
  }
  const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  // Complete events ('X') and begin/end pairs ('B'/'E') of that thread, as intervals.
  const spans: Array<{ name: string; start: number; end: number; url: string }> = [];
  const open: TraceEvent[] = [];
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main) continue;
    const url = e.args?.data?.url ?? e.args?.data?.stackTrace?.[0]?.url ?? e.args?.beginData?.stackTrace?.[0]?.url ?? '';
    if (e.ph === 'X') spans.push({ name: e.name, start: e.ts, end: e.ts + (e.dur ?? 0), url });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.pop();
      if (b) spans.push({ name: b.name, start: b.ts, end: e.ts, url: b.args?.data?.url ?? b.args?.beginData?.stackTrace?.[0]?.url ?? url });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const self: Split = {};
  const forced: Split = {};
  const counts: Split = {};
  const stack: Array<(typeof spans)[number] & { child: number }> = [];
  const who = (url: string) => (extensionId && url.includes(extensionId) ? 'extension' : url ? 'page' : 'unknown');
  const close = (until: number) => {
    while (stack.length && stack[stack.length - 1]!.end <= until) {
      const s = stack.pop()!;
      const k = kindOf(s.name);
      self[k] = (self[k] ?? 0) + (s.end - s.start - s.child) / 1000;
      if (stack.length) stack[stack.length - 1]!.child += s.end - s.start;
    }
  };
  for (const s of spans) {
    close(s.start);
    const k = kindOf(s.name);
    if (k === 'style' || k === 'layout') {
      const js = [...stack].reverse().find((p) => kindOf(p.name) === 'script');
      if (js) {
        const owner = `${k} forced by ${who(js.url || s.url)} (${js.name})`;
        forced[owner] = (forced[owner] ?? 0) + (s.end - s.start) / 1000;
        counts[owner] = (counts[owner] ?? 0) + 1;
      }
    }
    if (s.name === 'FunctionCall' || s.name === 'EvaluateScript' || s.name === 'v8.compile') {
      const owner = `script top-level by ${who(s.url)}`;
      if (!stack.some((p) => kindOf(p.name) === 'script')) forced[owner] = (forced[owner] ?? 0) + (s.end - s.start) / 1000;
    }
    stack.push({ ...s, child: 0 });
  }
  close(Infinity);
  return { self, forced, counts };
}

/** A sampling CPU profile of the same window: self time by function of the extension's scripts. */
function profileProbe(): RunProbe & { top(extensionId: string): Array<{ fn: string; ms: number }> } {
  let profile: { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }>; samples: number[]; timeDeltas: number[] } | null = null;
  return {
    async start(cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    },
    async stop(cdp) {
      profile = ((await cdp.send('Profiler.stop')) as { profile: NonNullable<typeof profile> }).profile;
    },
    top(extensionId) {
      if (!profile) return [];
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const self = new Map<string, number>();
      profile.samples.forEach((id, i) => {
        const n = byId.get(id);
        if (!n || !n.callFrame.url.includes(extensionId)) return;
        const key = `${n.callFrame.functionName || '(anonymous)'}:${n.callFrame.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + (profile!.timeDeltas[i] ?? 0) / 1000);
      });
      return [...self].map(([fn, ms]) => ({ fn, ms: +ms.toFixed(1) })).sort((a, b) => b.ms - a.ms).slice(0, 25);
    },
  };
}

async function main() {
  if (process.env.PROFILE) {
    const ext = await withExtension(process.argv[3]);
    try {
      await oneRun(ext, 1000, 60);
      const probe = profileProbe();
      const r = await oneRun(ext, 0, process.argv[4] === 'kept' ? null : 60, probe);
      console.log(`task ${r.taskMs.toFixed(0)} ms, script ${r.scriptMs.toFixed(0)} ms`);
      console.table(probe.top(ext.extensionId));
    } finally {
      await ext.close();
    }
    return;
  }
  const pairs = Number(process.argv[2] ?? 2);
  const dir = process.argv[3];
  const keep = process.argv[4] === 'kept' ? null : 60;
  const [ext, plain] = await Promise.all([withExtension(dir), withoutExtension()]);
  const sums = { with: { self: {} as Split, forced: {} as Split, counts: {} as Split, task: 0 }, without: { self: {} as Split, forced: {} as Split, counts: {} as Split, task: 0 } };
  try {
    await oneRun(ext, 1000, keep);
    await oneRun(plain, 1000, keep);
    for (let i = 0; i < pairs; i++) {
      for (const b of i % 2 ? [plain, ext] : [ext, plain]) {
        const probe = traceProbe();
        const r = await oneRun(b, i, keep, probe);
        const a = analyse(probe.events, b.extensionId);
        if (process.env.TRACE_OUT) writeFileSync(`${process.env.TRACE_OUT}-${b.extensionId ? 'with' : 'without'}-${i}.json`, JSON.stringify({ extensionId: b.extensionId, traceEvents: probe.events }));
        const side = b.extensionId ? sums.with : sums.without;
        side.task += r.taskMs / pairs;
        for (const part of ['self', 'forced', 'counts'] as const) for (const [k, v] of Object.entries(a[part])) side[part][k] = (side[part][k] ?? 0) + v / pairs;
        console.log(`run ${i + 1} ${b.extensionId ? 'with   ' : 'without'}: task ${r.taskMs.toFixed(0)} ms, long tasks ${r.longTasks}, bars ${r.barsInPage}/${r.postsInPage}`);
      }
    }
  } finally {
    await Promise.all([ext.close(), plain.close()]);
  }
  const table = (part: 'self' | 'forced' | 'counts') => {
    const keys = [...new Set([...Object.keys(sums.with[part]), ...Object.keys(sums.without[part])])].sort();
    return keys.map((k) => ({ what: k, with: +(sums.with[part][k] ?? 0).toFixed(1), without: +(sums.without[part][k] ?? 0).toFixed(1), added: +((sums.with[part][k] ?? 0) - (sums.without[part][k] ?? 0)).toFixed(1) }));
  };
  console.log(`\nmean TaskDuration: with ${sums.with.task.toFixed(0)} ms, without ${sums.without.task.toFixed(0)} ms`);
  console.log('\nself time by kind (ms, mean per run):');
  console.table(table('self'));
  console.log('\nforced style/layout and top-level script by who caused it (ms):');
  console.table(table('forced'));
  console.log('\ncounts of forced style/layout:');
  console.table(table('counts'));
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
