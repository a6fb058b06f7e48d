/**
 * The popup is never blank (issue 11, item 2): a database that fails to open, is blocked by
 * an older connection, or never answers becomes a message with the reason within a bounded
 * time; anything that throws while rendering is caught by the error boundary.
 */
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PopupErrorBoundary } from '../../components/popup/ErrorBoundary';
import { PopupApp } from '../../components/popup/PopupApp';
import { startPopupData, type PopupSource } from '../../components/popup/popup-data';
import { createDb, type ThreadmarkDb } from '../../lib/db/database';
import { readWindow } from '../../lib/db/window-read';
import { DEFAULT_SETTINGS } from '../../lib/schema/defaults';

const NOW = new Date().setHours(12, 0, 0, 0);
const settingsNow = () => Promise.resolve({ ...DEFAULT_SETTINGS, agentName: 'Ana' });
const noWatch = () => () => {};

let sources: PopupSource[] = [];
let opened: IDBDatabase[] = [];
afterEach(() => {
  for (const s of sources) s.stop();
  for (const c of opened) c.close();
  sources = [];
  opened = [];
});

function source(db: ThreadmarkDb, timeoutMs = 300): PopupSource {
  const s = startPopupData(NOW, { db, timeoutMs, loadSettings: settingsNow, watchSettings: noWatch });
  sources.push(s);
  return s;
}

/** Opens `name` with plain IndexedDB at `version` and keeps the connection, as another page would. */
function holdOpen(name: string, version: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, version);
    req.onupgradeneeded = () => req.result.createObjectStore('messages', { keyPath: 'key' });
    req.onsuccess = () => {
      opened.push(req.result);
      resolve(req.result);
    };
    req.onerror = () => reject(req.error);
  });
}

const popup = (s: PopupSource) => render(<PopupApp now={NOW} source={s} openUrl={vi.fn()} openSettings={vi.fn()} />);

describe('when storage cannot be reached, the popup', () => {
  it('says so with the reason when an older connection blocks the database', async () => {
    // Dexie opens schema version 2 as IndexedDB version 20; an old page holds version 10 open.
    await holdOpen('tm-blocked', 10);
    popup(source(createDb('tm-blocked'), 10_000));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Threadmark can't reach its storage:");
    expect(alert).toHaveTextContent('another Threadmark page keeps an older version of the database open');
    expect(screen.queryByRole('tabpanel')).toBeNull();
  });

  it('says so with the reason when the database fails to open', async () => {
    const db = createDb('tm-failed');
    const broken = new Error('The database file is corrupt');
    broken.name = 'UnknownError';
    vi.spyOn(db, 'transaction').mockImplementation(() => Promise.reject(broken) as never);
    vi.spyOn(db.meta, 'get').mockImplementation(() => Promise.reject(broken) as never);
    popup(source(db));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Threadmark can't reach its storage: UnknownError: The database file is corrupt");
  });

  it('says so within the time limit when the database never answers, instead of waiting forever', async () => {
    const db = createDb('tm-hung');
    const never = () => new Promise<never>(() => {}) as never;
    vi.spyOn(db, 'transaction').mockImplementation(never);
    vi.spyOn(db.meta, 'get').mockImplementation(never);
    const started = Date.now();
    popup(source(db, 300));
    expect(screen.getByText('Reading your figures…')).toBeInTheDocument();
    const alert = await screen.findByRole('alert', {}, { timeout: 2_000 });
    expect(alert).toHaveTextContent("Threadmark can't reach its storage: the database did not answer within 1 s.");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('says so in bounded time when its first read waits behind an upgrade another page blocks', async () => {
    // An old page holds version 10 open; the background's upgrade to 20 waits on it, and
    // so does every later open, the popup's first read included.
    const old = await holdOpen('tm-queued', 10);
    const background = createDb('tm-queued');
    void background.open().catch(() => {});
    const started = Date.now();
    const s = startPopupData(NOW, { first: readWindow(0, 'tm-queued'), db: createDb('tm-queued'), timeoutMs: 300, loadSettings: settingsNow, watchSettings: noWatch });
    sources.push(s);
    popup(s);
    const alert = await screen.findByRole('alert', {}, { timeout: 2_000 });
    expect(alert).toHaveTextContent("Threadmark can't reach its storage: the database did not answer within 1 s. Another Threadmark page may hold");
    expect(Date.now() - started).toBeLessThan(2_000);
    // The old page closes: the upgrade runs, and the popup shows the figures after all.
    old.close();
    expect(await screen.findByRole('tabpanel', {}, { timeout: 3_000 })).toBeInTheDocument();
    background.close();
  });

  it('shows the figures once the blocking connection goes away', async () => {
    const old = await holdOpen('tm-unblocked', 10);
    popup(source(createDb('tm-unblocked'), 10_000));
    await screen.findByRole('alert');
    old.close();
    expect(await screen.findByRole('tabpanel', {}, { timeout: 3_000 })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('the error boundary', () => {
  it('shows what went wrong instead of a blank popup when rendering throws', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    function Broken(): never {
      throw new RangeError('Invalid time zone specified: Mars/Olympus');
    }
    render(
      <PopupErrorBoundary>
        <Broken />
      </PopupErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Threadmark could not show your figures: RangeError: Invalid time zone specified: Mars/Olympus');
  });
});
