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

  // Last, so it covers everything the tests above made the browser do.
  it('sends no request off the machine', () => {
    expect(traffic.served).toContain(conversation.url);
    expect(traffic.aborted).toEqual([]);
    expect(session.proxy.offMachineHosts()).toEqual([]);
  });
});
