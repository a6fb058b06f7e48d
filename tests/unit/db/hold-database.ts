import { SCHEMA_VERSIONS } from '../../../lib/db/database';

/**
 * Opens database `name` at a version above every shipped one from "another tab" and keeps
 * the connection, so Threadmark's own open or upgrade is blocked until it is closed.
 */
export function holdAtVersion1(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, SCHEMA_VERSIONS[0]!.version * 10);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore('messages', { keyPath: 'key' });
      store.createIndex('caseKey', 'caseKey');
      store.createIndex('at', 'at');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
