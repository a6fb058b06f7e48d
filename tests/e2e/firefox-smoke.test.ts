import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirefoxSession, geckoId, launchFirefox } from './harness';
import { careConversation } from '../fixtures/x/care-data';
import { buildPostPage } from '../fixtures/facebook/post-page';
import { DROPBOX_SESSION, SPOTIFY_SESSION } from '../fixtures/facebook/standard-pages';
import { barHostsByStatusId, shiftConversation, smokeConversation } from './pages';

/** Height of the bar of each Facebook comment (-1: none) and whether its shadow root is closed to the page. Runs in the page. */
async function facebookBarHosts(ids: string[]): Promise<Record<string, { height: number; open: boolean }>> {
  const out: Record<string, { height: number; open: boolean }> = {};
  for (const id of ids) {
    const link = [...document.querySelectorAll('div[role="article"] a[href*="comment_id="]')].find((a) => {
      const q = new URL(a.getAttribute('href') ?? '', location.href).searchParams;
      return q.get('reply_comment_id') === id || (q.get('comment_id') === id && !q.get('reply_comment_id'));
    });
    const article = link?.closest('div[role="article"]');
    const bar = article ? [...article.querySelectorAll('threadmark-bar')].find((b) => b.closest('div[role="article"]') === article) : undefined;
    if (article) {
      article.scrollIntoView({ block: 'center' });
      await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 30))));
    }
    out[id] = { height: bar ? bar.getBoundingClientRect().height : -1, open: !!bar?.shadowRoot };
  }
  return out;
}

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

  it('mounts a closed one-line threadmark-bar on every comment of a Facebook Page post (depths 0, 1, 2)', async () => {
    const now = Date.now();
    const post = buildPostPage(
      [shiftConversation(careConversation(SPOTIFY_SESSION), now - 20 * 60_000), shiftConversation(careConversation(DROPBOX_SESSION), now - 40 * 60_000)],
      { now },
    );
    const path = new URL(post.url).pathname;
    const { page, traffic } = await session.openX(post.url, { [path]: post.html });
    try {
      expect(traffic.served).toContain(post.url);
      const ids = post.comments.map((c) => c.id);
      expect(new Set(post.comments.map((c) => c.depth))).toEqual(new Set([0, 1, 2]));
      await expect
        .poll(() => page.evaluate(facebookBarHosts, ids), { timeout: 15_000, interval: 250 })
        .toEqual(Object.fromEntries(ids.map((id) => [id, { height: 24, open: false }])));
      expect(traffic.aborted).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('sends no request off the machine', () => {
    expect(session.proxy.offMachineHosts()).toEqual([]);
  });
});
