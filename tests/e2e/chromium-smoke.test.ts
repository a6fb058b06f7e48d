import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChromiumSession, launchChromium, openPopup, serveX, type XTraffic } from './harness';
import { barButtonsByStatusId, smokeConversation } from './pages';

// The production Chrome build in Debian's Chromium: the worker starts, the popup renders,
// the content script decorates a conversation, and nothing leaves the machine.
describe('Chromium (chrome-mv3 build)', () => {
  let session: ChromiumSession;
  let traffic: XTraffic;
  const conversation = smokeConversation();

  beforeAll(async () => {
    session = await launchChromium();
    traffic = await serveX(session.context, { [conversation.path]: conversation.html });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('starts the extension service worker', () => {
    expect(session.extensionId).toMatch(/^[a-p]{32}$/);
    expect(session.serviceWorker.url()).toBe(`chrome-extension://${session.extensionId}/background.js`);
  });

  it('opens the popup and renders something', async () => {
    const popup = await openPopup(session.context, session.extensionId);
    try {
      await expect.poll(() => popup.locator('#root').innerHTML(), { timeout: 10_000 }).not.toBe('');
    } finally {
      await popup.close();
    }
  });

  it('mounts a threadmark-bar with buttons in every conversation article', async () => {
    const page = await session.context.newPage();
    try {
      await page.goto(conversation.url);
      expect(conversation.conversationIds.length).toBeGreaterThan(1);
      await expect
        .poll(() => page.evaluate(barButtonsByStatusId, conversation.conversationIds), { timeout: 15_000, interval: 250 })
        .toSatisfy((counts: Record<string, number>) => Object.values(counts).every((n) => n > 0));
    } finally {
      await page.close();
    }
  });

  it('renders a bar far down the page only when its post comes near the viewport', async () => {
    const page = await session.context.newPage();
    try {
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.goto(conversation.url);
      await page.waitForFunction(() => (window as unknown as { __fixture?: { ready: boolean } }).__fixture?.ready === true);
      // A long thread: 120 more replies, as X adds them while scrolling (the list keeps them all).
      const ids = await page.evaluate(() => (window as unknown as { __fixture: { insertPosts(n: number): Promise<string[]> } }).__fixture.insertPosts(120));
      const last = ids.at(-1)!;
      const lastBar = page.locator('article[data-testid="tweet"]').filter({ has: page.locator(`a[href$="/status/${last}"] > time`) }).locator('threadmark-bar');
      // The far post has its bar's place (so nothing moves when it fills in), but no buttons yet.
      await lastBar.waitFor({ state: 'attached' });
      const buttons = () => lastBar.evaluate((b) => b.shadowRoot?.querySelectorAll('button').length ?? 0);
      expect(await buttons()).toBe(0);
      expect(await lastBar.evaluate((b) => b.getBoundingClientRect().height)).toBeGreaterThan(20);
      await lastBar.scrollIntoViewIfNeeded();
      await expect.poll(buttons, { timeout: 5_000 }).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  // Last, so it covers everything the tests above made the browser do.
  it('sends no request off the machine', () => {
    expect(traffic.served).toContain(conversation.url);
    expect(traffic.aborted).toEqual([]);
    expect(session.proxy.offMachineHosts()).toEqual([]);
  });
});
