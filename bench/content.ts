/**
 * Content-script cost on X (real Chromium): a long real conversation whose page script
 * inserts 1,000 replies in batches (10 every 16 ms, as X's virtual list adds cells while
 * the agent scrolls), loaded in a browser WITH the extension and in one WITHOUT it, the two
 * alternated run after run (with, without, without, with, …) so drift hits both alike.
 *
 * Two ways X keeps cells:
 * - `virtual`: X's real behaviour: after each batch only the last 60 cells stay in the page
 *   (recycle), and the window follows the newest posts (scrolling).
 * - `kept`: every post stays in the page (a worst case: 1,000+ posts at once).
 *
 * Per run, over the insertion and a 1.5 s settle after it (the extension's writes and bar
 * renders finish there): CDP Performance.getMetrics deltas (TaskDuration = main-thread busy
 * time, ScriptDuration), long tasks (PerformanceObserver 'longtask', buffered, in the page),
 * and the JS heap after a forced GC (JSHeapUsedSize; the content script's isolated world
 * lives in the page's heap).
 *
 * Every run loads a different copy of the thread (moved a day earlier each run: new ids)
 * so that the extension stores new posts every time, as on a thread seen for the first time.
 */
import path from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { loadCareConversations } from '../tests/fixtures/x/care-data';
import { buildConversationModel } from '../tests/fixtures/x/conversation-page';
import { shiftConversation } from '../tests/e2e/pages';
import { CHROME_BUILD, ROOT, serveX } from '../tests/e2e/harness';
import { median, withExtension, withoutExtension, type Browser } from './browser';
import { longestConversation } from './data';
import type { BenchOptions, BenchResult, Figure } from './report';

export interface ContentRun {
  with: boolean;
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  heapAfterGcMB: number;
  heapGrowthMB: number;
  longTasks: number;
  longTaskMs: number[];
  insertMs: number;
  postsInPage: number;
  barsInPage: number;
  /** What was active on the page: style elements in it, and whether Control Panel for Twitter's content script ran (its #cpftSettings). */
  pageStyles: number;
  peerScriptLoaded: boolean;
  /** Control Panel for Twitter found X's app wrapper (`#layers + div`) and started its observers: it marks the body Desktop or Mobile then. */
  peerObserving: boolean;
}

export interface ContentScenarioResult {
  scenario: 'virtual' | 'kept';
  posts: number;
  keep: number | null;
  runs: ContentRun[];
  /** Medians over the runs of each side. */
  with: { taskMs: number; scriptMs: number; heapMB: number; longTasks: number };
  without: { taskMs: number; scriptMs: number; heapMB: number; longTasks: number };
  addedTaskMs: number;
  addedTaskPct: number;
  perPostMs: number;
  addedHeapMB: number;
  /** Long tasks in runs with the extension beyond those of the matching runs without (max over pairs). */
  extensionLongTasks: number;
  barsExpected: number;
  barsSeen: number;
}

const MB = 1024 * 1024;
const POSTS = 1000;
const SETTLE_MS = 1500;

export function pageFor(run: number, keep: number | null) {
  const conv = longestConversation(loadCareConversations());
  // A different copy of the thread per run, each a day earlier, ending a week ago.
  const moved = shiftConversation(conv, Date.UTC(2025, 5, 1) - run * 86_400_000);
  const model = buildConversationModel(moved, {
    focusIndex: 0,
    extraReplies: 12,
    discoverMore: true,
    loggedInAs: conv.brand,
    ...(keep ? { recycle: keep } : {}),
  });
  return { url: model.url, html: model.html, path: new URL(model.url).pathname };
}

export const LONGTASKS_INIT = `
  globalThis.__longtasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) globalThis.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
`;

export async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

interface DomNode {
  nodeName: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

/**
 * Bars with controls in the page. Their shadow roots are closed, so the page cannot count
 * them; the DevTools protocol's pierced DOM tree can (read after the measurement).
 */
export async function renderedBars(cdp: CDPSession): Promise<number> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const hasButton = (n: DomNode): boolean => n.nodeName === 'BUTTON' || !!n.children?.some(hasButton);
  let count = 0;
  const walk = (n: DomNode) => {
    if (n.nodeName === 'THREADMARK-BAR' && n.shadowRoots?.some(hasButton)) count++;
    n.children?.forEach(walk);
    n.shadowRoots?.forEach(walk);
  };
  walk(root);
  return count;
}

/** Hooks around the measured window (insertion and settle), e.g. a CDP trace (bench/content-trace.ts). */
export interface RunProbe {
  start(cdp: CDPSession): Promise<void>;
  stop(cdp: CDPSession): Promise<void>;
}

export async function oneRun(browser: Browser, run: number, keep: number | null, probe?: RunProbe): Promise<ContentRun> {
  const context: BrowserContext = browser.context;
  const page = pageFor(run, keep);
  await context.unrouteAll({ behavior: 'ignoreErrors' });
  await serveX(context, { [page.path]: page.html });
  const tab: Page = await context.newPage();
  try {
    await tab.addInitScript({ content: LONGTASKS_INIT });
    await tab.goto(page.url, { waitUntil: 'load' });
    await tab.waitForFunction(() => (window as unknown as { __fixture?: { ready: boolean } }).__fixture?.ready === true);
    // Let the page (and the extension, when there) finish with the initial posts.
    await tab.waitForTimeout(SETTLE_MS);
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await cdp.send('HeapProfiler.collectGarbage');
    await probe?.start(cdp);
    const before = await metrics(cdp);
    const t0 = await tab.evaluate(() => performance.now());
    const insertMs = await tab.evaluate(
      async ({ posts, follow }) => {
        const fx = (window as unknown as { __fixture: { insertPostsNow(n: number): string[] } }).__fixture;
        const start = performance.now();
        for (let done = 0; done < posts; done += 10) {
          fx.insertPostsNow(Math.min(10, posts - done));
          if (follow) window.scrollTo(0, document.documentElement.scrollHeight);
          await new Promise((r) => setTimeout(r, 16));
        }
        return performance.now() - start;
      },
      { posts: POSTS, follow: keep !== null },
    );
    await tab.waitForTimeout(SETTLE_MS);
    const after = await metrics(cdp);
    await probe?.stop(cdp);
    await cdp.send('HeapProfiler.collectGarbage');
    const afterGc = await metrics(cdp);
    const { longTasks, postsInPage, pageStyles, peerScriptLoaded, peerObserving } = await tab.evaluate((since) => {
      const all = (globalThis as unknown as { __longtasks: { start: number; duration: number }[] }).__longtasks;
      return {
        longTasks: all.filter((e) => e.start >= since).map((e) => e.duration),
        postsInPage: document.querySelectorAll('article[data-testid="tweet"]').length,
        pageStyles: document.querySelectorAll('style').length,
        peerScriptLoaded: !!document.getElementById('cpftSettings'),
        peerObserving: document.body.classList.contains('Desktop') || document.body.classList.contains('Mobile'),
      };
    }, t0);
    const barsInPage = await renderedBars(cdp);
    await cdp.detach();
    return {
      with: browser.extensionId !== null,
      taskMs: ((after.TaskDuration ?? 0) - (before.TaskDuration ?? 0)) * 1000,
      scriptMs: ((after.ScriptDuration ?? 0) - (before.ScriptDuration ?? 0)) * 1000,
      layoutMs: ((after.LayoutDuration ?? 0) - (before.LayoutDuration ?? 0)) * 1000,
      styleMs: ((after.RecalcStyleDuration ?? 0) - (before.RecalcStyleDuration ?? 0)) * 1000,
      heapAfterGcMB: (afterGc.JSHeapUsedSize ?? 0) / MB,
      heapGrowthMB: ((afterGc.JSHeapUsedSize ?? 0) - (before.JSHeapUsedSize ?? 0)) / MB,
      longTasks: longTasks.length,
      longTaskMs: longTasks,
      insertMs,
      postsInPage,
      barsInPage,
      pageStyles,
      peerScriptLoaded,
      peerObserving,
    };
  } finally {
    await tab.close();
  }
}

export async function contentScenario(
  scenario: 'virtual' | 'kept',
  pairs: number,
  log: (s: string) => void = () => {},
  extensionDir?: string,
): Promise<ContentScenarioResult> {
  const keep = scenario === 'virtual' ? 60 : null;
  const [ext, plain] = await Promise.all([withExtension(extensionDir), withoutExtension()]);
  const runs: ContentRun[] = [];
  try {
    // One warm-up pair (first page load, code caches), not counted.
    await oneRun(ext, 1000, keep);
    await oneRun(plain, 1000, keep);
    for (let i = 0; i < pairs; i++) {
      const order = i % 2 === 0 ? [ext, plain] : [plain, ext];
      for (const b of order) {
        const r = await oneRun(b, i, keep);
        runs.push(r);
        log(`  content ${scenario} run ${i + 1}/${pairs} ${r.with ? 'with   ' : 'without'}: task ${r.taskMs.toFixed(0)} ms, script ${r.scriptMs.toFixed(0)} ms, heap ${r.heapAfterGcMB.toFixed(1)} MB, long tasks ${r.longTasks}, bars ${r.barsInPage}/${r.postsInPage}`);
      }
    }
  } finally {
    await Promise.all([ext.close(), plain.close()]);
  }
  const side = (w: boolean) => {
    const rs = runs.filter((r) => r.with === w);
    return {
      taskMs: median(rs.map((r) => r.taskMs)),
      scriptMs: median(rs.map((r) => r.scriptMs)),
      heapMB: median(rs.map((r) => r.heapAfterGcMB)),
      longTasks: median(rs.map((r) => r.longTasks)),
    };
  };
  const w = side(true);
  const wo = side(false);
  const withRuns = runs.filter((r) => r.with);
  const withoutRuns = runs.filter((r) => !r.with);
  const extensionLongTasks = Math.max(0, ...withRuns.map((r, i) => r.longTasks - (withoutRuns[i]?.longTasks ?? 0)));
  const added = w.taskMs - wo.taskMs;
  return {
    scenario,
    posts: POSTS,
    keep,
    runs,
    with: w,
    without: wo,
    addedTaskMs: added,
    addedTaskPct: (added / wo.taskMs) * 100,
    perPostMs: added / POSTS,
    addedHeapMB: w.heapMB - wo.heapMB,
    extensionLongTasks,
    barsExpected: median(withRuns.map((r) => r.postsInPage)),
    barsSeen: median(withRuns.map((r) => r.barsInPage)),
  };
}

/** Control Panel for Twitter (MIT), unpacked as is: ../shared/peers/SOURCES.md. */
export const PEER_DIR = path.resolve(ROOT, '../shared/peers/control-panel-for-twitter');

export interface PeerSide {
  name: string;
  taskMs: number;
  addedTaskPct: number;
  perPostMs: number;
  addedScriptMs: number;
  extensionLongTasks: number;
  addedHeapMB: number;
  pageStyles: number;
  peerScriptLoaded: boolean;
  peerObserving: boolean;
  runs: ContentRun[];
}

/** One side of a same-run comparison: an unpacked extension, or none (`dir: null`). */
export interface BuildUnderTest {
  name: string;
  dir: string | null;
}

/**
 * The same fixture pages (X's recycled list) loaded in one browser per build, the browsers
 * taking turns in a rotating order, each figure against the runs of the build without any
 * extension (which must be in the list). Used for the peer side by side and for A/B runs.
 */
export async function compareBuilds(builds: BuildUnderTest[], rounds: number, log: (s: string) => void = () => {}, keep: number | null = 60): Promise<{ sides: PeerSide[]; baseline: { taskMs: number; heapMB: number; longTasks: number } }> {
  const plainAt = builds.findIndex((b) => b.dir === null);
  if (plainAt < 0) throw new Error('compareBuilds: one build must be without an extension (dir: null)');
  const browsers = await Promise.all(builds.map((b) => (b.dir === null ? withoutExtension() : withExtension(b.dir))));
  const n = builds.length;
  const runs: ContentRun[][] = builds.map(() => []);
  try {
    for (const b of browsers) await oneRun(b, 1000, keep); // warm-up, not counted
    for (let i = 0; i < rounds; i++) {
      for (let k = 0; k < n; k++) {
        const j = (i + k) % n;
        const r = await oneRun(browsers[j]!, i, keep);
        runs[j]!.push(r);
        log(`  round ${i + 1}/${rounds} ${builds[j]!.name}: task ${r.taskMs.toFixed(0)} ms, script ${r.scriptMs.toFixed(0)} ms, heap ${r.heapAfterGcMB.toFixed(1)} MB, long tasks ${r.longTasks}, bars ${r.barsInPage}/${r.postsInPage}, style elements ${r.pageStyles}${r.peerScriptLoaded ? ', its content script ran' : ''}${r.peerObserving ? ', its page script observes the app' : ''}`);
      }
    }
  } finally {
    await Promise.all(browsers.map((b) => b.close()));
  }
  const none = runs[plainAt]!;
  const base = { taskMs: median(none.map((r) => r.taskMs)), heapMB: median(none.map((r) => r.heapAfterGcMB)), longTasks: median(none.map((r) => r.longTasks)) };
  const sides = builds.flatMap((b, j) => {
    if (j === plainAt) return [];
    const rs = runs[j]!;
    const taskMs = median(rs.map((r) => r.taskMs));
    return [
      {
        name: b.name,
        taskMs,
        addedTaskPct: ((taskMs - base.taskMs) / base.taskMs) * 100,
        perPostMs: (taskMs - base.taskMs) / POSTS,
        addedScriptMs: median(rs.map((r) => r.scriptMs)) - median(none.map((r) => r.scriptMs)),
        extensionLongTasks: Math.max(0, ...rs.map((r, i) => r.longTasks - (none[i]?.longTasks ?? 0))),
        addedHeapMB: median(rs.map((r) => r.heapAfterGcMB)) - base.heapMB,
        pageStyles: median(rs.map((r) => r.pageStyles)),
        peerScriptLoaded: rs.some((r) => r.peerScriptLoaded),
        peerObserving: rs.some((r) => r.peerObserving),
        runs: rs,
      },
    ];
  });
  return { sides, baseline: base };
}

/**
 * The side-by-side of issue 7: on X's recycled list, the same fixture pages loaded with
 * Threadmark alone, with Control Panel for Twitter alone and with neither, the three
 * browsers taking turns in a rotating order, each figure against the runs without either.
 */
export function peerComparison(rounds: number, log: (s: string) => void = () => {}) {
  return compareBuilds(
    [
      { name: 'Threadmark', dir: CHROME_BUILD },
      { name: 'Control Panel for Twitter', dir: PEER_DIR },
      { name: 'neither', dir: null },
    ],
    rounds,
    log,
  );
}

/** Both scenarios as benchmark figures (targets from the issue). */
export async function contentBench(opts: BenchOptions): Promise<BenchResult> {
  const pairs = opts.quick ? 1 : 5;
  const figures: Figure[] = [];
  const details: ContentScenarioResult[] = [];
  for (const scenario of ['virtual', 'kept'] as const) {
    opts.log(`  content script: ${scenario === 'virtual' ? "X's recycled list (60 cells kept)" : 'every post kept in the page'}, ${POSTS} posts, ${pairs} pairs of runs`);
    const r = await contentScenario(scenario, pairs, opts.log);
    details.push(r);
    // Targets apply to X's own behaviour (the recycled list); keeping every post is a worst
    // case reported for information.
    const virtual = scenario === 'virtual';
    const what = virtual ? 'recycled list' : 'worst case, all posts kept';
    const target = (op: '<=' | '<', value: number) => (virtual ? { target: { op, value } } : {});
    figures.push(
      {
        section: 'content script',
        name: `${what}: added main-thread time`,
        value: r.addedTaskPct,
        unit: '%',
        ...target('<=', 15),
        baseline: { name: 'page without extension', value: r.without.taskMs, ratio: r.with.taskMs / r.without.taskMs },
        note: `${r.with.taskMs.toFixed(0)} ms with vs ${r.without.taskMs.toFixed(0)} ms without (medians of main-thread task time); of the added time, script ${(r.with.scriptMs - r.without.scriptMs).toFixed(0)} ms`,
      },
      { section: 'content script', name: `${what}: cost per post`, value: r.perPostMs, unit: 'ms', ...target('<', 1), note: 'added main-thread time / posts inserted' },
      { section: 'content script', name: `${what}: our script per post`, value: (r.with.scriptMs - r.without.scriptMs) / r.posts, unit: 'ms', note: 'added script time only (parse, bars, messaging), without the layout and style work bars cause' },
      { section: 'content script', name: `${what}: long tasks from the extension`, value: r.extensionLongTasks, unit: 'count', ...target('<=', 0) },
      { section: 'content script', name: `${what}: added JS heap`, value: r.addedHeapMB, unit: 'MB', ...target('<', 10) },
      { section: 'content script', name: `${what}: posts with a rendered bar at the end`, value: r.barsSeen, unit: 'count', note: `of ${r.barsExpected} posts in the page (bars render near the viewport)` },
    );
  }
  const rounds = opts.quick ? 1 : 3;
  opts.log(`  content script side by side with Control Panel for Twitter: recycled list, ${rounds} rounds of three browsers`);
  const peer = await peerComparison(rounds, opts.log);
  for (const side of peer.sides) {
    const what = `side by side, ${side.name}`;
    figures.push(
      {
        section: 'content script',
        name: `${what}: added main-thread time`,
        value: side.addedTaskPct,
        unit: '%',
        baseline: { name: 'same pages with neither extension', value: peer.baseline.taskMs, ratio: side.taskMs / peer.baseline.taskMs },
        note: `${side.taskMs.toFixed(0)} ms vs ${peer.baseline.taskMs.toFixed(0)} ms; ${side.pageStyles} style elements in the page${side.peerScriptLoaded ? ', its content script ran (#cpftSettings)' : ''}${side.peerObserving ? ', its page script found #layers + div and observes the page (body.Desktop)' : ''}`,
      },
      { section: 'content script', name: `${what}: cost per post`, value: side.perPostMs, unit: 'ms' },
      { section: 'content script', name: `${what}: long tasks from the extension`, value: side.extensionLongTasks, unit: 'count' },
      { section: 'content script', name: `${what}: added JS heap`, value: side.addedHeapMB, unit: 'MB' },
    );
  }
  const [ours, theirs] = peer.sides;
  if (ours && theirs && theirs.taskMs > peer.baseline.taskMs) {
    figures.push({
      section: 'content script',
      name: 'side by side: Threadmark added time / Control Panel for Twitter added time',
      value: (ours.taskMs - peer.baseline.taskMs) / (theirs.taskMs - peer.baseline.taskMs),
      unit: 'x',
      target: { op: '<=', value: 2 },
    });
  }
  return { figures, details: { scenarios: details, peer } };
}
