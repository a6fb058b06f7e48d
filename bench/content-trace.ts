/**
 * Where the content script's added main-thread time goes on X's recycled list: the content
 * bench's run (bench/content.ts) under a Chrome trace, with and without the extension,
 * alternated. Every event of the page's main thread gets its self time (minus nested
 * events) and a kind: script, style, layout, paint/composite, GC, HTML parsing, other.
 * Style and layout that run inside a JavaScript call are forced (synchronous): they are
 * credited to the script that forced them (ours, the page's, or the page's ResizeObserver).
 *
 *   npx tsx bench/content-trace.ts [pairs=2] [extensionDir=.output/chrome-mv3] [virtual|kept]
 *   TRACE_OUT=/tmp/t …   also saves each run's trace (/tmp/t-with-0.json, /tmp/t-without-0.json)
 *   TRACE_IN=/tmp/t-with-0.json,/tmp/t-without-0.json npx tsx bench/content-trace.ts   splits saved traces
 *   PROFILE=1 …          a CPU profile of one run with the extension instead (self time per function)
 *
 * Not a section of `npm run bench`: tracing slows the page down, so its figures are for
 * splitting the added time, not for the targets.
 */
import { readFileSync } from 'node:fs';
import { withExtension, withoutExtension } from './browser';
import { oneRun, type RunProbe } from './content';
import { saveTrace, traceProbe, type SavedTrace, type TraceEvent } from './trace-event';

/** Trace events that start work of one kind; events nested in them count as that kind too. */
const KINDS: Record<string, readonly string[]> = {
  style: ['UpdateLayoutTree', 'ParseAuthorStyleSheet'],
  layout: ['Layout'],
  paint: ['Paint', 'PrePaint', 'Layerize', 'Commit', 'UpdateLayer', 'PaintImage', 'Decode Image', 'RasterTask'],
  gc: ['MinorGC', 'MajorGC'],
  html: ['ParseHTML'],
  script: ['FunctionCall', 'EvaluateScript', 'v8.compile', 'v8.callFunction', 'RunMicrotasks', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'v8.run', 'V8.Execute', 'ResizeObserverController::DeliverObservations', 'IntersectionObserverController::computeIntersections'],
};
const kindOf = (name: string): string | null => Object.keys(KINDS).find((k) => KINDS[k]!.includes(name)) ?? (name.includes('GC') ? 'gc' : null);

type Split = Record<string, number>;

/**
 * Self time by kind on the busiest renderer main thread (the page's), forced style and
 * layout (inside a script call) by whose script it was, and how many layouts ran.
 */
function analyse(events: TraceEvent[], extensionId: string | null): { self: Split; forced: Split; counts: Split } {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const busy = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (names.get(key) === 'CrRendererMain' && e.ph === 'X' && e.name === 'RunTask') busy.set(key, (busy.get(key) ?? 0) + (e.dur ?? 0));
  }
  const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  // The main thread's complete events nest properly: walk them with a stack.
  const spans = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self: Split = {};
  const forced: Split = {};
  const counts: Split = {};
  const who = (url: string | undefined) => (url === undefined ? undefined : extensionId && url.includes(extensionId) ? 'extension' : url ? 'page' : 'unknown');
  type Open = { name: string; end: number; start: number; child: number; kind: string | null; owner: string };
  const stack: Open[] = [];
  /** The top-level task open now: its extension script time and its self time by kind, for the long-task split. */
  let task: { extensionMs: number; kinds: Split } | null = null;
  const close = (until: number) => {
    while (stack.length && stack[stack.length - 1]!.end <= until) {
      const s = stack.pop()!;
      const k = s.kind ?? 'other';
      self[k] = (self[k] ?? 0) + (s.end - s.start - s.child) / 1000;
      if (task) task.kinds[k] = (task.kinds[k] ?? 0) + (s.end - s.start - s.child) / 1000;
      if (stack.length) stack[stack.length - 1]!.child += s.end - s.start;
      else if (task && s.end - s.start > 50_000) {
        // A long task (> 50 ms): whose is it, and what was it doing?
        const whose = task.extensionMs > 0 ? 'with extension script' : 'without extension script';
        counts[`long tasks ${whose}`] = (counts[`long tasks ${whose}`] ?? 0) + 1;
        forced[`long tasks ${whose}: extension script ms`] = (forced[`long tasks ${whose}: extension script ms`] ?? 0) + task.extensionMs;
        for (const [kind, ms] of Object.entries(task.kinds)) forced[`long tasks ${whose}: ${kind} ms`] = (forced[`long tasks ${whose}: ${kind} ms`] ?? 0) + ms;
      }
    }
  };
  for (const e of spans) {
    close(e.ts);
    const parent = stack[stack.length - 1];
    const own = kindOf(e.name);
    const url = e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.compile' ? (e.args?.data?.url ?? '') : undefined;
    const owner = who(url) ?? parent?.owner ?? 'unknown';
    if ((own === 'style' || own === 'layout') && stack.some((s) => s.kind === 'script')) {
      const key = `${own} forced by ${owner} script`;
      forced[key] = (forced[key] ?? 0) + (e.dur ?? 0) / 1000;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    if (e.name === 'Layout') counts['layouts, all'] = (counts['layouts, all'] ?? 0) + 1;
    if (e.name === 'FunctionCall' && !stack.some((s) => s.name === 'FunctionCall')) {
      forced[`script calls by ${owner}`] = (forced[`script calls by ${owner}`] ?? 0) + (e.dur ?? 0) / 1000;
      if (owner === 'extension' && task) task.extensionMs += (e.dur ?? 0) / 1000;
    }
    if (!stack.length) task = { extensionMs: 0, kinds: {} };
    stack.push({ name: e.name, start: e.ts, end: e.ts + (e.dur ?? 0), child: 0, kind: own ?? parent?.kind ?? null, owner });
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
  if (process.env.TRACE_IN) {
    // Saved traces (TRACE_OUT of an earlier run): "with.json,without.json".
    const [w, wo] = process.env.TRACE_IN.split(',').map((f) => JSON.parse(readFileSync(f, 'utf8')) as SavedTrace);
    const a = analyse(w!.traceEvents, w!.extensionId);
    const b = analyse(wo!.traceEvents, wo!.extensionId);
    for (const part of ['self', 'forced', 'counts'] as const) {
      const keys = [...new Set([...Object.keys(a[part]), ...Object.keys(b[part])])].sort();
      console.table(keys.map((k) => ({ what: k, with: +(a[part][k] ?? 0).toFixed(1), without: +(b[part][k] ?? 0).toFixed(1), added: +((a[part][k] ?? 0) - (b[part][k] ?? 0)).toFixed(1) })));
    }
    return;
  }
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
        if (process.env.TRACE_OUT) saveTrace(`${process.env.TRACE_OUT}-${b.extensionId ? 'with' : 'without'}-${i}.json`, b.extensionId, probe.events);
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
  console.log('\nforced style/layout and top-level script calls by whose script (ms):');
  console.table(table('forced'));
  console.log('\ncounts: forced style/layout, and all layouts:');
  console.table(table('counts'));
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
