import PouchDB from 'pouchdb-browser';
// @ts-expect-error no types: the in-memory adapter PouchDB ships for Node (fake-indexeddb lacks what PouchDB's idb adapter needs)
import memory from 'pouchdb-adapter-memory';
import type { PullCheckpoints } from '../../lib/sync/lead';
import type { Db } from '../../lib/sync/pouch-types';

PouchDB.plugin(memory);

/** A local database as the extension's, kept in memory for the Node tests. */
export function memoryDb(name: string): Db {
  return new PouchDB(name, { adapter: 'memory' });
}

/** The lead's pull checkpoints kept in memory (the extension keeps them in storage: lib/sync/items). */
export function memoryCheckpoints(): PullCheckpoints & { seqs: Record<string, string | number> } {
  const c = {
    seqs: {} as Record<string, string | number>,
    load: async () => ({ ...c.seqs }),
    save: async (db: string, seq: string | number) => void (c.seqs[db] = seq),
    reset: async () => void (c.seqs = {}),
  };
  return c;
}
