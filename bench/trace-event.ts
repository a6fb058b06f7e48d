import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';

/** One event of a Chrome trace (CDP `Tracing.dataCollected`), the fields the trace scripts read. */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  /** Start, µs. */
  ts: number;
  /** Wall duration of a complete event, µs. */
  dur?: number;
  /** Thread (CPU) time of the event, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown> & {
    name?: string;
    data?: Record<string, unknown> & { url?: string; functionName?: string; type?: string; frame?: string; stackTrace?: { url: string }[] };
    beginData?: { stackTrace?: { url: string }[] };
  };
}

/** The categories bench/content-trace.ts splits a page's main thread by (self time per kind, forced style and layout). */
export const MAIN_THREAD_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'toplevel', 'v8', 'disabled-by-default-v8.gc'];

/** Records a Chrome trace of a measured window (a content run's RunProbe): `events` once `stop` returns. */
export function traceProbe(categories: readonly string[] = MAIN_THREAD_CATEGORIES) {
  const events: TraceEvent[] = [];
  let done: Promise<void> = Promise.resolve();
  return {
    events,
    async start(cdp: CDPSession) {
      cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
      done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.start', { traceConfig: { includedCategories: [...categories] }, transferMode: 'ReportEvents' } as never);
    },
    async stop(cdp: CDPSession) {
      await cdp.send('Tracing.end');
      await done;
    },
  };
}

/** A saved trace, as `TRACE_IN` of bench/content-trace.ts reads it. */
export interface SavedTrace {
  extensionId: string | null;
  traceEvents: TraceEvent[];
}
export function saveTrace(file: string, extensionId: string | null, traceEvents: TraceEvent[]): void {
  writeFileSync(file, JSON.stringify({ extensionId, traceEvents } satisfies SavedTrace));
}
