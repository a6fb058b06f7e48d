import PouchDB from 'pouchdb-browser';
// @ts-expect-error no types: the in-memory adapter PouchDB ships for Node (fake-indexeddb lacks what PouchDB's idb adapter needs)
import memory from 'pouchdb-adapter-memory';
import type { Db } from '../../lib/sync/pouch-types';

PouchDB.plugin(memory);

/** A local database as the extension's, kept in memory for the Node tests. */
export function memoryDb(name: string): Db {
  return new PouchDB(name, { adapter: 'memory' });
}
