import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirefoxSession, geckoId, launchFirefox } from './harness';
import { barHostsByStatusId, smokeConversation } from './pages';

// The production Firefox build (MV2) in Debian's firefox-esr, driven over WebDriver BiDi.
describe('Firefox (firefox-mv2 build)', () => {
  let session: FirefoxSession;
  const conversation = smokeConversation();

  beforeAll(async () => {
    session = await launchFirefox();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('installs the add-on', () => {
    expect(session.extensionId).toBe(geckoId());
  });

  // Firefox has no DevTools protocol here to look inside the closed shadow roots: this checks
  // every article has its one-line bar, closed to the page; Chromium's tests check inside.
  it('mounts a closed one-line threadmark-bar in every conversation article', async () => {
    const { page, traffic } = await session.openX(conversation.url, { [conversation.path]: conversation.html });
    try {
      expect(traffic.served).toContain(conversation.url);
      expect(conversation.conversationIds.length).toBeGreaterThan(1);
      await expect
        .poll(() => page.evaluate(barHostsByStatusId, conversation.conversationIds), { timeout: 15_000, interval: 250 })
        .toEqual(Object.fromEntries(conversation.conversationIds.map((id) => [id, { height: 24, open: false }])));
      expect(traffic.aborted).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('sends no request off the machine', () => {
    expect(session.proxy.offMachineHosts()).toEqual([]);
  });
});
