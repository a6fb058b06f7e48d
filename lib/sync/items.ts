/**
 * Team sync state in extension storage (apart from the agent's settings). No agent config
 * means sync is off: no alarm, no request, nothing leaves the machine. The agent's
 * password or token is kept here so the scheduled sync can sign in; the lead's admin
 * credentials never are (lib/sync/setup uses them once, in memory).
 */
import { storage } from 'wxt/utils/storage';
import type { AgentSyncConfig, LeadSyncConfig } from './config';
import type { PullCheckpoints } from './lead';
import { INITIAL_STATUS, type SyncStatus } from './status';

export const agentSyncItem = storage.defineItem<AgentSyncConfig | null>('local:syncAgent', { fallback: null, version: 1 });
export const leadSyncItem = storage.defineItem<LeadSyncConfig | null>('local:syncLead', { fallback: null, version: 1 });
export const syncStatusItem = storage.defineItem<SyncStatus>('local:syncStatus', { fallback: INITIAL_STATUS, version: 1 });
/** "Sync now": a page writes the time here, the background (watching) runs a sync at once. */
export const syncRequestItem = storage.defineItem<number | null>('local:syncRequest', { fallback: null, version: 1 });

/** Where the lead's pull of each agent database stopped, for one server (another server starts over). */
export const leadPullItem = storage.defineItem<{ server: string; seqs: Record<string, string | number> } | null>('local:syncLeadPull', { fallback: null, version: 1 });

export function storedPullCheckpoints(server: string): PullCheckpoints {
  return {
    async load() {
      const v = await leadPullItem.getValue();
      return v?.server === server ? { ...v.seqs } : {};
    },
    async save(db, seq) {
      const v = await leadPullItem.getValue();
      await leadPullItem.setValue({ server, seqs: { ...(v?.server === server ? v.seqs : {}), [db]: seq } });
    },
    async reset() {
      await leadPullItem.setValue(null);
    },
  };
}

/**
 * Earlier builds kept a local PouchDB copy of every agent database for the lead (IndexedDB
 * `_pouch_threadmark-sync-team`); the pull now reads the server's feed directly, so that copy
 * is dead weight (hundreds of MB for a large team): removed after a good pull.
 */
export const OLD_LEAD_MIRROR_IDB = '_pouch_threadmark-sync-team';
export function dropOldLeadMirror(idb: IDBFactory = indexedDB): void {
  idb.deleteDatabase(OLD_LEAD_MIRROR_IDB);
}
