/**
 * What the status line shows (agent settings, lead panel): last synced, records waiting,
 * the last error and when the next try is, and the documents kept out of the report.
 * Kept in extension storage so every page and a restarted worker see the same.
 */
import { retryDelay } from './backoff';
import type { InvalidDoc } from './docs';
import type { SyncError, SyncErrorKind } from './server';

export interface SyncStatus {
  lastSyncedAt: number | null;
  waiting: number | null;
  lastError: { kind: SyncErrorKind; detail: string; at: number } | null;
  /** Consecutive failures; the next try waits longer after each (lib/sync/backoff). */
  failures: number;
  nextTryAt: number | null;
  /** Incoming documents that failed validation: named, never merged (at most 50 listed). */
  invalid: InvalidDoc[];
}

export const INITIAL_STATUS: SyncStatus = { lastSyncedAt: null, waiting: null, lastError: null, failures: 0, nextTryAt: null, invalid: [] };
const MAX_INVALID_LISTED = 50;

export function succeeded(s: SyncStatus, now: number, waiting: number, invalid: InvalidDoc[] = []): SyncStatus {
  return { lastSyncedAt: now, waiting, lastError: null, failures: 0, nextTryAt: null, invalid: invalid.slice(0, MAX_INVALID_LISTED) };
}

export function failed(s: SyncStatus, now: number, e: SyncError, waiting: number | null, random?: () => number): SyncStatus {
  const failures = s.failures + 1;
  return { ...s, waiting: waiting ?? s.waiting, lastError: { kind: e.kind, detail: e.detail, at: now }, failures, nextTryAt: now + retryDelay(failures, random) };
}

/** May the scheduled (alarm) run go now? "Sync now" always may. */
export function dueNow(s: SyncStatus, now: number): boolean {
  return s.nextTryAt === null || now >= s.nextTryAt;
}
