import type { MessageRecord } from '../schema/records';
import type { ThreadmarkDb } from './database';

/**
 * The team-sync outbox: the agent's records changed after a checkpoint, oldest change
 * first. The checkpoint is `(updatedAt, key)` of the last record the bridge handed over, so
 * equal times never skip a record and a stopped worker resumes exactly after it.
 */
export interface OutboxCheckpoint {
  updatedAt: number;
  key: string;
}

export const OUTBOX_START: OutboxCheckpoint = { updatedAt: -1, key: '' };

export async function readOutbox(db: ThreadmarkDb, after: OutboxCheckpoint, limit: number): Promise<MessageRecord[]> {
  return db.messages.where('[updatedAt+key]').above([after.updatedAt, after.key]).limit(limit).toArray();
}

/** How many records wait after the checkpoint (for the status line). */
export async function countOutbox(db: ThreadmarkDb, after: OutboxCheckpoint): Promise<number> {
  return db.messages.where('[updatedAt+key]').above([after.updatedAt, after.key]).count();
}
