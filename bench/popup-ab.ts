/**
 * Same-run A/B of the popup's time to figures: two builds' popups over ONE store, opened
 * alternately, so machine load (shared, it drifts a lot) falls on both alike.
 *
 *   npx tsx bench/popup-ab.ts <base build dir> [candidate build dir] [--runs=N] [--trace] [--settle] [--small] [--open=action|tab]
 *
 * The candidate (default .output/chrome-mv3) is the extension loaded; the base build's
 * popup.html is copied beside its own as popup-base.html with its chunks and assets (their
 * names carry a content hash, so the two sets never collide). Same extension id, same
 * database, same background. The store is filled as in bench/popup.ts: A = 1k messages in
 * the 60-day window, B = A + 99k older. `--trace` records, in each page, when each
 * IndexedDB request started and ended (where the time goes); `--settle` measures B again
 * after a minute without writes; `--small` measures A only (quicker, for trying changes).
 * Each point prints the median and the lower quartile: on a loaded machine the quartile
 * moves less with the load than the median does. `--open` (bench/popup.ts's OpenMode): each
 * popup opened as the toolbar icon opens it (`action`, the default: chrome.action.setPopup
 * to the build's page, then openPopup) or in a new tab navigated from about:blank (`tab`, the
 * older method). `--trace` works in `tab` mode only (its script is injected by the driver).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { popupHorizon } from '../lib/format/periods';
import { CHROME_BUILD, openPage } from '../tests/e2e/harness';
import { ExtensionWriter, withExtension } from './browser';
import { DAY_MS, generateMessages } from './data';
import { fill, INIT_SCRIPT, ME, openActionTimed, openTimed, setAgentName, stepsLine, withoutIds, type OpenMode, type PopupRun } from './popup';
import { median } from './report';

const TRACE_SCRIPT = `(() => {
  if (location.protocol !== 'chrome-extension:' || !/\\/popup(-[\\w-]+)?\\.html$/.test(location.pathname)) return;
  const log = (window.__tmTrace = []);
  const wrap = (proto, name, label) => {
    const orig = proto[name];
    proto[name] = function (...args) {
      const start = performance.now();
      const req = orig.apply(this, args);
      const what = label + (this && this.name ? ' ' + this.name : '') + (args.length && typeof args[0] !== 'object' ? ' ' + String(args[0]).slice(0, 30) : '');
      const entry = { what, start, end: null };
      log.push(entry);
      req.addEventListener('success', () => { entry.end = performance.now(); });
      req.addEventListener('error', () => { entry.end = performance.now(); entry.error = true; });
      return req;
    };
  };
  wrap(IDBFactory.prototype, 'open', 'open');
  wrap(IDBIndex.prototype, 'getAll', 'index.getAll');
  wrap(IDBIndex.prototype, 'count', 'index.count');
  wrap(IDBIndex.prototype, 'openCursor', 'index.openCursor');
  wrap(IDBObjectStore.prototype, 'getAll', 'store.getAll');
  wrap(IDBObjectStore.prototype, 'get', 'store.get');
  wrap(IDBObjectStore.prototype, 'count', 'store.count');
  wrap(IDBObjectStore.prototype, 'openCursor', 'store.openCursor');
})();`;

interface Args {
  base: string;
  candidate: string;
  runs: number;
  trace: boolean;
  settle: boolean;
  small: boolean;
  open: OpenMode;
}

function args(): Args {
  const argv = process.argv.slice(2);
  const pos = argv.filter((a) => !a.startsWith('--'));
  if (!pos[0]) throw new Error('usage: tsx bench/popup-ab.ts <base build dir> [candidate build dir] [--runs=N] [--trace] [--settle]');
  return {
    base: path.resolve(pos[0]),
    candidate: path.resolve(pos[1] ?? CHROME_BUILD),
    runs: Number(argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 11),
    trace: argv.includes('--trace'),
    settle: argv.includes('--settle'),
    small: argv.includes('--small'),
    open: (argv.find((a) => a.startsWith('--open='))?.slice(7) ?? 'action') as OpenMode,
  };
}

/** The candidate build with the base build's popup beside it as popup-base.html. */
export function mergedBuild(base: string, candidate: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'threadmark-popup-ab-'));
  cpSync(candidate, dir, { recursive: true });
  for (const sub of ['chunks', 'assets']) {
    for (const f of readdirSync(path.join(base, sub))) {
      const to = path.join(dir, sub, f);
      if (!existsSync(to)) cpSync(path.join(base, sub, f), to);
    }
  }
  writeFileSync(path.join(dir, 'popup-base.html'), readFileSync(path.join(base, 'popup.html')));
  return dir;
}

async function main() {
  const a = args();
  const dir = mergedBuild(a.base, a.candidate);
  const log = (l: string) => console.log(l);
  const now = Date.now();
  const horizon = popupHorizon(now);
  const end = now - 2 * 3600_000;
  const windowDays = Math.floor((end - horizon) / DAY_MS) - 1;
  const recent = generateMessages({ messages: 1_000, seed: 11, agents: [ME], end, spanDays: windowDays });
  const history = withoutIds(
    generateMessages({ messages: 99_000, seed: 12, agents: [ME], end: horizon - DAY_MS, spanDays: 990 }),
    new Set(recent.map((m) => m.id)),
  );
  const browser = await withExtension(dir);
  const result: Record<string, Record<string, number[]>> = {};
  try {
    const { context, extensionId } = browser;
    await context.addInitScript({ content: INIT_SCRIPT });
    if (a.trace) await context.addInitScript({ content: TRACE_SCRIPT });
    await setAgentName(context, extensionId, ME);
    const writer = await ExtensionWriter.open(context, extensionId);
    let stored = 0;
    const openTimedAs = (file: string) => (a.open === 'action' ? openActionTimed(writer.page, stored, file) : openTimed(context, extensionId, stored, false, file));
    const point = async (label: string) => {
      await new Promise((r) => setTimeout(r, 1_500));
      const files = { base: 'popup-base.html', candidate: 'popup.html' } as const;
      // Warm-up: both popups' scripts compiled and cached.
      for (let i = 0; i < 3; i++) for (const f of Object.values(files)) await openTimedAs(f);
      const times: Record<string, number[]> = { base: [], candidate: [], baseApp: [], candidateApp: [] };
      const runs: Record<string, PopupRun[]> = { base: [], candidate: [] };
      for (let i = 0; i < a.runs; i++) {
        // Alternate which goes first, so neither always follows the other.
        const order = i % 2 ? (['candidate', 'base'] as const) : (['base', 'candidate'] as const);
        for (const which of order) {
          const run = await openTimedAs(files[which]);
          runs[which]!.push(run);
          times[which]!.push(run.figuresMs);
          times[`${which}App`]!.push(run.figuresMs - run.domContentLoadedMs);
        }
      }
      result[label] = times;
      const q1 = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 4)]!;
      log(
        `${label} (${stored} stored, opened as ${a.open === 'action' ? "the action's popup" : 'a tab'}): base ${median(times.base!).toFixed(1)} ms (app ${median(times.baseApp!).toFixed(1)}), ` +
          `candidate ${median(times.candidate!).toFixed(1)} ms (app ${median(times.candidateApp!).toFixed(1)}); ` +
          `lower quartile base ${q1(times.base!).toFixed(0)} (app ${q1(times.baseApp!).toFixed(0)}), candidate ${q1(times.candidate!).toFixed(0)} (app ${q1(times.candidateApp!).toFixed(0)})`,
      );
      log(`  raw base      ${times.base!.map((t) => t.toFixed(0)).join(' ')}`);
      log(`  raw candidate ${times.candidate!.map((t) => t.toFixed(0)).join(' ')}`);
      if (a.open === 'action') for (const w of ['base', 'candidate']) log(`  steps ${w.padEnd(9)} (median ms from navigation start): ${stepsLine(runs[w]!)}`);
      if (a.trace) {
        for (const f of Object.values(files)) {
          const page = await openPage(context, extensionId, f);
          await page.waitForFunction(() => (window as unknown as { __tmPopup?: { figuresAt: number | null } }).__tmPopup?.figuresAt != null, null, { timeout: 30_000 });
          await new Promise((r) => setTimeout(r, 500));
          const trace = await page.evaluate(() => {
            const w = window as unknown as { __tmTrace: Array<{ what: string; start: number; end: number | null }>; __tmPopup: { figuresAt: number; domContentLoadedAt: number } };
            return { idb: w.__tmTrace, figuresAt: w.__tmPopup.figuresAt, dcl: w.__tmPopup.domContentLoadedAt };
          });
          await page.close();
          log(`  trace ${f}: DOMContentLoaded ${trace.dcl.toFixed(1)}, figures ${trace.figuresAt.toFixed(1)}`);
          for (const e of [...trace.idb].sort((x, y) => x.start - y.start))
            log(`    ${e.start.toFixed(1).padStart(7)} → ${e.end === null ? '   …' : e.end.toFixed(1).padStart(7)}  ${e.what}`);
        }
      }
    };
    await fill(writer, recent, true, log, 'A');
    stored += recent.length;
    await point('A');
    if (!a.small) {
      await fill(writer, history, false, log, 'B');
      stored += history.length;
      await point('B');
    }
    // The same store after a minute without writes: a store written in one burst seconds
    // before is still being compacted by the browser (LevelDB), which a real agent's years of
    // history are not.
    if (a.settle && !a.small) {
      await new Promise((r) => setTimeout(r, 60_000));
      await point('B settled');
    }
    await writer.close().catch(() => {});
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (result.B) {
    const ratio = (w: string) => median(result.B![w]!) / median(result.A![w]!);
    log(`ratio 100k/1k: base ${ratio('base').toFixed(2)}x, candidate ${ratio('candidate').toFixed(2)}x`);
  }
  console.log(JSON.stringify(result));
}

if (process.argv[1] && /popup-ab\.ts$/.test(process.argv[1])) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
