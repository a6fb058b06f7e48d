import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_EXTENSION_UUID, type FirefoxSession, geckoId, launchFirefox } from './harness';
import { DEFAULT_SETTINGS } from '../../lib/schema/defaults';
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

  /** Runs `fn` on one of the add-on's own pages (moz-extension://, its storage and database). */
  async function onAddonPage<T>(fn: (page: Awaited<ReturnType<FirefoxSession['browser']['newPage']>>) => Promise<T>): Promise<T> {
    const ext = await session.browser.newPage();
    try {
      // Firefox may never report an add-on page's load to WebDriver: do not wait for it.
      await ext.goto(`moz-extension://${FIREFOX_EXTENSION_UUID}/options.html`, { timeout: 3000 }).catch(() => {});
      return await fn(ext);
    } finally {
      await ext.close();
    }
  }

  /** [atPrecision, at] of the stored record of Facebook comment `id`, read from an add-on page; null when not stored. */
  async function storedTime(id: string): Promise<[string, number] | null> {
    return onAddonPage((ext) =>
      ext.evaluate(
        (key) =>
          new Promise<[string, number] | null>((resolve, reject) => {
            const req = indexedDB.open('threadmark');
            req.onerror = () => reject(req.error);
            req.onsuccess = () => {
              const db = req.result;
              if (!db.objectStoreNames.contains('messages')) return resolve(null);
              const get = db.transaction('messages').objectStore('messages').get(key);
              get.onsuccess = () => {
                db.close();
                const r = get.result as { atPrecision: string; at: number } | undefined;
                resolve(r ? [r.atPrecision, r.at] : null);
              };
              get.onerror = () => reject(get.error);
            };
          }),
        `facebook:${id}`,
      ),
    );
  }

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
      // Each bar sits in the room the page's sheet reserved at the bottom of its post, so X's
      // first measurement of the post already includes it (Chromium's tests measure that).
      const placed = await page.evaluate(() =>
        [...document.querySelectorAll('article > threadmark-bar')].map((h) => {
          const post = h.parentElement!.getBoundingClientRect();
          const bar = h.getBoundingClientRect();
          return { position: getComputedStyle(h).position, room: getComputedStyle(h.parentElement!).paddingBottom, inside: bar.bottom <= post.bottom && bar.top >= post.bottom - 28 };
        }),
      );
      expect(placed).toHaveLength(conversation.conversationIds.length);
      expect(new Set(placed.map((p) => JSON.stringify(p)))).toEqual(new Set([JSON.stringify({ position: 'absolute', room: '28px', inside: true })]));
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

  it("runs the MAIN-world tap: a comment loaded by \"View more comments\" comes with Facebook's exact time", async () => {
    const now = Date.now();
    const post = buildPostPage(
      [shiftConversation(careConversation(SPOTIFY_SESSION), now - 20 * 60_000), shiftConversation(careConversation(DROPBOX_SESSION), now - 40 * 60_000)],
      { now, live: true },
    );
    // The agent answers for this Page (written to the add-on's storage as its settings page would).
    await onAddonPage(async (ext) => {
      await ext.evaluate(async (value) => {
        await (globalThis as unknown as { browser: { storage: { local: { set(v: object): Promise<void> } } } }).browser.storage.local.set({ settings: value });
      }, { ...DEFAULT_SETTINGS, agentName: 'Ana', brandHandles: { x: [], facebook: [post.pageId] } });
    });
    // The live page asks /api/graphql/ for the other threads; the fixture server answers with Facebook's body.
    const { page, traffic } = await session.openX(post.url, { [new URL(post.url).pathname]: post.html, '/api/graphql/': post.graphql.moreComments });
    try {
      const loaded = post.comments.find((c) => c.depth === 0 && c.topId !== post.comments[0]!.id)!;
      expect(post.preloadedIds).not.toContain(loaded.id);
      // The tap is in the page's own world (document_start), wrapping XHR and fetch.
      await expect.poll(() => page.evaluate(() => Symbol.for('threadmark.fb-tap') in window), { timeout: 10_000 }).toBe(true);
      await page.evaluate(() => {
        const seen: unknown[] = [];
        (window as unknown as { __tapSeen: unknown[] }).__tapSeen = seen;
        window.addEventListener('message', (e) => {
          if ((e.data as { source?: string })?.source === 'threadmark-fb-tap') seen.push(...(e.data as { items: unknown[] }).items);
        });
      });
      await page.locator('div[role="button"][data-tm-action="more"]').click();
      await expect
        .poll(() => page.evaluate((id) => ((window as unknown as { __tapSeen: { id: string; createdTime: number }[] }).__tapSeen.find((i) => i.id === id) ?? null), loaded.id), { timeout: 15_000, interval: 250 })
        .toMatchObject({ id: loaded.id, createdTime: loaded.createdTime });
      // The Page's replies in the first thread make the post one the agent answers (stored from
      // then on); this static server answers that request with the same body.
      await page.locator(`div[role="button"][data-tm-action="replies:${post.comments[0]!.id}"]`).click();
      // And the record the background stored has that time, exact (read from the add-on's own origin).
      await expect.poll(() => storedTime(loaded.id), { timeout: 15_000, interval: 500 }).toEqual(['exact', loaded.createdTime * 1000]);
      expect(traffic.aborted).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('sends no request off the machine', () => {
    expect(session.proxy.offMachineHosts()).toEqual([]);
  });
});
