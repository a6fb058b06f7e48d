import { getDb, type ThreadmarkDb } from '../../lib/db/database';
import { watchBlocked, watchQuery } from '../../lib/db/live';
import { createRepository } from '../../lib/db/repository';
import type { MessageRecord } from '../../lib/schema/records';

export interface LiveHandlers {
  records(rows: MessageRecord[]): void;
  total(n: number): void;
  blocked(): void;
  failed(error: unknown): void;
}

/**
 * The popup's live reads through Dexie: every case active since `since` and the kept count,
 * re-read whenever the background writes; a blocked open is reported at once. Loaded after
 * the popup's first read (popup-data.ts), so Dexie is not parsed before it.
 */
export function watchPopupData(since: number, on: LiveHandlers, db: ThreadmarkDb = getDb()): () => void {
  const repo = createRepository(db);
  const stops = [
    watchBlocked(db, on.blocked),
    watchQuery(() => repo.activeSince(since), on.records, on.failed),
    // The same failure reaches the records query, which reports it.
    watchQuery(() => repo.count(), on.total, () => {}),
  ];
  return () => stops.forEach((s) => s());
}
