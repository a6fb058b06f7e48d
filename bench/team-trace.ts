/**
 * Where the team import's time goes in Chromium (bench/team-browser.ts with TEAM_TRACE=file):
 * a Chrome trace of every process during the import, CPU samples included, summed per
 * thread (the report page's main thread, its reader workers, IndexedDB's threads in the
 * browser): busy time, the functions with the most self time, and the trace events with
 * the most time (inclusive). Saved traces open in chrome://tracing or Perfetto, or:
 *
 *   npx tsx bench/team-trace.ts /tmp/trace.json
 */
import { readFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import type { TraceEvent } from './trace-event';



const CATEGORIES = [
  'toplevel',
  'v8',
  'v8.execute',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-v8.cpu_profiler',
  'disabled-by-default-v8.gc',
  'IndexedDB',
  'blink',
];

export async function startTrace(cdp: CDPSession): Promise<{ stop(): Promise<TraceEvent[]> }> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' } as never);
  return {
    async stop() {
      const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await done;
      return events;
    },
  };
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber?: number };
}

/** Per thread: busy ms (top-level tasks), self ms by function (CPU samples), inclusive ms by event name. */
export function summariseTrace(events: readonly TraceEvent[], extensionId = ''): string {
  const threadName = new Map<string, string>();
  const processName = new Map<number, string>();
  for (const e of events) {
    if (e.ph !== 'M') continue;
    if (e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, String(e.args?.name ?? ''));
    if (e.name === 'process_name') processName.set(e.pid, String(e.args?.name ?? ''));
    if (e.name === 'process_labels') processName.set(e.pid, `${processName.get(e.pid) ?? ''} ${String(e.args?.labels ?? '')}`);
  }
  type Thread = { busy: number; self: Map<string, number>; callers: Map<string, Map<string, number>>; events: Map<string, number>; first: number; last: number };
  const threads = new Map<string, Thread>();
  const thread = (key: string): Thread => {
    let t = threads.get(key);
    if (!t) threads.set(key, (t = { busy: 0, self: new Map(), callers: new Map(), events: new Map(), first: Infinity, last: 0 }));
    return t;
  };
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const t = thread(`${e.pid}:${e.tid}`);
    if (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') t.busy += e.dur / 1000;
    t.events.set(e.name, (t.events.get(e.name) ?? 0) + e.dur / 1000);
    t.first = Math.min(t.first, e.ts);
    t.last = Math.max(t.last, e.ts + e.dur);
  }
  // CPU samples: a Profile event per profiled thread, then chunks of nodes and samples.
  const profiles = new Map<string, { key: string; nodes: Map<number, ProfileNode> }>();
  for (const e of events) {
    if (e.name === 'Profile' && e.id) profiles.set(`${e.pid}:${e.id}`, { key: `${e.pid}:${e.tid}`, nodes: new Map() });
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !e.id) continue;
    const p = profiles.get(`${e.pid}:${e.id}`);
    if (!p) continue;
    const data = e.args?.data as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } | undefined;
    for (const n of data?.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    const t = thread(p.key);
    const label = (n: ProfileNode | undefined) => {
      const f = n?.callFrame;
      const where = f?.url ? ` ${f.url.replace(`chrome-extension://${extensionId}/`, '').replace(/^.*\//, '')}:${(f.lineNumber ?? 0) + 1}` : '';
      return `${f?.functionName || '(anonymous)'}${where}`;
    };
    samples.forEach((id, i) => {
      const n = p.nodes.get(id);
      const name = label(n);
      const ms = Math.max(0, deltas[i] ?? 0) / 1000;
      t.self.set(name, (t.self.get(name) ?? 0) + ms);
      // The three frames above it: who called the hot function.
      const chain: string[] = [];
      for (let up = n?.parent === undefined ? undefined : p.nodes.get(n.parent); up && chain.length < 3; up = up.parent === undefined ? undefined : p.nodes.get(up.parent)) chain.push(label(up));
      let by = t.callers.get(name);
      if (!by) t.callers.set(name, (by = new Map()));
      const c = chain.join(' < ');
      by.set(c, (by.get(c) ?? 0) + ms);
    });
  }
  const top = (m: Map<string, number>, n: number, skip: (k: string) => boolean = () => false) =>
    [...m].filter(([k]) => !skip(k)).sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `      ${v.toFixed(0).padStart(7)} ms  ${k}`).join('\n');
  const out: string[] = [];
  const sorted = [...threads].filter(([, t]) => t.busy > 50 || [...t.self.values()].reduce((a, b) => a + b, 0) > 50).sort((a, b) => b[1].busy - a[1].busy);
  for (const [key, t] of sorted) {
    const pid = Number(key.split(':')[0]);
    const sampled = [...t.self].filter(([k]) => k !== '(idle)').reduce((a, [, v]) => a + v, 0);
    out.push(`${threadName.get(key) ?? key} [${processName.get(pid) ?? pid}]: busy ${t.busy.toFixed(0)} ms over ${((t.last - t.first) / 1000).toFixed(0)} ms; CPU samples (not idle) ${sampled.toFixed(0)} ms`);
    if (t.self.size) out.push('    self time by function:', top(t.self, 25, (k) => k === '(idle)'));
    const hot = [...t.self].filter(([k]) => k !== '(idle)' && k !== '(program)').sort((a, b) => b[1] - a[1]).slice(0, 8);
    for (const [k] of hot) out.push(`    called from (${k}):`, top(t.callers.get(k)!, 3));
    out.push('    trace events (inclusive):', top(t.events, 15));
  }
  return out.join('\n') + '\n';
}

if (process.argv[1]?.endsWith('team-trace.ts') && process.argv[2]) {
  const saved = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { traceEvents: TraceEvent[] };
  process.stdout.write(summariseTrace(saved.traceEvents, process.argv[3]));
}
