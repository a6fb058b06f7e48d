// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://x.com/home"}
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createHandlers } from '../../../lib/background/handlers';
import { createDb, type ThreadmarkDb } from '../../../lib/db/database';
import { createRepository } from '../../../lib/db/repository';
import type { MessageView, ObserveInput, PeekInput, TagInput } from '../../../lib/messaging/protocol';
import { PAGE_ATTR, type BarSpaceSpec } from '../../../lib/overlay/bar-space';
import { REFRESH_AFTER_TAG_MS, startOverlay } from '../../../lib/overlay/runtime';
import { DEFAULT_SETTINGS } from '../../../lib/schema/defaults';
import { SEL, xAdapter } from '../../../lib/sites/x';
import { xBarSpace } from '../../../lib/sites/x/bar-space';
import { buildConversationModel, careConversation } from '../../fixtures/x/conversation-page';
import { fakeBars, flush, loadPage } from './runtime-harness';

/**
 * The content-script runtime against the real X adapter, on generated pages, talking to the
 * real background handlers (fake-indexeddb). Bars are plain records here: the React bar has
 * its own tests.
 */
const SPOTIFY = 'eGPmyP8XzT1HWlzAPv2u';
let db: ThreadmarkDb;
let ctx: ContentScriptContext;

function start(opts: { barSpace?: BarSpaceSpec } = {}) {
  const h = createHandlers({ repo: createRepository(db), settings: async () => DEFAULT_SETTINGS, now: () => Date.now() });
  let failures = 0;
  const calls = { peek: 0, tag: 0 };
  const flaky = <I, O>(fn: (i: I) => Promise<O>) => async (i: I): Promise<O> => {
    // A service worker that is being restarted answers like this until it is up again.
    if (failures-- > 0) throw new Error('Could not establish connection. Receiving end does not exist.');
    return fn(i);
  };
  const { bars, mountBar, barFor } = fakeBars();
  const overlay = startOverlay({
    adapter: xAdapter,
    ctx,
    api: {
      observe: flaky<ObserveInput, MessageView[]>((d) => h.observe(d)),
      peek: flaky<PeekInput, MessageView[]>((d) => (calls.peek++, h.peek(d))),
      tag: flaky<TagInput, MessageView>((d) => (calls.tag++, h.tag(d))),
    },
    settings: { get: async () => DEFAULT_SETTINGS, watch: () => () => {} },
    mountBar,
    layoutGraceMs: 0,
    ...opts,
  });
  return {
    overlay,
    bars,
    calls,
    barFor,
    /** The next n messages find no background (a stopped worker restarting). */
    failNext: (n: number) => void (failures = n),
  };
}

beforeEach(() => {
  db = createDb(`rt-${Math.random()}`);
  ctx = new ContentScriptContext('test');
});
afterEach(async () => {
  ctx.notifyInvalidated();
  await db.delete();
});

describe('the content-script runtime on X', () => {
  const page = buildConversationModel(careConversation(SPOTIFY), { focusIndex: 0, discoverMore: true, script: false, loggedInAs: 'SpotifyCares' });
  const ids = page.expected.filter((p) => p.id).map((p) => p.id!);

  it('stores every post of a conversation the brand takes part in, once', async () => {
    loadPage(page);
    const { bars } = start();
    await flush();
    expect(bars.filter((b) => b.host.isConnected).map((b) => b.slot?.id)).toEqual(ids);
    await vi.waitFor(async () => expect(await db.messages.count()).toBe(ids.length));
    // More passes (X re-renders, scrolls) write nothing new.
    document.querySelector('[data-testid="primaryColumn"]')!.append(document.createElement('div'));
    await flush();
    expect(await db.messages.count()).toBe(ids.length);
  });

  it("stores the customer's posts seen before the brand's reply appeared, once it appears", async () => {
    loadPage(page);
    // The brand's posts are not on the page yet (still loading): nothing marks the conversation as one to keep.
    const brandCells = page.expected.filter((p) => p.id && p.author === 'spotifycares').map((p) => {
      const cell = document.querySelector(`a[href$="/status/${p.id}"]`)!.closest('[data-testid="cellInnerDiv"]')!;
      const mark = document.createComment('cell');
      cell.replaceWith(mark);
      return { cell, mark };
    });
    expect(brandCells.length).toBeGreaterThan(0);
    start();
    await flush();
    expect(await db.messages.count()).toBe(0);
    for (const { cell, mark } of brandCells) mark.replaceWith(cell);
    await vi.waitFor(async () => expect((await db.messages.toArray()).map((r) => r.id).sort()).toEqual([...ids].sort()));
  });

  it('keeps a tag made while the service worker restarts', async () => {
    loadPage(page);
    const { barFor, failNext } = start();
    await flush();
    await vi.waitFor(async () => expect(await db.messages.count()).toBe(ids.length));
    failNext(3);
    barFor(ids[0]!)!.onTag({ queryType: 'complaint' });
    await vi.waitFor(async () => expect((await db.messages.get(`x:${ids[0]}`))?.queryType).toBe('complaint'), { timeout: 5000 });
    expect(await db.messages.count()).toBe(ids.length);
  });

  it('reads the views again once after a burst of tags, not once per tag', async () => {
    loadPage(page);
    const { barFor, calls, overlay } = start();
    await flush();
    await vi.waitFor(async () => expect(await db.messages.count()).toBe(ids.length));
    await new Promise((r) => setTimeout(r, REFRESH_AFTER_TAG_MS + 50));
    calls.peek = 0;
    for (const id of ids) barFor(id)!.onTag({ status: 'pending' });
    await vi.waitFor(async () => expect((await db.messages.toArray()).filter((r) => r.status === 'pending')).toHaveLength(ids.length));
    expect(calls.tag).toBe(ids.length);
    await vi.waitFor(() => expect(calls.peek).toBe(1), { timeout: 3000 });
    await new Promise((r) => setTimeout(r, REFRESH_AFTER_TAG_MS + 100));
    expect(calls.peek).toBe(1);
    // Every bar shows its tag, acknowledged.
    const state = overlay.store.getState();
    expect(ids.map((id) => [state.views[id]?.status, state.saving[id]])).toEqual(ids.map(() => ['pending', 0]));
  });

  it('re-keys a bar when X recycles a post element for another post', async () => {
    loadPage(page);
    const { barFor } = start();
    await flush();
    const [first, second] = page.expected.filter((p) => p.role === 'reply');
    const article = barFor(first!.id!)!.host.closest('article')!;
    const other = barFor(second!.id!)!.host.closest('article')!;
    // X reuses the element: the same <article> now shows the other post.
    article.innerHTML = other.innerHTML;
    await flush();
    const recycled = barFor(second!.id!);
    expect(recycled).toBeDefined();
    expect(barFor(first!.id!)).toBeUndefined();
  });

  it('reads again only the posts X changed since the last pass', async () => {
    loadPage(page);
    const { overlay } = start();
    await flush();
    const read = vi.spyOn(xAdapter, 'signature');
    const [, second] = page.expected.filter((p) => p.role === 'reply');
    document.querySelector(`a[href$="/status/${second!.id}"]`)!.closest('article')!.append(document.createElement('div'));
    overlay.pass();
    expect(read).toHaveBeenCalledTimes(1);
    read.mockRestore();
  });

  it('shows a post X fills in after it rendered it (its time link arrives later)', async () => {
    loadPage(page);
    const [first] = page.expected.filter((p) => p.role === 'reply');
    const time = document.querySelector(`a[href$="/status/${first!.id}"] time`)!;
    const link = time.parentElement!;
    const parent = link.parentElement!;
    link.remove();
    const { barFor, bars } = start();
    await flush();
    expect(barFor(first!.id!)).toBeUndefined();
    const skipped = bars.filter((b) => b.host.isConnected && b.slot?.id === null).length;
    parent.append(link);
    await flush();
    expect(barFor(first!.id!)).toBeDefined();
    expect(bars.filter((b) => b.host.isConnected && b.slot?.id === null)).toHaveLength(skipped - 1);
  });

  it('pauses every bar and records nothing when the page no longer looks like X', async () => {
    loadPage(page);
    for (const el of document.querySelectorAll('[data-testid="User-Name"]')) el.removeAttribute('data-testid');
    const { overlay } = start();
    await flush();
    expect(overlay.store.getState().paused?.missing).toContain('User-Name');
    expect(await db.messages.count()).toBe(0);
  });

  it("reserves a bar's room exactly on the posts that show a bar, and nowhere once the page shows none", async () => {
    loadPage(page);
    const barSpace = xBarSpace('threadmark-bar');
    const { bars, overlay } = start({ barSpace });
    await flush();
    const withBar = new Set(bars.filter((b) => b.host.isConnected).map((b) => b.host.parentElement));
    const roomy = new Set(document.querySelectorAll(barSpace.posts));
    // The page has posts without a bar ("Discover more", promoted): they get no room.
    expect(document.querySelectorAll(`${SEL.timeline} article`).length).toBeGreaterThan(withBar.size);
    expect(roomy).toEqual(withBar);
    expect([...withBar].every((a) => a?.lastElementChild?.localName === 'threadmark-bar')).toBe(true);
    window.history.replaceState(null, '', '/home');
    overlay.pass();
    expect(document.documentElement.hasAttribute(PAGE_ATTR)).toBe(false);
    expect(document.querySelectorAll(barSpace.posts)).toHaveLength(0);
  });

  it('stops everything when the extension is reloaded or the page left', async () => {
    loadPage(page);
    const { bars } = start();
    await flush();
    ctx.notifyInvalidated();
    expect(bars.every((b) => !b.host.isConnected)).toBe(true);
  });
});
