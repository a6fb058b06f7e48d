import Dexie, { type EntityTable } from 'dexie';
import { StorageUnavailableError } from '../messaging/replies';
import type { MessageRecord } from '../schema/records';

export { StorageUnavailableError };

export const DB_NAME = 'threadmark';

/**
 * Every schema version the extension ever shipped, oldest first. Never edit a shipped
 * entry: add a new one (with an `upgrade` when stored data must change) so that an
 * agent's years of history open in the new build. tests/unit/db/upgrade.test.ts opens a
 * database written at each older version with the current code.
 */
export const SCHEMA_VERSIONS: ReadonlyArray<{
  version: number;
  stores: Record<string, string>;
  upgrade?: (tx: import('dexie').Transaction) => Promise<void>;
}> = [
  {
    version: 1,
    stores: {
      // key = `${platform}:${id}`: one row per platform message, so writes are idempotent.
      // caseKey: a case's messages; at: the site's time, for period windows.
      messages: 'key, caseKey, at',
    },
  },
  {
    version: 2,
    stores: {
      messages: 'key, caseKey, at',
      // Aggregates kept by the writer in the same transaction as the rows they sum up
      // (`messageCount`), so readers never scan the history: IndexedDB's count() walks
      // every row (~0.25 s at 100k in Chromium).
      meta: 'key',
    },
    async upgrade(tx) {
      const count = await tx.table('messages').count();
      await tx.table('meta').put({ key: MESSAGE_COUNT, value: count });
    },
  },
  {
    version: 3,
    stores: {
      // [updatedAt+key]: the team-sync outbox (lib/db/sync-outbox) reads the records changed
      // since its checkpoint without scanning the history.
      messages: 'key, caseKey, at, [updatedAt+key]',
      meta: 'key',
    },
  },
  {
    version: 4,
    stores: {
      // [platform+at]: one site's messages of a period (the popup's site filter, issue 8)
      // without reading the other site's. Facebook's new fields (approxFrom/approxTo,
      // pageId, sentAsPerson) are optional and unindexed: no row needs rewriting.
      messages: 'key, caseKey, at, [updatedAt+key], [platform+at]',
      meta: 'key',
    },
  },
];

/** One stored aggregate (`meta` store). */
export interface MetaRecord {
  key: string;
  value: number;
}
/** The meta key of the number of stored messages; absent means none (a new database). */
export const MESSAGE_COUNT = 'messageCount';

export type ThreadmarkDb = Dexie & { messages: EntityTable<MessageRecord, 'key'>; meta: EntityTable<MetaRecord, 'key'> };

/** How long a read or write waits for the database to open before saying it cannot. */
export const OPEN_TIMEOUT_MS = 4000;

/** Databases whose current open is blocked by an older connection (Dexie's `blocked`). */
const blocked = new WeakSet<Dexie>();

/**
 * Opens (lazily) the extension-origin database. Never import this from a content script.
 * Dexie closes this connection when another one asks to upgrade or delete the database
 * (`versionchange`), and opens it again on the next use: it never blocks a newer build.
 */
export function createDb(name = DB_NAME, versions = SCHEMA_VERSIONS): ThreadmarkDb {
  const db = new Dexie(name) as ThreadmarkDb;
  for (const v of versions) {
    const version = db.version(v.version).stores(v.stores);
    if (v.upgrade) version.upgrade(v.upgrade);
  }
  db.on('blocked', () => void blocked.add(db));
  return db;
}

/**
 * Resolves once `db` is open, or rejects within `timeoutMs` (null: no limit) with a StorageUnavailableError
 * saying why: `blocked` (another connection at an older version keeps it from upgrading),
 * `timeout` (it did not open in time) or `failed` (the open failed; the browser's reason in
 * `detail`). Dexie's own open waits forever on a blocked upgrade, and after a failed open it
 * refuses every request until opened again: this opens again on the next call, so the
 * database comes back as soon as it can.
 */
export function openWithin(db: Dexie, timeoutMs: number | null = OPEN_TIMEOUT_MS): Promise<void> {
  // A Dexie promise, not a native one: awaited inside a live query (the popup), a native
  // promise would lose Dexie's zone and the query would stop following writes.
  if (db.isOpen()) {
    blocked.delete(db);
    return Dexie.Promise.resolve();
  }
  return new Dexie.Promise<void>((resolve, reject) => {
    const timer = timeoutMs === null ? undefined : setTimeout(() => reject(new StorageUnavailableError(blocked.has(db) ? 'blocked' : 'timeout')), timeoutMs);
    // db.open() while an open is under way joins it, so a blocked open is not started twice.
    db.open().then(
      () => {
        clearTimeout(timer);
        blocked.delete(db);
        resolve();
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(new StorageUnavailableError('failed', e instanceof Error ? `${e.name}: ${e.message}` : String(e)));
      },
    );
  });
}

/** Whether `e` comes from the database (Dexie or IndexedDB), rather than from a bug or bad input. */
export function isStorageError(e: unknown): boolean {
  return e instanceof StorageUnavailableError || e instanceof Dexie.DexieError || (typeof DOMException !== 'undefined' && e instanceof DOMException);
}

let shared: ThreadmarkDb | undefined;
export function getDb(): ThreadmarkDb {
  shared ??= createDb();
  return shared;
}
