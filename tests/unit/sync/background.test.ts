import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startTeamSync, SYNC_ALARM } from '../../../lib/background/sync';
import { createDb } from '../../../lib/db/database';
import { agentSyncItem, syncRequestItem, syncStatusItem } from '../../../lib/sync/items';

const settle = () => new Promise((r) => setTimeout(r, 300));
const config = { server: 'https://couch.example.org', credentials: { kind: 'password' as const, user: 'ana', password: 'pw' }, shareTexts: false };

let fetchSpy: ReturnType<typeof vi.fn>;
beforeEach(() => {
  fakeBrowser.reset();
  fetchSpy = vi.fn(async () => new Response('<html>sign in to the Wi-Fi</html>', { status: 200 }));
  vi.stubGlobal('fetch', fetchSpy);
});
afterEach(() => vi.unstubAllGlobals());

function grant(granted: boolean) {
  (fakeBrowser.permissions as unknown as { contains: unknown }).contains = vi.fn(async () => granted);
}

describe('team sync in the background', () => {
  it('does nothing without a sync configuration: no alarm, no request, even on "sync now"', async () => {
    grant(true);
    startTeamSync(createDb(`bg-${Math.random()}`));
    await syncRequestItem.setValue(Date.now());
    await settle();
    expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toBeUndefined();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('asks nothing of the network until the server’s permission is granted, and says so', async () => {
    grant(false);
    startTeamSync(createDb(`bg-${Math.random()}`));
    await agentSyncItem.setValue(config);
    await settle();
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(await syncStatusItem.getValue()).toMatchObject({ lastError: { kind: 'permission' } });
  });

  it('syncs every minute once configured, and reports a server that answers a web page', async () => {
    grant(true);
    startTeamSync(createDb(`bg-${Math.random()}`));
    await agentSyncItem.setValue(config);
    await settle();
    expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toMatchObject({ periodInMinutes: 1 });
    expect(fetchSpy).toHaveBeenCalledWith('https://couch.example.org/', expect.anything());
    expect(await syncStatusItem.getValue()).toMatchObject({ lastError: { kind: 'notCouch' }, failures: 1, waiting: 0 });

    await agentSyncItem.setValue(null);
    await settle();
    expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toBeUndefined();
  });
});
