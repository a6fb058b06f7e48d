/**
 * The popup's data source: the first read (before any library loads) fills the popup, the
 * live reads then keep it current, and a first read that fails hands over to them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPopupData, type PopupData, type PopupSource } from '../../../components/popup/popup-data';
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
