/**
 * Facebook content-script cost (real Chromium, production build), same targets as X
 * (bench/content.ts, whose measuring helpers this reuses):
 *
 * - `thread`: a long Page post thread (real conversations as comment threads, replies at
 *   depths 1 and 2) that starts with its first threads and then loads the rest in batches as
 *   "View more comments" does: each batch is an XHR to `/api/graphql/` whose response carries
 *   the batch's comments (exact times, read by the MAIN-world tap), then the batch's markup is
 *   put on the page. WITH and WITHOUT the extension, runs alternated, each run on a new copy
 *   of the thread (moved a day earlier: new ids, so the extension stores new comments).
 * - `tap`: the tap's cost per GraphQL response of 10 kB, 1 MB and 5 MB, fetched by XHR and by
 *   fetch in a page with and without the extension: main-thread time added per response (CDP
 *   TaskDuration over the loop and the tap's deferred parse), time until the page has the
 *   body, long tasks, and whether the page's body is byte-identical to what was served
 *   (SHA-256 in the page against the served bytes).
 * - `bundle`: facebook.js and fb-tap.js sizes (gzip level 9).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { DEFAULT_SETTINGS } from '../lib/schema/defaults';
import { buildComments, buildPostPage, commentNode, threadsHtml, type FbComment } from '../tests/fixtures/facebook/post-page';
import { loadCareConversations, type FixtureConversation } from '../tests/fixtures/x/care-data';
import { CHROME_BUILD, writeSettings } from '../tests/e2e/harness';
import { shiftConversation } from '../tests/e2e/pages';
import { median, withExtension, withoutExtension, type Browser } from './browser';
import { LONGTASKS_INIT, metrics, renderedBars, type RunProbe } from './content';
import type { BenchOptions, BenchResult, Figure } from './report';

const MB = 1024 * 1024;
const SETTLE_MS = 1500;
/** Conversations on the post (their turns are the comments), and how many "View more comments" loads at once. */
const THREADS = 120;
const FIRST_THREADS = 4;
const THREADS_PER_BATCH = 6;
/** Between one batch on the page and the next click (an agent scrolling and clicking fast). */
const BATCH_GAP_MS = 100;
const FB_HOSTS = new Set(['www.facebook.com', 'facebook.com', 'web.facebook.com', 'm.facebook.com', 'business.facebook.com']);

interface ThreadPage {
  url: string;
  html: string;
  pageId: string;
  /** Markup and `/api/graphql/` body of each "View more comments" batch. */
  batches: { html: string; graphql: string }[];
  comments: number;
}

/** Threads in the order of the data, the same every run (some conversations are long, most short). */
export function threadConversations(quick: boolean): FixtureConversation[] {
  const all = loadCareConversations().filter((c) => c.turns.length >= 2);
  return all.slice(0, quick ? 30 : THREADS);
}

/** The thread for run `run`: every conversation moved so the whole post ends `run` days + 1 h before now. */
function threadPage(convs: FixtureConversation[], run: number): ThreadPage {
  const end = Date.now() - 3600_000 - run * 86_400_000;
  // Conversations end one after another, 2 minutes apart, the last at `end`.
  const moved = convs.map((c, i) => shiftConversation(c, end - (convs.length - 1 - i) * 120_000));
  const now = end + 3600_000;
  const first = buildPostPage(moved.slice(0, FIRST_THREADS), { now, depth1: 2 });
  const { comments, pageId, pageName, postId } = buildComments(moved, { now, depth1: 2 });
  const page = { pageId, pageName, postId };
  const batches: ThreadPage['batches'] = [];
  for (let k = FIRST_THREADS; k < moved.length; k += THREADS_PER_BATCH) {
    const tops = new Set(moved.slice(k, k + THREADS_PER_BATCH).map((c) => c.turns[0]!.id));
    const list: FbComment[] = comments.filter((c) => tops.has(c.topId));
    const graphql =
      'for (;;);' +
      JSON.stringify({ data: { node: { __typename: 'Feedback', comment_rendering_instance_for_feed_location: { comments: { edges: list.map((c) => ({ node: commentNode(c, page) })), page_info: { has_next_page: true } } } } }, extensions: { is_final: true } });
    batches.push({ html: threadsHtml(list, page, 'en', now), graphql });
  }
  return { url: first.url, html: first.html, pageId, batches, comments: comments.length };
}

/** Serves the post and its "View more comments" responses for facebook.com; aborts everything else. */
async function serveFacebook(context: BrowserContext, page: ThreadPage, extra: Record<string, string> = {}): Promise<void> {
  await context.unrouteAll({ behavior: 'ignoreErrors' });
  const pathname = new URL(page.url).pathname;
  await context.route('**/*', async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    if (['chrome-extension:', 'data:', 'blob:', 'about:'].includes(url.protocol)) return route.continue();
    if (url.protocol !== 'https:' || !FB_HOSTS.has(url.hostname)) return route.abort('blockedbyclient');
    if (url.pathname === pathname) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: page.html });
    if (url.pathname === '/api/graphql/' && req.method() === 'POST') {
      const form = new URLSearchParams(req.postData() ?? '');
      const key = form.get('bench') ?? '';
      const body = extra[key] ?? page.batches[Number(JSON.parse(form.get('variables') ?? '{}').cursor)]?.graphql;
      return body === undefined ? route.fulfill({ status: 400, body: '' }) : route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
    }
    return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found (bench)' });
  });
}

/**
 * `FB_PROFILE=1`: a CPU profile (CDP Profiler) of every counted run with the extension, and
 * its self time per script and per function of the extension's scripts, logged after the
 * runs: where the content script's time goes (same page, same run as the figures).
 */
const PROFILE = !!process.env.FB_PROFILE;
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; hitCount?: number; children?: number[] }[];
  samples?: number[];
  timeDeltas?: number[];
}
export const PROFILES: CpuProfile[] = [];

export function profileLines(profiles: CpuProfile[]): string[] {
  const byScript = new Map<string, number>();
  const byFn = new Map<string, number>();
  /** Total time (self and callees) of the extension's functions: which entry point costs what. */
  const totalFn = new Map<string, number>();
  const fnName = (n: CpuProfile['nodes'][number]) => `${n.callFrame.url.replace(/^chrome-extension:\/\/[^/]+\//, 'ext:')}:${n.callFrame.functionName || '(anonymous)'}@${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
  for (const p of profiles) {
    const node = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const samples = p.samples ?? [];
    const deltas = p.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      const n = node.get(samples[i]!);
      if (!n) continue;
      const ms = (deltas[i + 1] ?? 0) / 1000 / profiles.length;
      const url = n.callFrame.url;
      const script = url.startsWith('chrome-extension://') ? url.replace(/^chrome-extension:\/\/[^/]+\//, 'ext:') : url ? 'page' : `(${n.callFrame.functionName || 'native'})`;
      byScript.set(script, (byScript.get(script) ?? 0) + ms);
      if (url.startsWith('chrome-extension://')) byFn.set(fnName(n), (byFn.get(fnName(n)) ?? 0) + ms);
      const onStack = new Set<string>();
      for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
        const a = node.get(id)!;
        if (a.callFrame.url.startsWith('chrome-extension://')) onStack.add(fnName(a));
      }
      for (const f of onStack) totalFn.set(f, (totalFn.get(f) ?? 0) + ms);
    }
  }
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, ms]) => `    ${ms.toFixed(1).padStart(7)} ms  ${n}`);
  return [`  profile (self time per run with the extension, mean of ${profiles.length}):`, ...top(byScript, 10), '  extension functions (self):', ...top(byFn, 25), '  extension functions (total, callees included):', ...top(totalFn, 40)];
}

export interface FacebookRun {
  with: boolean;
  taskMs: number;
  scriptMs: number;
  heapAfterGcMB: number;
  longTasks: number;
  longTaskMs: number[];
  loadMs: number;
  commentsInPage: number;
  barsInPage: number;
}

/** Opens the page with the long-task observer, lets it settle, and reads main-thread time through CDP. */
async function openSettled(browser: Browser, tab: Page, url: string) {
  await tab.addInitScript({ content: LONGTASKS_INIT });
  await tab.goto(url, { waitUntil: 'load' });
  await tab.waitForTimeout(SETTLE_MS);
  const cdp = await browser.context.newCDPSession(tab);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return cdp;
}

/** `probe`: started and stopped around the measured window (a trace, bench/facebook-ab.ts). */
export async function threadRun(browser: Browser, convs: FixtureConversation[], run: number, probe?: RunProbe): Promise<FacebookRun> {
  const thread = threadPage(convs, run);
  await serveFacebook(browser.context, thread);
  const tab: Page = await browser.context.newPage();
  try {
    const cdp = await openSettled(browser, tab, thread.url);
    await cdp.send('HeapProfiler.collectGarbage');
    const profiling = PROFILE && browser.extensionId !== null;
    if (profiling) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await probe?.start(cdp);
    const before = await metrics(cdp);
    const t0 = await tab.evaluate(() => performance.now());
    // "View more comments", batch after batch: the request, then the batch on the page when its response is in.
    const loadMs = await tab.evaluate(
      async ({ batches, gap, av }) => {
        const list = document.querySelector('[data-tm-list]')!;
        const start = performance.now();
        for (let k = 0; k < batches.length; k++) {
          await new Promise<void>((resolve) => {
            const x = new XMLHttpRequest();
            x.open('POST', '/api/graphql/');
            x.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
            x.addEventListener('loadend', () => {
              if (x.status === 200 && x.responseText.includes('"Comment"')) list.insertAdjacentHTML('beforeend', batches[k]!);
              resolve();
            });
            x.send(new URLSearchParams({ av, fb_api_req_friendly_name: 'CommentsListComponentsPaginationQuery', variables: JSON.stringify({ cursor: k, count: 50 }) }).toString());
          });
          await new Promise((r) => setTimeout(r, gap));
        }
        return performance.now() - start;
      },
      { batches: thread.batches.map((b) => b.html), gap: BATCH_GAP_MS, av: thread.pageId },
    );
    await tab.waitForTimeout(SETTLE_MS);
    const after = await metrics(cdp);
    await probe?.stop(cdp);
    if (profiling) PROFILES.push(((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile);
    await cdp.send('HeapProfiler.collectGarbage');
    const afterGc = await metrics(cdp);
    const { longTasks, commentsInPage } = await tab.evaluate((since) => {
      const all = (globalThis as unknown as { __longtasks: { start: number; duration: number }[] }).__longtasks;
      return { longTasks: all.filter((e) => e.start >= since).map((e) => e.duration), commentsInPage: document.querySelectorAll('[role="article"][aria-label]').length };
    }, t0);
    const barsInPage = await renderedBars(cdp);
    await cdp.detach();
    if (commentsInPage < thread.comments) throw new Error(`only ${commentsInPage} of ${thread.comments} comments reached the page`);
    return {
      with: browser.extensionId !== null,
      taskMs: ((after.TaskDuration ?? 0) - (before.TaskDuration ?? 0)) * 1000,
      scriptMs: ((after.ScriptDuration ?? 0) - (before.ScriptDuration ?? 0)) * 1000,
      heapAfterGcMB: (afterGc.JSHeapUsedSize ?? 0) / MB,
      longTasks: longTasks.length,
      longTaskMs: longTasks,
      loadMs,
      commentsInPage,
      barsInPage,
    };
  } finally {
    await tab.close();
  }
}

export async function agentSettings(ext: Browser & { extensionId: string }, convs: FixtureConversation[]): Promise<void> {
  // The agent answers for the post's Page, so its comments are brand replies, as in use.
  const { pageId } = buildComments(convs.slice(0, 1));
  await writeSettings(ext.context, ext.extensionId, { ...DEFAULT_SETTINGS, agentName: 'Bench', brandHandles: { x: [], facebook: [pageId] } });
}

export async function threadScenario(pairs: number, quick: boolean, log: (s: string) => void) {
  const convs = threadConversations(quick);
  const [ext, plain] = await Promise.all([withExtension(), withoutExtension()]);
  const runs: FacebookRun[] = [];
  try {
    await agentSettings(ext, convs);
    // One warm-up pair, not counted.
    await threadRun(ext, convs, 1000);
    await threadRun(plain, convs, 1000);
    for (let i = 0; i < pairs; i++) {
      for (const b of i % 2 === 0 ? [ext, plain] : [plain, ext]) {
        const r = await threadRun(b, convs, i);
        runs.push(r);
        log(`  facebook thread run ${i + 1}/${pairs} ${r.with ? 'with   ' : 'without'}: task ${r.taskMs.toFixed(0)} ms, script ${r.scriptMs.toFixed(0)} ms, heap ${r.heapAfterGcMB.toFixed(1)} MB, long tasks ${r.longTasks}${r.longTasks ? ` (${r.longTaskMs.map((d) => d.toFixed(0)).join(', ')} ms)` : ''}, bars ${r.barsInPage}/${r.commentsInPage}`);
      }
    }
  } finally {
    await Promise.all([ext.close(), plain.close()]);
  }
  if (PROFILE) profileLines(PROFILES).forEach((l) => log(l));
  const side = (w: boolean) => {
    const rs = runs.filter((r) => r.with === w);
    return { taskMs: median(rs.map((r) => r.taskMs)), scriptMs: median(rs.map((r) => r.scriptMs)), heapMB: median(rs.map((r) => r.heapAfterGcMB)), longTasks: median(rs.map((r) => r.longTasks)) };
  };
  const w = side(true);
  const wo = side(false);
  const withRuns = runs.filter((r) => r.with);
  const withoutRuns = runs.filter((r) => !r.with);
  const comments = median(withRuns.map((r) => r.commentsInPage));
  return {
    comments,
    batches: Math.ceil((convs.length - FIRST_THREADS) / THREADS_PER_BATCH),
    runs,
    with: w,
    without: wo,
    addedTaskPct: ((w.taskMs - wo.taskMs) / wo.taskMs) * 100,
    perCommentMs: (w.taskMs - wo.taskMs) / comments,
    scriptPerCommentMs: (w.scriptMs - wo.scriptMs) / comments,
    addedHeapMB: w.heapMB - wo.heapMB,
    extensionLongTasks: Math.max(0, ...withRuns.map((r, i) => r.longTasks - (withoutRuns[i]?.longTasks ?? 0))),
    bars: median(withRuns.map((r) => r.barsInPage)),
  };
}

/** A GraphQL body of about `bytes`: streamed documents of comment nodes, as "View more comments" sends. */
export function graphqlBody(bytes: number): string {
  const conv = loadCareConversations().find((c) => c.turns.length >= 4)!;
  const { comments, pageId, pageName, postId } = buildComments([conv], { now: Date.now() });
  const page = { pageId, pageName, postId };
  const docs: string[] = [];
  let size = 'for (;;);'.length;
  for (let n = 0; size < bytes; n++) {
    const c = comments[n % comments.length]!;
    // New ids per copy: a response never repeats a comment.
    const doc = JSON.stringify({ label: 'CommentsListComponentsPaginationQuery$stream', path: ['node', 'comments', 'edges', n], data: { node: commentNode({ ...c, id: `${c.id.slice(0, 10)}${String(n).padStart(6, '0')}` }, page) }, extensions: { is_final: false } });
    docs.push(doc);
    size += doc.length + 1;
  }
  return 'for (;;);' + docs.join('\n');
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

interface TapSide {
  with: boolean;
  sizeKB: number;
  via: 'xhr' | 'fetch';
  /** Main-thread time per response (ms), over the loop and the tap's deferred work after it. */
  taskMsPerResponse: number;
  /** Median time from the request until the page has the whole body as text (ms). */
  bodyMs: number;
  longTasks: number;
  identical: boolean;
}

async function tapSide(browser: Browser, bodies: Record<string, string>, reps: number, log: (s: string) => void): Promise<TapSide[]> {
  const convs = threadConversations(true).slice(0, 1);
  const thread = threadPage(convs, 2000);
  await serveFacebook(browser.context, thread, bodies);
  const tab = await browser.context.newPage();
  const out: TapSide[] = [];
  try {
    const cdp = await openSettled(browser, tab, thread.url);
    for (const [key, body] of Object.entries(bodies)) {
      for (const via of ['xhr', 'fetch'] as const) {
        const before = await metrics(cdp);
        const t0 = await tab.evaluate(() => performance.now());
        const r = await tab.evaluate(
          async ({ key, via, reps }) => {
            const form = () => new URLSearchParams({ av: '1', bench: key, fb_api_req_friendly_name: 'CommentsListComponentsPaginationQuery', variables: '{}' }).toString();
            const get = (): Promise<string> =>
              via === 'fetch'
                ? fetch('/api/graphql/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form() }).then((res) => res.text())
                : new Promise((resolve) => {
                    const x = new XMLHttpRequest();
                    x.open('POST', '/api/graphql/');
                    x.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
                    x.addEventListener('loadend', () => resolve(x.responseText));
                    x.send(form());
                  });
            const times: number[] = [];
            let text = '';
            for (let i = 0; i < reps; i++) {
              const s = performance.now();
              text = await get();
              times.push(performance.now() - s);
              // The tap parses a macrotask later: let it finish before the next request.
              await new Promise((r) => setTimeout(r, 50));
            }
            const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
            return { times, hash: [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('') };
          },
          { key, via, reps },
        );
        await tab.waitForTimeout(300);
        const after = await metrics(cdp);
        const longTasks = await tab.evaluate((since) => (globalThis as unknown as { __longtasks: { start: number }[] }).__longtasks.filter((e) => e.start >= since).length, t0);
        const side: TapSide = {
          with: browser.extensionId !== null,
          sizeKB: body.length / 1024,
          via,
          taskMsPerResponse: (((after.TaskDuration ?? 0) - (before.TaskDuration ?? 0)) * 1000) / reps,
          bodyMs: median(r.times),
          longTasks,
          identical: r.hash === sha256(body),
        };
        out.push(side);
        log(`  tap ${side.with ? 'with   ' : 'without'} ${via.padEnd(5)} ${key.padStart(6)}: ${side.taskMsPerResponse.toFixed(2)} ms main thread per response, body in ${side.bodyMs.toFixed(1)} ms, long tasks ${longTasks}, byte-identical ${side.identical}`);
      }
    }
    await cdp.detach();
  } finally {
    await tab.close();
  }
  return out;
}

export async function tapScenario(quick: boolean, log: (s: string) => void) {
  const bodies: Record<string, string> = { '10kB': graphqlBody(10 * 1024), '1MB': graphqlBody(MB), '5MB': graphqlBody(5 * MB) };
  const reps = quick ? 3 : 10;
  const [ext, plain] = await Promise.all([withExtension(), withoutExtension()]);
  try {
    // Alternated: without, with, with, without.
    const a = await tapSide(plain, bodies, reps, log);
    const b = await tapSide(ext, bodies, reps, log);
    const c = await tapSide(ext, bodies, reps, log);
    const d = await tapSide(plain, bodies, reps, log);
    const all = [...a, ...b, ...c, ...d];
    return Object.keys(bodies).flatMap((key) =>
      (['xhr', 'fetch'] as const).map((via) => {
        const size = bodies[key]!.length / 1024;
        const pick = (w: boolean) => all.filter((s) => s.with === w && s.via === via && s.sizeKB === size);
        const w = pick(true);
        const wo = pick(false);
        return {
          key,
          via,
          addedMs: median(w.map((s) => s.taskMsPerResponse)) - median(wo.map((s) => s.taskMsPerResponse)),
          addedBodyMs: median(w.map((s) => s.bodyMs)) - median(wo.map((s) => s.bodyMs)),
          withMs: median(w.map((s) => s.taskMsPerResponse)),
          withoutMs: median(wo.map((s) => s.taskMsPerResponse)),
          extraLongTasks: Math.max(0, ...w.map((s, i) => s.longTasks - (wo[i]?.longTasks ?? 0))),
          identical: [...w, ...wo].every((s) => s.identical),
        };
      }),
    );
  } finally {
    await Promise.all([ext.close(), plain.close()]);
  }
}

const gzipKB = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

export async function facebookBench(opts: BenchOptions): Promise<BenchResult> {
  const figures: Figure[] = [];
  const section = 'facebook';
  const scripts = path.join(CHROME_BUILD, 'content-scripts');
  for (const name of ['facebook.js', 'fb-tap.js']) {
    const file = path.join(scripts, name);
    figures.push({ section, name: `${name}, gzip`, value: gzipKB(file), unit: 'kB', note: `${(readFileSync(file).length / 1024).toFixed(1)} kB raw` });
  }

  const pairs = opts.quick ? 1 : 5;
  opts.log(`  Facebook content script: a Page post thread loaded by "View more comments", ${pairs} pairs of runs`);
  const t = await threadScenario(pairs, opts.quick, opts.log);
  const what = `thread of ${t.comments} comments in ${t.batches} batches`;
  figures.push(
    {
      section,
      name: `${what}: added main-thread time`,
      value: t.addedTaskPct,
      unit: '%',
      target: { op: '<=', value: 15 },
      baseline: { name: 'page without extension', value: t.without.taskMs, ratio: t.with.taskMs / t.without.taskMs },
      note: `${t.with.taskMs.toFixed(0)} ms with vs ${t.without.taskMs.toFixed(0)} ms without (medians); of the added time, script ${(t.with.scriptMs - t.without.scriptMs).toFixed(0)} ms`,
    },
    { section, name: `${what}: cost per comment`, value: t.perCommentMs, unit: 'ms', target: { op: '<', value: 1 }, note: 'added main-thread time / comments on the page' },
    { section, name: `${what}: our script per comment`, value: t.scriptPerCommentMs, unit: 'ms' },
    { section, name: `${what}: long tasks from the extension`, value: t.extensionLongTasks, unit: 'count', target: { op: '<=', value: 0 } },
    { section, name: `${what}: added JS heap`, value: t.addedHeapMB, unit: 'MB', target: { op: '<', value: 10 } },
    { section, name: `${what}: comments with a rendered bar at the end`, value: t.bars, unit: 'count', note: `of ${t.comments} (bars render near the viewport)` },
  );

  opts.log('  the MAIN-world tap, per /api/graphql/ response');
  const tap = await tapScenario(opts.quick, opts.log);
  for (const r of tap) {
    figures.push(
      {
        section,
        name: `tap, ${r.key} response by ${r.via}: added main-thread time`,
        value: r.addedMs,
        unit: 'ms',
        note: `${r.withMs.toFixed(2)} ms with vs ${r.withoutMs.toFixed(2)} ms without per response; body reaches the page ${r.addedBodyMs >= 0 ? '+' : ''}${r.addedBodyMs.toFixed(1)} ms later; ${r.extraLongTasks} more long tasks`,
      },
      // A changed body fails the section (thrown below); 1 = identical.
      { section, name: `tap, ${r.key} response by ${r.via}: body byte-identical for the page`, value: r.identical ? 1 : 0, unit: 'count', note: 'SHA-256 of the text the page read = SHA-256 of the served bytes, with and without the tap' },
    );
    if (!r.identical) throw new Error(`the ${r.key} ${r.via} response reached the page changed`);
  }
  return { figures, details: { thread: t, tap } };
}
