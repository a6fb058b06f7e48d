// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://x.com/home"}
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createHandlers } from '../../../lib/background/handlers';
import { createDb, type ThreadmarkDb } from '../../../lib/db/database';
import { createRepository } from '../../../lib/db/repository';
import { startOverlay } from '../../../lib/overlay/runtime';
import { DEFAULT_SETTINGS } from '../../../lib/schema/defaults';
import { xAdapter } from '../../../lib/sites/x';
import { buildConversationModel, careConversation } from '../../fixtures/x/conversation-page';
import { fakeBars, flush, loadPage } from './runtime-harness';

/**
 * Issue 11 §3 through the real runtime and handlers: with no brand handles in settings
 * (the set-up the README allows) the brand is known only from the account X shows.
 */
const SPOTIFY = 'eGPmyP8XzT1HWlzAPv2u';
let db: ThreadmarkDb;
let ctx: ContentScriptContext;

/** What a pass finds when X has not rendered the nav yet: no profile link, no account switcher. */
function hideAccount() {
  for (const el of document.querySelectorAll('[data-testid="AppTabBar_Profile_Link"], [data-testid="SideNav_AccountSwitcher_Button"]')) el.remove();
}

function start() {
  const h = createHandlers({ repo: createRepository(db), settings: async () => DEFAULT_SETTINGS, now: () => Date.now() });
  const { mountBar, barFor } = fakeBars();
  const overlay = startOverlay({
    adapter: xAdapter,
    ctx,
    api: { observe: (d) => h.observe(d), peek: (d) => h.peek(d), tag: (d) => h.tag(d) },
    settings: { get: async () => DEFAULT_SETTINGS, watch: () => () => {} },
    mountBar,
    layoutGraceMs: 0,
  });
  return { overlay, barFor };
}

/** X re-renders a cell of the list: the runtime passes over the page again. */
async function repass() {
  const cell = xAdapter.listRoot(document)!.firstElementChild!;
  cell.append(document.createElement('div'));
  await flush();
}

beforeEach(() => {
  db = createDb(`id-${Math.random()}`);
  ctx = new ContentScriptContext('test');
});
afterEach(async () => {
  ctx.notifyInvalidated();
  await db.delete();
});

describe('who the brand is, on an X page with no brand handles set', () => {
  const page = buildConversationModel(careConversation(SPOTIFY), { focusIndex: 0, script: false, loggedInAs: 'SpotifyCares' });
  const brandId = page.expected.find((p) => p.id && p.author === 'spotifycares')!.id!;

  it('keeps "My reply" when a later pass does not show the logged-in account', async () => {
    loadPage(page);
    const { barFor } = start();
    await flush();

    await vi.waitFor(async () => expect((await db.messages.get(`x:${brandId}`))?.fromBrand).toBe(true));
    barFor(brandId)!.onTag({ sentBy: 'me' });
    await vi.waitFor(async () => expect((await db.messages.get(`x:${brandId}`))?.sentBy).toBe('me'));

    hideAccount();
    await repass();
    await new Promise((r) => setTimeout(r, 50));
    expect(await db.messages.get(`x:${brandId}`)).toMatchObject({ fromBrand: true, sentBy: 'me' });
    expect(barFor(brandId)!.slot).toMatchObject({ fromBrand: true });
  });

  it('pauses classification instead of calling every post a customer post when no brand is known', async () => {
    loadPage(page);
    hideAccount();
    const { overlay } = start();
    await flush();
    expect(overlay.store.getState().paused).toEqual({ missing: [], identity: { kind: 'noBrand' } });
    expect(await db.messages.count()).toBe(0);
  });

  it('does not switch silently to another account the page shows later', async () => {
    loadPage(page);
    const { overlay } = start();
    await flush();
    await vi.waitFor(async () => expect((await db.messages.get(`x:${brandId}`))?.fromBrand).toBe(true));
    const stored = await db.messages.toArray();

    document.querySelector('[data-testid="AppTabBar_Profile_Link"]')!.setAttribute('href', '/dana');
    await repass();
    expect(overlay.store.getState().paused).toEqual({ missing: [], identity: { kind: 'otherAccount', kept: 'spotifycares', shown: 'dana' } });
    expect(await db.messages.toArray()).toEqual(stored);
  });
});
