import type { MessageRecord } from '../schema/records';

/**
 * The popup's first read, with plain IndexedDB: the same rows as
 * `createRepository(db).activeSince(since)` and the kept message count, without loading
 * Dexie first (the popup starts this before any library is parsed; Dexie and the live
 * queries follow). Read-only: it never creates or upgrades the database, and it closes its
 * connection as soon as the read is done or another connection wants a new version.
 *
 * Resolves null when there is nothing to read this way (no database yet, or one at an older
 * version without the stores): the caller then waits for the Dexie path.
 */
export interface WindowRead {
  records: MessageRecord[];
  total: number;
}

// Must match lib/db/database.ts (tests/unit/popup/window-read.test.ts checks it).
export const WINDOW_READ_SCHEMA = { db: 'threadmark', messages: 'messages', meta: 'meta', at: 'at', caseKey: 'caseKey', count: 'messageCount' } as const;
/** As in repository.activeSince: a case whose root is this far inside the window has no earlier messages. */
const ROOT_MARGIN_MS = 86_400_000;

/** User Timing marks of the read's steps (bench/popup.ts reads them to break an open down; a mark costs microseconds). */
export const mark = (name: string): void => void globalThis.performance?.mark?.(`threadmark:${name}`);

export function readWindow(since: number, name: string = WINDOW_READ_SCHEMA.db): Promise<WindowRead | null> {
  const S = WINDOW_READ_SCHEMA;
  return new Promise((resolve, reject) => {
    mark('read-start');
    const open = indexedDB.open(name);
    // No database yet: create nothing (aborting the upgrade), Dexie creates it with its schema.
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => (open.error?.name === 'AbortError' ? resolve(null) : reject(open.error));
    open.onsuccess = () => {
      mark('db-open');
      const db = open.result;
      db.onversionchange = () => db.close();
      if (!db.objectStoreNames.contains(S.messages) || !db.objectStoreNames.contains(S.meta)) {
        db.close();
        resolve(null);
        return;
      }
      const tx = db.transaction([S.messages, S.meta], 'readonly');
      const messages = tx.objectStore(S.messages);
      const count = tx.objectStore(S.meta).get(S.count);
      let result: MessageRecord[] = [];
      const recent = messages.index(S.at).getAll(IDBKeyRange.lowerBound(since));
      recent.onsuccess = () => {
        mark('window-rows');
        const rows = recent.result as MessageRecord[];
        result = rows;
        const rootInWindow = new Set<string>();
        for (const r of rows) if (r.id === r.rootId && r.at >= since + ROOT_MARGIN_MS) rootInWindow.add(r.caseKey);
        const older = [...new Set(rows.flatMap((r) => (rootInWindow.has(r.caseKey) ? [] : [r.caseKey])))];
        // All in flight at once in the same transaction, in case order (as readCases).
        const reads = older.map((k) => messages.index(S.caseKey).getAll(k));
        let left = reads.length;
        for (const req of reads) {
          req.onsuccess = () => {
            if (--left > 0) return;
            const earlier = reads.flatMap((q) => (q.result as MessageRecord[]).filter((r) => r.at < since));
            if (earlier.length) result = [...earlier, ...rows];
          };
        }
      };
      tx.oncomplete = () => {
        mark('read-done');
        db.close();
        resolve({ records: result, total: (count.result as { value?: number } | undefined)?.value ?? 0 });
      };
      tx.onabort = tx.onerror = () => {
        db.close();
        reject(tx.error);
      };
    };
  });
}
