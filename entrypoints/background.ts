import { browser, defineBackground } from '#imports';
import { refreshBadge } from '../lib/background/badge';
import { registerHandlers } from '../lib/background/handlers';
import { startTeamSync } from '../lib/background/sync';
import { getDb, OPEN_TIMEOUT_MS } from '../lib/db/database';
import { createRepository } from '../lib/db/repository';
import { onMessage } from '../lib/messaging/client';
import type { Settings } from '../lib/schema/records';
import { settingsItem } from '../lib/settings/item';
import { loadSettings } from '../lib/settings/validated';

// Wiring only. Handlers are registered synchronously: a stopped MV3 worker is restarted
// by the incoming message and must have its listener in place at once.
export default defineBackground(() => {
  // Bounded: a blocked or failed database answers "unavailable" instead of hanging the outbox.
  const repo = createRepository(getDb(), { openTimeoutMs: OPEN_TIMEOUT_MS });
  let cached: Promise<Settings> | undefined;
  const settings = () => (cached ??= loadSettings());
  settingsItem.watch(() => {
    cached = undefined;
    updateBadge();
  });

  let badgeTimer: ReturnType<typeof setTimeout> | undefined;
  function updateBadge() {
    clearTimeout(badgeTimer);
    badgeTimer = setTimeout(async () => {
      try {
        await refreshBadge(repo, await settings(), Date.now());
      } catch (e) {
        console.warn('Threadmark: badge not updated', e);
      }
    }, 500);
  }

  registerHandlers(onMessage as never, { repo, settings, now: Date.now, afterWrite: updateBadge });

  // Deadlines pass while nobody writes: recount overdue cases every minute.
  browser.alarms.create('badge', { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => alarm.name === 'badge' && updateBadge());
  browser.runtime.onStartup.addListener(updateBadge);
  updateBadge();

  // Team sync (issue 10): idle unless the agent configured a server.
  startTeamSync(getDb());
});
