/**
 * The agent's team sync in the background (MV3): one-shot replication from an alarm every
 * minute while sync is configured (backing off after failures), and at once on "sync now".
 * Without a sync config there is no alarm and no request. One run at a time.
 */
import { browser } from '#imports';
import type { ThreadmarkDb } from '../db/database';
import { countOutbox, readOutbox } from '../db/sync-outbox';
import { countWaiting, runAgentSync, type AgentSyncDeps } from '../sync/agent';
import { agentSyncConfigSchema, originPattern, type AgentSyncConfig } from '../sync/config';
import { agentSyncItem, syncRequestItem, syncStatusItem } from '../sync/items';
import { AGENT_OUTBOX_DB, openLocal, openRemote, type Db } from '../sync/pouch';
import { SyncError, toSyncError } from '../sync/server';
import { dueNow, failed, succeeded } from '../sync/status';

export const SYNC_ALARM = 'team-sync';

export function startTeamSync(db: ThreadmarkDb, now: () => number = Date.now): void {
  let local: Db | undefined;
  let running: Promise<void> | undefined;

  const depsFor = (config: AgentSyncConfig): AgentSyncDeps => {
    local ??= openLocal(AGENT_OUTBOX_DB);
    return {
      local,
      openRemote: (url) => openRemote(url, config.credentials),
      readOutbox: (after, limit) => readOutbox(db, after, limit),
      countOutbox: (after) => countOutbox(db, after),
      fetch: (...args) => fetch(...args),
    };
  };

  async function syncOnce(scheduled: boolean): Promise<void> {
    const parsed = agentSyncConfigSchema.safeParse(await agentSyncItem.getValue());
    if (!parsed.success) return;
    const config = parsed.data;
    const status = await syncStatusItem.getValue();
    if (scheduled && !dueNow(status, now())) return;
    const deps = depsFor(config);
    try {
      // Granted from the settings page (a user gesture); revoked in the browser, it stops here.
      if (!(await browser.permissions.contains({ origins: [originPattern(config.server)] }))) {
        throw new SyncError('permission', config.server);
      }
      const result = await runAgentSync(config, deps);
      await syncStatusItem.setValue(succeeded(status, now(), result.waiting));
    } catch (e) {
      const waiting = await countWaiting(config, deps).catch(() => null);
      await syncStatusItem.setValue(failed(status, now(), toSyncError(e), waiting));
    }
  }

  function run(scheduled: boolean): Promise<void> {
    running ??= syncOnce(scheduled)
      .catch((e: unknown) => console.warn('Threadmark: team sync failed', e))
      .finally(() => (running = undefined));
    return running;
  }

  // One at a time, each from the stored value: a start-up read never undoes a newer change.
  let scheduling = Promise.resolve();
  function reschedule() {
    scheduling = scheduling.then(async () => {
      if (await agentSyncItem.getValue()) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
      else await browser.alarms.clear(SYNC_ALARM);
    });
  }

  // Listeners first, synchronously: an alarm may be what woke the worker.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void run(true);
  });
  syncRequestItem.watch(() => void run(false));
  agentSyncItem.watch((config) => {
    reschedule();
    if (config) void run(false);
  });
  reschedule();
}
