/**
 * Write throughput (real Chromium, production build): an agent tags 1,000 posts of an X
 * conversation, one key each, and every tag goes content script → typed message → zod in
 * the background → Dexie in the extension origin.
 *
 * Per run (each on a fresh copy of the thread, moved a day earlier: new ids, new rows):
 * 1. The fixture conversation page, then 1,000+ replies appended like X's list
 *    (`__fixture.insertPostsNow`), every cell kept in the page, scrolled through once (bars
 *    render near the viewport). We wait until every post
 *    has its bar (a `threadmark-bar` with buttons in its open shadow root) and until the
 *    background has stored every post's sighting (the thread involves the brand, so the
 *    extension stores it all): the tags below then only tag, as on a thread already open.
 * 2. Keys: each of 1,000 customer posts gets the focus (as X's j/k give it) and the key 1
 *    (complaint), dispatched from the page's main world (the event crosses into the content
 *    script's isolated world; bars far from the viewport are not rendered, the shortcut
 *    needs none), yielding to the event loop after each key (so messages go out), as fast as
 *    the page allows.
 * 3. From an extension page we poll the database until all 1,000 rows carry the tag:
 *    "time to all stored" runs from the first key to that moment (both sides read the
 *    same wall clock: performance.timeOrigin + performance.now()).
 * 4. Exactly once: one row per post id, each with the tag; rows added by the run == posts on
 *    the page; no refused write (no error in any bar, no "Threadmark:" warning), every
 *    bar shows its tag once the writes are acknowledged. Any violation throws (after the
 *    figures are computed: the error carries them, see WritesBenchError).
 *
 * Two points of comparison, measured in the same browser on the same records:
 * - messaging only (no page): the same 1,000 `tag` messages sent from an extension page
 *   (ExtensionWriter.send), one at a time like the content script's outbox: the cost of
 *   the message hop + validation + repository + views, without the page and the bars;
 * - raw IndexedDB (the floor): the 1,000 final rows put into a scratch database from an
 *   extension page, one readwrite transaction per record, each awaited before the next.
 *   The ratio reported on time rows is ours ÷ floor ("×" = how many times the floor's time).
 */
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import type { Observation } from '../lib/schema/records';
import { loadCareConversations } from '../tests/fixtures/x/care-data';
import { buildConversationModel } from '../tests/fixtures/x/conversation-page';
import { shiftConversation } from '../tests/e2e/pages';
import { serveX } from '../tests/e2e/harness';
import { barAccess } from '../tests/e2e/bar-access';
import { ExtensionWriter, median, withExtension, type WireMessage } from './browser';
import { longestConversation } from './data';
import type { BenchOptions, BenchResult, Figure } from './report';

const SECTION = 'writes';
const TAG = 'complaint';
const STORE_TIMEOUT_MS = 90_000;
const SETTLE_MS = 1500;

export interface PageRun {
  run: number;
  postsOnPage: number;
  tagged: number;
  /** First key → last key (in the page). */
  keysMs: number;
  /** First key → all tags in the database. */
  storedMs: number;
  msgPerS: number;
  /** First key → no bar says "saving" (every write acknowledged to the page). */
  ackMs: number;
  rowsAdded: number;
  /** Post ids stored more than once, lost, or stored without the tag. */
  violations: string[];
  warnings: string[];
}

export interface FloorRun {
  records: number;
  /** One readwrite transaction per record, each awaited: the floor. */
  sequentialMs: number;
  /** The same transactions all issued at once (IndexedDB runs them one after another). */
  pipelinedMs: number;
}

export interface MessagingRun {
  messages: number;
  ms: number;
  errors: string[];
  missing: number;
}

/** Thrown when a tag was lost, stored twice or refused; `result` still has every figure. */
export class WritesBenchError extends Error {
  override name = 'WritesBenchError';
  constructor(
    message: string,
    readonly result: BenchResult,
  ) {
    super(message);
  }
}

function pageFor(run: number) {
  const conv = longestConversation(loadCareConversations());
  // A different copy per run (a day earlier each): new ids, so every run writes new rows.
  // 2_000 + run: away from the days bench/content.ts uses, should both share a profile.
  const moved = shiftConversation(conv, Date.UTC(2025, 5, 1) - (2_000 + run) * 86_400_000);
  const model = buildConversationModel(moved, { focusIndex: 0, extraReplies: 12, discoverMore: true, loggedInAs: conv.brand });
  return { url: model.url, html: model.html, path: new URL(model.url).pathname, discover: model.discoverIds, brand: conv.brand };
}

type Win = {
  __fixture: { ready: boolean; insertPostsNow(n: number): string[] };
  __wb?: { articles: HTMLElement[] };
};

/** Posts on the page (minus "Discover more"), how many have a bar, how many are customers'. Runs in the page. */
function barState({ discover, brand }: { discover: string[]; brand: string }): { posts: number; bars: number; taggable: number } {
  const skip = new Set(discover);
  let posts = 0;
  let bars = 0;
  let taggable = 0;
  for (const article of document.querySelectorAll('article[data-testid="tweet"]')) {
    const href = article.querySelector('a[href*="/status/"] > time')?.parentElement?.getAttribute('href') ?? '';
    const id = /\/status\/(\d+)$/.exec(href)?.[1];
    if (id && skip.has(id)) continue;
    posts++;
    // A bar renders its buttons near the viewport only; its host is there from the start.
    if ([...article.querySelectorAll('threadmark-bar')].some((b) => b.closest('article') === article)) bars++;
    if (!href.toLowerCase().startsWith(`/${brand.toLowerCase()}/`)) taggable++;
  }
  return { posts, bars, taggable };
}

/**
 * Scrolls the page top to bottom a screen at a time, as the agent reading the thread does:
 * bars render when their post comes near the viewport (components/bar/mount.tsx) and stay.
 */
async function scrollThrough(tab: Page): Promise<void> {
  await tab.evaluate(async () => {
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 20))));
    for (let y = 0; y <= document.documentElement.scrollHeight; y += window.innerHeight) {
      window.scrollTo(0, y);
      await frame();
    }
    window.scrollTo(0, 0);
  });
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`writes bench: ${what} (last: ${JSON.stringify(v)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Rows of the extension's database whose key is one of `keys`, read in the extension page. */
function readRows(writer: ExtensionWriter, keys: string[]): Promise<Array<Record<string, unknown> | null>> {
  return writer.page.evaluate(
    (keys) =>
      new Promise<Array<Record<string, unknown> | null>>((resolve, reject) => {
        const open = indexedDB.open('threadmark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction('messages').objectStore('messages');
          const out: Array<Record<string, unknown> | null> = new Array(keys.length).fill(null);
          keys.forEach((k, i) => {
            const req = store.get(k);
            req.onsuccess = () => (out[i] = (req.result as Record<string, unknown> | undefined) ?? null);
          });
          store.transaction.oncomplete = () => (db.close(), resolve(out));
          store.transaction.onerror = () => reject(store.transaction.error);
        };
      }),
    keys,
  );
}

/**
 * Polls the extension's database (from the extension page) until every key has
 * `queryType === tag`; resolves with the wall-clock time it saw that. Cheap while waiting:
 * one `get` of the last key (the outbox sends in key order), then a full check.
 */
function pollAllTagged(writer: ExtensionWriter, keys: string[], tag: string, timeoutMs: number): Promise<{ at: number; tagged: number }> {
  return writer.page.evaluate(
    ({ keys, tag, timeoutMs }) =>
      new Promise<{ at: number; tagged: number }>((resolve, reject) => {
        const open = indexedDB.open('threadmark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const deadline = Date.now() + timeoutMs;
          const now = () => performance.timeOrigin + performance.now();
          const count = (ks: string[]) =>
            new Promise<number>((res, rej) => {
              const store = db.transaction('messages').objectStore('messages');
              let n = 0;
              for (const k of ks) {
                const req = store.get(k);
                req.onsuccess = () => {
                  if ((req.result as { queryType?: string } | undefined)?.queryType === tag) n++;
                };
              }
              store.transaction.oncomplete = () => res(n);
              store.transaction.onerror = () => rej(store.transaction.error);
            });
          const tick = async () => {
            try {
              if ((await count(keys.slice(-1))) === 1) {
                const n = await count(keys);
                if (n === keys.length) return (db.close(), resolve({ at: now(), tagged: n }));
              }
              if (Date.now() > deadline) return (db.close(), resolve({ at: NaN, tagged: await count(keys) }));
              setTimeout(tick, 10);
            } catch (e) {
              db.close();
              reject(e);
            }
          };
          void tick();
        };
      }),
    { keys, tag, timeoutMs },
  );
}

async function pageRun(context: BrowserContext, writer: ExtensionWriter, run: number, want: number, log: (s: string) => void): Promise<{ result: PageRun; rows: Array<Record<string, unknown>> }> {
  const page = pageFor(run);
  await context.unrouteAll({ behavior: 'ignoreErrors' });
  await serveX(context, { [page.path]: page.html });
  const warnings: string[] = [];
  const onConsole = (m: ConsoleMessage) => {
    if (m.type() === 'error' || /Threadmark/.test(m.text())) warnings.push(`${m.type()}: ${m.text()}`);
  };
  context.on('console', onConsole);
  const tab: Page = await context.newPage();
  try {
    const rowsBefore = await writer.count();
    await tab.goto(page.url, { waitUntil: 'load' });
    await tab.waitForFunction(() => (window as unknown as Win).__fixture?.ready === true);

    // 1. Enough customer posts (the pool has a few brand posts: they get no query type).
    let state = { posts: 0, bars: 0, taggable: 0 };
    for (let round = 0; state.taggable < want && round < 5; round++) {
      const add = round === 0 ? want : Math.ceil((want - state.taggable) * 1.2) + 5;
      await tab.evaluate((n) => void (window as unknown as Win).__fixture.insertPostsNow(n), add);
      state = await waitFor('bars did not appear on every post', 60_000, () => tab.evaluate(barState, { discover: page.discover, brand: page.brand }), (s) => s.posts > 0 && s.bars === s.posts);
    }
    log(`  writes run ${run + 1}: ${state.posts} posts with bars`);
    if (state.taggable < want) throw new Error(`writes bench: only ${state.taggable} customer posts on the page`);
    // Every sighting stored before the first key (the thread is tracked: all posts are kept).
    await waitFor('the sightings were not all stored', 60_000, () => writer.count(), (n) => n >= rowsBefore + state.posts);
    await tab.waitForTimeout(300); // let the last view updates land
    log(`  writes run ${run + 1}: sightings stored`);

    // 2. The posts to tag: the first `want` customer posts, in page order.
    const ids = await tab.evaluate(({ want, brand, discover }) => {
      const out: string[] = [];
      const articles: HTMLElement[] = [];
      const skip = new Set(discover);
      for (const article of document.querySelectorAll<HTMLElement>('article[data-testid="tweet"]')) {
        if (out.length >= want) break;
        const href = article.querySelector('a[href*="/status/"] > time')?.parentElement?.getAttribute('href') ?? '';
        const id = /\/status\/(\d+)$/.exec(href)?.[1];
        if (!id || skip.has(id) || href.toLowerCase().startsWith(`/${brand.toLowerCase()}/`)) continue;
        out.push(id);
        articles.push(article);
      }
      (window as unknown as Win).__wb = { articles };
      return out;
    }, { want, brand: page.brand, discover: page.discover });
    const keys = ids.map((id) => `x:${id}`);

    // 3. Click them all while the extension page watches the database.
    const poll = pollAllTagged(writer, keys, TAG, STORE_TIMEOUT_MS);
    // The agent's one-key path: focus the post (as X's j/k do) and press 1 (complaint). The
    // key is a real one (CDP Input), since the bar ignores keys a page script dispatches.
    const now = () => tab.evaluate(() => performance.timeOrigin + performance.now());
    const presses = { first: await now(), last: 0 };
    for (let i = 0; i < ids.length; i++) {
      await tab.evaluate((i) => (window as unknown as Win).__wb!.articles[i]!.focus({ preventScroll: true }), i);
      await tab.keyboard.press('1');
    }
    presses.last = await now();
    const stored = await poll;
    // Every write acknowledged to the page (no rendered bar still "saving"). The bars' roots
    // are closed: read them through the DevTools protocol (tests/e2e/bar-access.ts).
    const access = await barAccess(tab);
    const shown = async () => {
      const out: Array<{ pills: string[]; text: string; alerts: string[] }> = [];
      for (const id of ids) {
        const b = await access.read(id);
        if (b && b.controls.length) out.push({ pills: b.pills, text: b.text, alerts: b.roles.alert ?? [] });
      }
      return out;
    };
    const ackAt = await waitFor(
      'the page still shows writes in flight',
      STORE_TIMEOUT_MS,
      async () => ((await shown()).some((b) => b.text.includes('Saving')) ? 0 : await now()),
      (t) => t > 0,
    );

    // 4. Exactly once.
    const violations: string[] = [];
    if (new Set(ids).size !== ids.length) violations.push('the same post was tagged twice');
    if (!Number.isFinite(stored.at)) violations.push(`only ${stored.tagged}/${ids.length} tags stored after ${STORE_TIMEOUT_MS / 1000} s`);
    const rowsAfter = await writer.count();
    const rowsAdded = rowsAfter - rowsBefore;
    if (rowsAdded !== state.posts) violations.push(`${rowsAdded} rows added for ${state.posts} posts on the page`);
    const rows = await readRows(writer, keys);
    rows.forEach((r, i) => {
      if (!r) violations.push(`x:${ids[i]} lost`);
      else if (r.id !== ids[i] || r.queryType !== TAG) violations.push(`x:${ids[i]} stored as ${JSON.stringify({ id: r.id, queryType: r.queryType })}`);
    });
    // Bars rendered (near the viewport) must show the tag; the others render it when scrolled to.
    const rendered = await shown();
    const ui = { notPressed: rendered.filter((b) => !b.pills.includes('Complaint')).length, errors: rendered.flatMap((b) => b.alerts) };
    if (ui.notPressed) violations.push(`${ui.notPressed} bars do not show the tag`);
    for (const e of ui.errors) violations.push(`bar error: ${e}`);
    for (const w of warnings) violations.push(`console ${w}`);

    const storedMs = stored.at - presses.first;
    const result: PageRun = {
      run,
      postsOnPage: state.posts,
      tagged: ids.length,
      keysMs: presses.last - presses.first,
      storedMs,
      msgPerS: (ids.length / storedMs) * 1000,
      ackMs: ackAt - presses.first,
      rowsAdded,
      violations,
      warnings,
    };
    log(
      `  writes run ${run + 1}: ${ids.length} tags on ${state.posts} posts: keys ${result.keysMs.toFixed(0)} ms, all stored ${storedMs.toFixed(0)} ms (${result.msgPerS.toFixed(0)} msg/s), acknowledged ${result.ackMs.toFixed(0)} ms${violations.length ? `, ${violations.length} VIOLATIONS: ${violations.slice(0, 3).join('; ')}` : ', exactly once'}`,
    );
    return { result, rows: rows.filter((r): r is Record<string, unknown> => r !== null) };
  } finally {
    context.off('console', onConsole);
    await tab.close();
  }
}

const OBSERVATION_FIELDS = ['platform', 'id', 'rootId', 'inReplyTo', 'author', 'authorName', 'fromBrand', 'customer', 'at', 'atPrecision', 'text', 'permalink'] as const;

/** The same posts under new ids (+1e20: 21 digits, never an X id of the run), same cases. */
function renumber(rows: Array<Record<string, unknown>>, offset: bigint): Observation[] {
  const move = (id: unknown) => (typeof id === 'string' ? (BigInt(id) + offset).toString() : id);
  return rows.map((r) => {
    const o = Object.fromEntries(OBSERVATION_FIELDS.map((f) => [f, r[f]])) as unknown as Observation;
    // The customer of a customer post is its author (a brand row keeps what it had).
    return { ...o, id: move(o.id) as string, rootId: move(o.rootId) as string, inReplyTo: move(o.inReplyTo) as string | null, customer: o.fromBrand ? o.customer : o.author };
  });
}

/** The message path without the page: observe (untimed, as the page did), then one `tag` per post, one at a time. */
async function messagingRun(writer: ExtensionWriter, rows: Array<Record<string, unknown>>, run: number): Promise<MessagingRun> {
  const obs = renumber(rows, 10n ** 20n + BigInt(run) * 10n ** 19n);
  const observe: WireMessage[] = [];
  for (let i = 0; i < obs.length; i += 200) observe.push({ type: 'observe', data: { items: obs.slice(i, i + 200) } });
  const seen = await writer.send(observe, 1);
  if (seen.errors.length) throw new Error(`writes bench: observe refused: ${seen.errors[0]}`);
  const tags: WireMessage[] = obs.map((o) => ({ type: 'tag', data: { observation: o, patch: { queryType: TAG } } }));
  // Concurrency 1: the content script's outbox sends one write at a time, in order.
  const sent = await writer.send(tags, 1);
  const stored = await readRows(writer, obs.map((o) => `x:${o.id}`));
  return { messages: tags.length, ms: sent.ms, errors: sent.errors, missing: stored.filter((r) => r?.queryType !== TAG).length };
}

/** The floor: the same rows into a scratch database, one readwrite transaction each. */
function floorRun(writer: ExtensionWriter, rows: Array<Record<string, unknown>>): Promise<FloorRun> {
  return writer.page.evaluate(async (rows) => {
    const NAME = 'threadmark-bench-floor';
    const req = <T>(r: IDBRequest<T> | IDBOpenDBRequest) =>
      new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result as T)), (r.onerror = () => reject(r.error))));
    await req(indexedDB.deleteDatabase(NAME) as unknown as IDBRequest<undefined>);
    const open = indexedDB.open(NAME, 1);
    open.onupgradeneeded = () => {
      const store = open.result.createObjectStore('messages', { keyPath: 'key' });
      store.createIndex('caseKey', 'caseKey');
      store.createIndex('at', 'at');
    };
    const db = await req<IDBDatabase>(open);
    const put = (r: unknown) =>
      new Promise<void>((resolve, reject) => {
        const tx = db.transaction('messages', 'readwrite');
        tx.objectStore('messages').put(r);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    const clear = () => new Promise<void>((resolve) => {
      const tx = db.transaction('messages', 'readwrite');
      tx.objectStore('messages').clear();
      tx.oncomplete = () => resolve();
    });
    let t = performance.now();
    for (const r of rows) await put(r);
    const sequentialMs = performance.now() - t;
    await clear();
    t = performance.now();
    await Promise.all(rows.map(put));
    const pipelinedMs = performance.now() - t;
    db.close();
    await req(indexedDB.deleteDatabase(NAME) as unknown as IDBRequest<undefined>);
    return { records: rows.length, sequentialMs, pipelinedMs };
  }, rows);
}

export async function writesBench(opts: BenchOptions): Promise<BenchResult> {
  const { quick, log } = opts;
  const posts = quick ? 200 : 1000;
  const runs = quick ? 1 : 3;
  const pages: PageRun[] = [];
  const floors: FloorRun[] = [];
  const messaging: MessagingRun[] = [];
  const browser = await withExtension();
  try {
    const writer = await ExtensionWriter.open(browser.context, browser.extensionId);
    for (let run = 0; run < runs; run++) {
      const { result, rows } = await pageRun(browser.context, writer, run, posts, log);
      pages.push(result);
      // The background's trailing work (the page's last view refresh, the badge 500 ms after
      // the last write) must not land in the next measurement.
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const m = await messagingRun(writer, rows, run);
      messaging.push(m);
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const f = await floorRun(writer, rows);
      floors.push(f);
      log(`  writes run ${run + 1}: messaging only ${m.ms.toFixed(0)} ms (${((m.messages / m.ms) * 1000).toFixed(0)} msg/s${m.errors.length || m.missing ? `, ${m.errors.length} errors, ${m.missing} missing` : ''}), raw IDB ${f.sequentialMs.toFixed(0)} ms (pipelined ${f.pipelinedMs.toFixed(0)} ms)`);
    }
    await writer.close();
  } finally {
    await browser.close();
  }

  const storedMs = median(pages.map((p) => p.storedMs));
  const msgPerS = median(pages.map((p) => p.msgPerS));
  const floorMs = median(floors.map((f) => f.sequentialMs));
  const floorRate = (posts / floorMs) * 1000;
  const msgMs = median(messaging.map((m) => m.ms));
  const ackMs = median(pages.map((p) => p.ackMs));
  const keysMs = median(pages.map((p) => p.keysMs));
  const violations = pages.flatMap((p) => p.violations.map((v) => `run ${p.run + 1}: ${v}`));
  const msgErrors = messaging.flatMap((m) => m.errors);
  const msgMissing = messaging.reduce((s, m) => s + m.missing, 0);
  const of = `${posts.toLocaleString('en')} tags, median of ${runs}`;
  const floor = (ms: number) => ({ name: 'raw IDB (1 rw txn/record) time', value: floorMs, ratio: ms / floorMs });

  const figures: Figure[] = [
    {
      section: SECTION,
      name: `key → all stored, throughput (${of})`,
      value: msgPerS,
      unit: 'msg/s',
      note: `no target in the issue (an agent tags a few posts a second at most); raw IDB floor ${floorRate.toFixed(0)} msg/s`,
    },
    {
      section: SECTION,
      name: `key → all stored, time (${of})`,
      value: storedMs,
      unit: 'ms',
      baseline: floor(storedMs),
      note: `key presses took ${keysMs.toFixed(0)} ms; every write acknowledged to the page at ${ackMs.toFixed(0)} ms`,
    },
    {
      section: SECTION,
      name: `messaging only, no page: ${posts.toLocaleString('en')} tag messages, 1 in flight (median of ${runs})`,
      value: msgMs,
      unit: 'ms',
      baseline: floor(msgMs),
      note: `${((posts / msgMs) * 1000).toFixed(0)} msg/s`,
    },
    {
      section: SECTION,
      name: `raw IDB floor: ${posts.toLocaleString('en')} records, 1 readwrite txn each (median of ${runs})`,
      value: floorMs,
      unit: 'ms',
      note: `${floorRate.toFixed(0)} msg/s; all txns at once: ${median(floors.map((f) => f.pipelinedMs)).toFixed(0)} ms`,
    },
    {
      section: SECTION,
      name: `tags lost, stored twice or refused (all ${runs} runs)`,
      value: violations.length + msgErrors.length + msgMissing,
      unit: 'count',
      target: { op: '<=', value: 0 },
      note: `${pages.reduce((s, p) => s + p.tagged, 0)} tags on ${pages.reduce((s, p) => s + p.postsOnPage, 0)} posts; rows added == posts on page: ${pages.every((p) => p.rowsAdded === p.postsOnPage)}`,
    },
  ];
  const result: BenchResult = { figures, details: { posts, runs, pages, messaging, floors } };
  if (violations.length || msgErrors.length || msgMissing) {
    throw new WritesBenchError(
      `writes bench: not exactly once:\n  ${[...violations, ...msgErrors.map((e) => `messaging: ${e}`), ...(msgMissing ? [`messaging: ${msgMissing} tags missing`] : [])].slice(0, 20).join('\n  ')}`,
      result,
    );
  }
  return result;
}
