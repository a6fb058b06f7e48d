/**
 * The popup's data source: the first read (before any library loads) fills the popup, the
 * live reads then keep it current, and a first read that fails hands over to them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { firstNews, startPopupData, type PopupData, type PopupSource } from '../../../components/popup/popup-data';
import { createDb, type ThreadmarkDb } from '../../../lib/db/database';
import { createRepository } from '../../../lib/db/repository';
import { readWindow } from '../../../lib/db/window-read';
import { DEFAULT_SETTINGS } from '../../../lib/schema/defaults';
import { obs } from '../observation-builder';

const NOW = Date.UTC(2026, 10, 3, 12);
const ctx = { now: NOW, agentName: 'Ana' };
const options = { loadSettings: () => Promise.resolve(DEFAULT_SETTINGS), watchSettings: () => () => {} };
let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

function setup(name: string): { db: ThreadmarkDb; start: (first?: Promise<never> | ReturnType<typeof readWindow>) => PopupSource } {
  const db = createDb(`${name}-${Math.random()}`);
  cleanup.push(() => db.delete());
  return {
    db,
    start: (first) => {
      const s = startPopupData(NOW, { ...options, db, first });
      cleanup.unshift(() => s.stop());
      return s;
    },
  };
}

/** Resolves with the first snapshot that passes `ok`. */
function until(source: PopupSource, ok: (d: PopupData) => boolean): Promise<PopupData> {
  return vi.waitFor(() => {
    const d = source.getSnapshot();
    if (!ok(d)) throw new Error(`still ${JSON.stringify(d).slice(0, 80)}`);
    return d;
  }, { timeout: 3_000, interval: 10 });
}
const ids = (d: PopupData) => (d.state === 'ready' ? d.records.map((r) => r.id).sort() : []);

describe('the popup data source', () => {
  it('shows the first read, then keeps the same rows (no second render) until the background writes', async () => {
    const { db, start } = setup('first');
    await createRepository(db).observe([obs({ at: NOW - 60_000 })], ctx);
    const source = start(readWindow(NOW - 60 * 86_400_000, db.name));
    const first = await until(source, (d) => d.state === 'ready');
    expect(ids(first)).toEqual(['101']);
    expect(first.state === 'ready' && first.total).toBe(1);
    // The live reads start a moment later; their first answer changes nothing.
    await new Promise((r) => setTimeout(r, 600));
    expect(source.getSnapshot()).toBe(first);
    await createRepository(db).observe([obs({ id: '102', at: NOW - 30_000 })], ctx);
    const after = await until(source, (d) => ids(d).length === 2);
    expect(ids(after)).toEqual(['101', '102']);
    expect(after.state === 'ready' && after.total).toBe(2);
  });

  it('falls back to the live reads when the first read fails', async () => {
    const { db, start } = setup('fallback');
    await createRepository(db).observe([obs({ at: NOW - 60_000 })], ctx);
    const source = start(Promise.reject(new Error('no IndexedDB here')));
    expect(ids(await until(source, (d) => d.state === 'ready'))).toEqual(['101']);
  });
});

/** A source whose snapshot the test sets, telling its listeners as the real one does. */
function manualSource(initial: PopupData): PopupSource & { set(d: PopupData): void; listeners: number } {
  let snapshot = initial;
  const listeners = new Set<() => void>();
  return {
    subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
    getSnapshot: () => snapshot,
    stop: () => listeners.clear(),
    set(d) {
      snapshot = d;
      for (const l of [...listeners]) l();
    },
    get listeners() {
      return listeners.size;
    },
  };
}

// The entry module mounts React at the first news, so the popup renders once with its
// figures instead of "Loading…" first; it never waits longer than the bound.
describe('firstNews: when the popup mounts', () => {
  afterEach(() => void vi.useRealTimers());
  const ready: PopupData = { state: 'ready', records: [], settings: DEFAULT_SETTINGS, total: 0 };

  it.each([
    { news: ready, what: 'the figures are ready' },
    { news: { state: 'unreachable', problem: { kind: 'blocked' } } as PopupData, what: 'storage is unreachable' },
  ])('resolves as soon as $what, and stops listening', async ({ news }) => {
    vi.useFakeTimers();
    const source = manualSource({ state: 'loading' });
    let resolved = false;
    void firstNews(source, 250).then(() => (resolved = true));
    await vi.advanceTimersByTimeAsync(100);
    expect(resolved).toBe(false);
    source.set(news);
    await vi.advanceTimersByTimeAsync(0);
    expect(resolved).toBe(true);
    expect(source.listeners).toBe(0);
  });

  it('resolves after the bound when the source is still loading (the popup then shows "Loading…")', async () => {
    vi.useFakeTimers();
    const source = manualSource({ state: 'loading' });
    let resolved = false;
    void firstNews(source, 250).then(() => (resolved = true));
    await vi.advanceTimersByTimeAsync(249);
    expect(resolved).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(resolved).toBe(true);
    expect(source.listeners).toBe(0);
  });

  it('resolves at once when the source already has its figures', async () => {
    const source = manualSource(ready);
    await expect(firstNews(source, 60_000)).resolves.toBeUndefined();
    expect(source.listeners).toBe(0);
  });
});
