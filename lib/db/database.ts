import Dexie, { type EntityTable } from 'dexie';
import type { MessageRecord } from '../schema/records';

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
];

/** One stored aggregate (`meta` store). */
export interface MetaRecord {
  key: string;
  value: number;
}
/** The meta key of the number of stored messages; absent means none (a new database). */
export const MESSAGE_COUNT = 'messageCount';

export type ThreadmarkDb = Dexie & { messages: EntityTable<MessageRecord, 'key'>; meta: EntityTable<MetaRecord, 'key'> };

/** Opens (lazily) the extension-origin database. Never import this from a content script. */
export function createDb(name = DB_NAME, versions = SCHEMA_VERSIONS): ThreadmarkDb {
  const db = new Dexie(name) as ThreadmarkDb;
  for (const v of versions) {
    const version = db.version(v.version).stores(v.stores);
    if (v.upgrade) version.upgrade(v.upgrade);
  }
  return db;
}

let shared: ThreadmarkDb | undefined;
export function getDb(): ThreadmarkDb {
  shared ??= createDb();
  return shared;
}
