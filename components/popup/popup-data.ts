import type { ThreadmarkDb } from '../../lib/db/database';
import { mark, type WindowRead } from '../../lib/db/window-read';
import { popupHorizon } from '../../lib/format/periods';
import type { MessageRecord, Settings } from '../../lib/schema/records';
import { settingsItem } from '../../lib/settings/item';

/**
 * What the popup shows comes from here: the stored records of every case active in the
 * last 60 days (30 days and the 30 before them, for the change), the kept message count and
 * the settings, each re-read when the background writes. Started by the entry module before
 * any library loads: the first read is plain IndexedDB (lib/db/window-read.ts), already
 * under way while React, Dexie (live updates, live-data.ts) and zod (settings validation)
 * are parsed, none of them in the popup's first chunk. Never leaves the popup blank or
 * spinning: a database that fails, is blocked, or does not answer in time becomes
 * `unreachable` with the reason (and turns `ready` if it answers later).
 */
export type StorageProblem = { kind: 'blocked' } | { kind: 'timeout'; seconds: number } | { kind: 'failed'; detail: string };

export type PopupData =
  | { state: 'loading' }
  | { state: 'ready'; records: MessageRecord[]; settings: Settings; total: number | undefined }
  | { state: 'unreachable'; problem: StorageProblem };

export interface PopupSource {
  subscribe(listener: () => void): () => void;
  getSnapshot(): PopupData;
  stop(): void;
}

/** How long the popup waits for its first read before it says storage is unreachable. */
export const STORAGE_TIMEOUT_MS = 3_000;

export interface PopupDataOptions {
  /** The first read, started by the entry module (readWindow); without it the live reads start at once. */
  first?: Promise<WindowRead | null>;
  /** The database of the live reads (default: the extension's). */
  db?: ThreadmarkDb;
  timeoutMs?: number;
  /** Validated settings. Default: lib/settings/validated, loaded on demand so zod stays out of the popup's first chunk. */
  loadSettings?: () => Promise<Settings>;
  /** Calls back when the stored settings change; returns the unwatch function. */
  watchSettings?: (changed: () => void) => () => void;
}

const validatedSettings = () => import('../../lib/settings/validated').then((m) => m.loadSettings());

/** After a first read, live reads start this much later, so their own first read does not compete with the first render. */
const LIVE_DELAY_MS = 300;

export function startPopupData(now: number, options: PopupDataOptions = {}): PopupSource {
  const loadSettings = options.loadSettings ?? validatedSettings;
  const watchSettings = options.watchSettings ?? ((changed: () => void) => settingsItem.watch(changed));
  const timeoutMs = options.timeoutMs ?? STORAGE_TIMEOUT_MS;
  const horizon = popupHorizon(now);

  let records: MessageRecord[] | undefined;
  let settings: Settings | undefined;
  let total: number | undefined;
  let problem: StorageProblem | null = null;
  let snapshot: PopupData = { state: 'loading' };
  let stopped = false;
  const listeners = new Set<() => void>();
  const stops: Array<() => void> = [];

  const update = () => {
    if (records && settings) snapshot = { state: 'ready', records, settings, total };
    else if (problem) snapshot = { state: 'unreachable', problem };
    else return;
    for (const l of listeners) l();
  };
  const fail = (p: StorageProblem) => {
    problem = p;
    // A problem after the figures are on screen (a later re-read) is shown too: stale
    // figures would look current.
    records = undefined;
    update();
  };
  const failed = (error: unknown) => fail({ kind: 'failed', detail: describe(error) });
  /** Set by the first read: the live reads' first answer repeats it, so an unchanged one keeps the array (and the figures). */
  let repeatOfFirst = false;
  const setRecords = (rows: MessageRecord[]) => {
    problem = null;
    const repeat = repeatOfFirst && records !== undefined && sameRows(records, rows);
    repeatOfFirst = false;
    if (repeat) return;
    records = rows;
    update();
  };
  const setTotal = (n: number) => {
    if (n === total) return;
    total = n;
    update();
  };

  let liveStarted = false;
  const startLive = () => {
    if (liveStarted || stopped) return;
    liveStarted = true;
    void import('./live-data').then(({ watchPopupData }) => {
      if (stopped) return;
      stops.push(watchPopupData(horizon, { records: setRecords, total: setTotal, blocked: () => fail({ kind: 'blocked' }), failed }, options.db));
    }, failed);
  };
  if (options.first) {
    options.first.then(
      (read) => {
        if (read && !records) {
          total = read.total;
          setRecords(read.records);
          repeatOfFirst = true;
        }
        const timer = setTimeout(startLive, read ? LIVE_DELAY_MS : 0);
        stops.push(() => clearTimeout(timer));
      },
      () => startLive(), // the live reads say what is wrong, with Dexie's reason
    );
  } else {
    startLive();
  }

  const readSettings = () =>
    loadSettings().then((s) => {
      mark('settings');
      settings = s;
      update();
    }, failed);
  void readSettings();
  stops.push(watchSettings(() => void readSettings()));
  const timer = setTimeout(() => {
    if (!records && !problem) fail({ kind: 'timeout', seconds: Math.max(1, Math.ceil(timeoutMs / 1000)) });
    startLive(); // a first read that hangs: the live reads may still get through, or say why not
  }, timeoutMs);
  stops.push(() => clearTimeout(timer));

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    stop() {
      stopped = true;
      for (const s of stops) s();
      listeners.clear();
    },
  };
}

/**
 * Resolves at the source's first news (figures ready, or storage unreachable) or after
 * `ms`, whichever comes first: the entry module mounts React then, so the popup renders
 * once with its figures instead of a loading state first (issue 7), and never waits longer.
 */
export function firstNews(source: PopupSource, ms: number): Promise<void> {
  if (source.getSnapshot().state !== 'loading') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      unsubscribe();
      clearTimeout(timer);
      resolve();
    };
    const unsubscribe = source.subscribe(done);
    const timer = setTimeout(done, ms);
  });
}

/** Same rows in the same order, none changed since (every write bumps updatedAt). */
function sameRows(a: MessageRecord[], b: MessageRecord[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.key !== b[i]!.key || a[i]!.updatedAt !== b[i]!.updatedAt) return false;
  return true;
}

/** An error as one line: its name and message ("VersionError: The requested version …"). */
export function describe(error: unknown): string {
  if (error instanceof Error || (error && typeof error === 'object' && 'message' in error)) {
    const e = error as { name?: string; message?: string; inner?: unknown };
    const inner = e.inner ? ` (${describe(e.inner)})` : '';
    const name = e.name && !String(e.message).startsWith(e.name) ? `${e.name}: ` : '';
    return `${name}${e.message ?? ''}${inner}`.trim();
  }
  return String(error);
}
