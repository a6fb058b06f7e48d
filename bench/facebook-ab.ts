/**
 * A/B of content-script builds on the Facebook thread (bench/facebook.ts's `thread` run, its
 * page work unchanged) in one run, so every build sees the same machine load: each unpacked
 * build and no extension take turns (the order rotates every round); medians per build.
 *
 *   npx tsx bench/facebook-ab.ts [--rounds=3] name=dir [name=dir …]
 *
 * e.g. `main=/tmp/build-main branch=.output/chrome-mv3`. `FB_PROFILE=1` adds a CPU profile of
 * every run with an extension (self time per function, all builds together: profile one build
 * at a time). `FB_TRACE_OUT=/tmp/fbt` saves a Chrome trace of each build's and the no-extension
 * runs of the first round (/tmp/fbt-<name>.json), for
 * `TRACE_IN=/tmp/fbt-<build>.json,/tmp/fbt-neither.json npx tsx bench/content-trace.ts` (self
 * time by kind: script, style, layout, paint, GC). Tracing slows the page: those runs' times
 * are for the split, not the figures. Not a section of `npm run bench`; run it under the bench lock.
 */
import type { CDPSession } from 'playwright-core';
import { median, withExtension, withoutExtension, type Browser } from './browser';
import { agentSettings, profileLines, PROFILES, threadConversations, threadRun, type FacebookRun } from './facebook';
import { saveTrace, traceProbe } from './trace-event';

const args = process.argv.slice(2);
const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 3);
const builds = args.filter((a) => !a.startsWith('--')).map((a) => ({ name: a.split('=')[0]!, dir: a.split('=').slice(1).join('=') as string | null }));
if (!builds.length) throw new Error('usage: npx tsx bench/facebook-ab.ts [--rounds=3] name=dir [name=dir …]');
builds.push({ name: 'neither', dir: null });

const TRACE_OUT = process.env.FB_TRACE_OUT;
/** A trace of one run, saved for bench/content-trace.ts's TRACE_IN. */
function savedTraceProbe(file: string, extensionId: string | null) {
  const probe = traceProbe();
  return {
    start: probe.start,
    async stop(cdp: CDPSession) {
      await probe.stop(cdp);
      saveTrace(file, extensionId, probe.events);
    },
  };
}

const convs = threadConversations(false);
const browsers: Browser[] = [];
const runs: FacebookRun[][] = builds.map(() => []);
try {
  for (const b of builds) {
    if (b.dir === null) browsers.push(await withoutExtension());
    else {
      const ext = await withExtension(b.dir);
      await agentSettings(ext, convs);
      browsers.push(ext);
    }
  }
  for (const b of browsers) await threadRun(b, convs, 1000); // warm-up, not counted
  PROFILES.length = 0;
  for (let i = 0; i < rounds; i++) {
    for (let k = 0; k < builds.length; k++) {
      const j = (i + k) % builds.length;
      const b = browsers[j]!;
      const r = await threadRun(b, convs, i, TRACE_OUT && i === 0 ? savedTraceProbe(`${TRACE_OUT}-${builds[j]!.name}.json`, b.extensionId) : undefined);
      runs[j]!.push(r);
      console.log(`  round ${i + 1}/${rounds} ${builds[j]!.name}: task ${r.taskMs.toFixed(0)} ms, script ${r.scriptMs.toFixed(0)} ms, heap ${r.heapAfterGcMB.toFixed(1)} MB, long tasks ${r.longTasks}, bars ${r.barsInPage}/${r.commentsInPage}`);
    }
  }
} finally {
  await Promise.all(browsers.map((b) => b.close()));
}
if (PROFILES.length) profileLines(PROFILES).forEach((l) => console.log(l));
const none = runs[builds.length - 1]!;
const base = { taskMs: median(none.map((r) => r.taskMs)), scriptMs: median(none.map((r) => r.scriptMs)), heapMB: median(none.map((r) => r.heapAfterGcMB)) };
const comments = median(none.map((r) => r.commentsInPage));
console.log(`\nneither: ${base.taskMs.toFixed(0)} ms main-thread time, script ${base.scriptMs.toFixed(0)} ms (medians of ${rounds}), ${comments} comments`);
console.table(
  builds.slice(0, -1).map((b, j) => {
    const rs = runs[j]!;
    const taskMs = median(rs.map((r) => r.taskMs));
    return {
      build: b.name,
      'task ms': +taskMs.toFixed(0),
      'added %': +(((taskMs - base.taskMs) / base.taskMs) * 100).toFixed(1),
      'ms/comment': +((taskMs - base.taskMs) / comments).toFixed(3),
      'script ms/comment': +((median(rs.map((r) => r.scriptMs)) - base.scriptMs) / comments).toFixed(3),
      'long tasks': Math.max(0, ...rs.map((r, i) => r.longTasks - (none[i]?.longTasks ?? 0))),
      'heap MB': +(median(rs.map((r) => r.heapAfterGcMB)) - base.heapMB).toFixed(2),
      bars: median(rs.map((r) => r.barsInPage)),
    };
  }),
);
