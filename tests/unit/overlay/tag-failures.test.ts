// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://x.com/home"}
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createHandlers } from '../../../lib/background/handlers';
import { createDb, type ThreadmarkDb } from '../../../lib/db/database';
import { createRepository } from '../../../lib/db/repository';
import type { TagInput } from '../../../lib/messaging/protocol';
import { StorageUnavailableError } from '../../../lib/messaging/replies';
import { startOverlay } from '../../../lib/overlay/runtime';
import { DEFAULT_SETTINGS } from '../../../lib/schema/defaults';
import { xAdapter } from '../../../lib/sites/x';
import { buildConversationModel, careConversation } from '../../fixtures/x/conversation-page';
import { fakeBars, flush, loadPage } from './runtime-harness';

/**
 * What a bar shows after a tag that failed: what is stored, never a guess. The runtime runs
 * against the real X adapter and the real handlers (fake-indexeddb); only the channel fails.
 */
const SPOTIFY = 'eGPmyP8XzT1HWlzAPv2u';
let db: ThreadmarkDb;
let ctx: ContentScriptContext;
const page = buildConversationModel(careConversation(SPOTIFY), { focusIndex: 0, script: false, loggedInAs: 'SpotifyCares' });
const ids = page.expected.filter((p) => p.id).map((p) => p.id!);

function start(tag: (h: ReturnType<typeof createHandlers>, data: TagInput) => Promise<unknown>) {
  loadPage(page);
  const h = createHandlers({ repo: createRepository(db), settings: async () => DEFAULT_SETTINGS, now: () => Date.now() });
  const { mountBar, barFor } = fakeBars();
  const overlay = startOverlay({
    adapter: xAdapter,
    ctx,
    api: { observe: (d) => h.observe(d), peek: (d) => h.peek(d), tag: (d) => tag(h, d) as never },
    settings: { get: async () => DEFAULT_SETTINGS, watch: () => () => {} },
    mountBar,
    layoutGraceMs: 0,
  });
  return { store: overlay.store, barFor: (id: string) => barFor(id)! };
}

beforeEach(() => {
  db = createDb(`tf-${Math.random()}`);
  ctx = new ContentScriptContext('test');
});
afterEach(async () => {
  ctx.notifyInvalidated();
  vi.useRealTimers();
  await db.delete();
});

describe('a tag whose write fails', () => {
  it('shows the tag as stored, without an error, when it landed but its answer never came back', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { store, barFor } = start(async (h, data) => {
      await h.tag(data); // stored...
      vi.setSystemTime(Date.now() + 31_000); // ...and the worker stops before answering, for longer than retries last
      throw new Error('A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received');
    });
    await flush();
    await vi.waitFor(async () => expect(await db.messages.count()).toBe(ids.length));
    barFor(ids[0]!).onTag({ queryType: 'complaint' });
    await vi.waitFor(() => expect(store.getState().saving[ids[0]!]).toBe(0), { timeout: 5000 });
    expect((await db.messages.get(`x:${ids[0]}`))?.queryType).toBe('complaint');
    expect(store.getState().views[ids[0]!]?.queryType).toBe('complaint');
    expect(store.getState().errors[ids[0]!]).toBeUndefined();
  });

  it('keeps the tag queued while storage is unreachable, says why, and stores it when it is back', async () => {
    let unreachable = 3;
    const { store, barFor } = start(async (h, data) => {
      if (unreachable-- > 0) throw new StorageUnavailableError('blocked');
      return h.tag(data);
    });
    await flush();
    await vi.waitFor(async () => expect(await db.messages.count()).toBe(ids.length));
    barFor(ids[0]!).onTag({ sentiment: 'negative' });
    await vi.waitFor(() => expect(store.getState().storageProblem).toEqual({ problem: 'blocked', detail: '' }));
    expect(store.getState().views[ids[0]!]?.sentiment).toBe('negative'); // still shown, still saving
    expect(store.getState().saving[ids[0]!]).toBe(1);
    await vi.waitFor(() => expect(store.getState().saving[ids[0]!]).toBe(0), { timeout: 5000 });
    expect(store.getState().storageProblem).toBeNull();
    expect((await db.messages.get(`x:${ids[0]}`))?.sentiment).toBe('negative');
  });
});
