import { liveQuery, type Dexie } from 'dexie';

/**
 * Runs `query` now and again whenever a write changes what it read (Dexie live query), so
 * callers outside lib/db need not import Dexie. Errors (a database that fails to open, a
 * read that fails) go to `onError`. Returns the function that stops watching.
 */
export function watchQuery<T>(query: () => Promise<T>, onValue: (value: T) => void, onError: (error: unknown) => void): () => void {
  const subscription = liveQuery(query).subscribe({ next: onValue, error: onError });
  return () => subscription.unsubscribe();
}

/**
 * Calls `onBlocked` when opening `db` waits on another connection that holds an older
 * version open (an old Threadmark page still running): the open would otherwise hang.
 */
export function watchBlocked(db: Dexie, onBlocked: () => void): () => void {
  const handler = () => onBlocked();
  db.on('blocked', handler);
  return () => db.on('blocked').unsubscribe(handler);
}
