import type { MessageRecord } from '../schema/records';
import { getDb, type ThreadmarkDb } from './database';

/**
 * The agent's own records for "Export my data", read by an extension page (same origin as
 * the background's database; reading needs no message). Half-open [from, to) by the
 * site's time; from null = since the first record.
 */
export async function readOwnRecords(period: { from: number | null; to: number }, db: ThreadmarkDb = getDb()): Promise<MessageRecord[]> {
  return db.messages
    .where('at')
    .between(period.from ?? -Infinity, period.to, true, false)
    .toArray();
}
