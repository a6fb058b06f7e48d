import { getDb, type ThreadmarkDb } from '../../lib/db/database';
import { watchBlocked, watchQuery } from '../../lib/db/live';
import { createRepository } from '../../lib/db/repository';
import { popupHorizon } from '../../lib/format/periods';
import type { MessageRecord, Settings } from '../../lib/schema/records';
import { settingsItem } from '../../lib/settings/item';

/**
 * What the popup shows comes from here: the stored records of every case active in the
 * last 60 days (30 days and the 30 before them, for the change), the kept message count and
 * the settings, each re-read when the background writes. Started by the entry module before
 * React loads, so the database read runs while React is parsed. Never leaves the popup
 * blank or spinning: a database that fails, is blocked, or does not answer in time becomes
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
  db?: ThreadmarkDb;
  timeoutMs?: number;
  /** Validated settings. Default: lib/settings/validated, loaded on demand so zod stays out of the popup's first chunk. */
  loadSettings?: () => Promise<Settings>;
  /** Calls back when the stored settings change; returns the unwatch function. */
  watchSettings?: (changed: () => void) => () => void;
}

const validatedSettings = () => import('../../lib/settings/validated').then((m) => m.loadSettings());

export function startPopupData(now: number, options: PopupDataOptions = {}): PopupSource {
  const db = options.db ?? getDb();
  const loadSettings = options.loadSettings ?? validatedSettings;
  const watchSettings = options.watchSettings ?? ((changed: () => void) => settingsItem.watch(changed));
  const timeoutMs = options.timeoutMs ?? STORAGE_TIMEOUT_MS;
  const repo = createRepository(db);
  const horizon = popupHorizon(now);

  let records: MessageRecord[] | undefined;
  let settings: Settings | undefined;
  let total: number | undefined;
  let problem: StorageProblem | null = null;
  let snapshot: PopupData = { state: 'loading' };
  const listeners = new Set<() => void>();

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

  const stops = [
    watchBlocked(db, () => fail({ kind: 'blocked' })),
    watchQuery(
      () => repo.activeSince(horizon),
      (rows) => {
        records = rows;
        problem = null;
        update();
      },
      failed,
    ),
    watchQuery(
      () => repo.count(),
      (n) => {
        total = n;
        update();
      },
      () => {}, // the same failure reaches the records query, which reports it
    ),
  ];
  const readSettings = () =>
    loadSettings().then((s) => {
      settings = s;
      update();
    }, failed);
  void readSettings();
  stops.push(watchSettings(() => void readSettings()));
  const timer = setTimeout(() => {
    if (!records && !problem) fail({ kind: 'timeout', seconds: Math.max(1, Math.ceil(timeoutMs / 1000)) });
  }, timeoutMs);
  stops.push(() => clearTimeout(timer));

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    stop() {
      for (const s of stops) s();
      listeners.clear();
    },
  };
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
