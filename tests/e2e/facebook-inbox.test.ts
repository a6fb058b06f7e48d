import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/schema/defaults';
import { careConversation } from '../fixtures/x/care-data';
import { buildInboxPage, type InboxPage } from '../fixtures/facebook/inbox-page';
import { SPOTIFY_SESSION } from '../fixtures/facebook/standard-pages';
import { barAccess } from './bar-access';
import { type ChromiumSession, launchChromium, storedMessages, writeSettings } from './harness';
import { shiftConversation } from './pages';

/**
 * Meta Business Suite's inbox end to end on the production build: a real SpotifyCares
 * Messenger thread (moved to end 20 minutes ago) served for business.facebook.com by
 * interception. Every message gets a bar; a tag stores the thread with Business Suite's own
 * data-utime times, the direction, and the thread as the case.
 */
const MIN = 60_000;

/** Page-side: the bar of Business Suite message `id` (mounted inside its bubble). */
function findInboxBarHost(id: string): Element | null {
  const bubble = [...document.querySelectorAll('[data-message-id]')].find((e) => e.getAttribute('data-message-id') === id);
  return bubble?.querySelector('threadmark-bar') ?? null;
}

describe('Threadmark in the Business Suite inbox', () => {
  let session: ChromiumSession;
  let page: Page;
  let inbox: InboxPage;
  const aborted: string[] = [];
  let bars: Awaited<ReturnType<typeof barAccess>>;

  beforeAll(async () => {
    inbox = buildInboxPage(shiftConversation(careConversation(SPOTIFY_SESSION), Date.now() - 20 * MIN));
    session = await launchChromium();
    await session.context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (['chrome-extension:', 'data:', 'blob:', 'about:'].includes(url.protocol)) return route.continue();
      if (url.protocol === 'https:' && url.hostname === 'business.facebook.com') {
        if (url.pathname === new URL(inbox.url).pathname) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: inbox.html });
        return route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found (threadmark e2e fixture server)' });
      }
      aborted.push(url.href);
      return route.abort('blockedbyclient');
    });
    await writeSettings(session.context, session.extensionId, { ...DEFAULT_SETTINGS, agentName: 'Ana', brandHandles: { x: [], facebook: [inbox.pageId] } });
  });
  afterAll(async () => session?.close());

  const stored = () => storedMessages(session.context, session.extensionId);
  const BAR = 'Threadmark tags for this post';

  it('puts a bar on every message of the thread', async () => {
    page = await session.context.newPage();
    await page.goto(inbox.url);
    bars = await barAccess(page, findInboxBarHost);
    for (const m of inbox.messages) await expect.poll(async () => (await bars.read(m.id, true))?.roles.group ?? [], { timeout: 15_000 }).toContain(BAR);
  });

  it("stores the thread as the case, with Business Suite's exact times and each message's direction, once a message is tagged", async () => {
    const customer = inbox.messages.find((m) => !m.fromPage)!;
    await bars.click(customer.id, 'Negative');
    await expect
      .poll(async () => {
        const rows = await stored();
        return inbox.messages.map((m) => {
          const r = rows.find((x) => x.key === `facebook:${m.id}`);
          return r ? [r.at, r.atPrecision, r.fromBrand, r.rootId] : null;
        });
      }, { timeout: 15_000 })
      .toEqual(inbox.messages.map((m) => [m.utime * 1000, 'exact', m.fromPage, inbox.threadId]));
    const rows = (await stored()).filter((r) => r.platform === 'facebook');
    // One thread, one case (no resolution in this thread).
    expect(new Set(rows.map((r) => r.caseKey)).size).toBe(1);
    expect(rows.find((r) => r.key === `facebook:${customer.id}`)?.sentiment).toBe('negative');
  });

  it('sent no request off the machine', () => {
    expect(aborted).toEqual([]);
  });
});
