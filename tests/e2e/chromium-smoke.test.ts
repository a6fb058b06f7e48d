import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChromiumSession, launchChromium, openPopup, serveX, type XTraffic } from './harness';
import { barAccess } from './bar-access';
import { smokeConversation } from './pages';

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
      const bars = await barAccess(page);
      for (const id of conversation.conversationIds) {
        await expect.poll(async () => (await bars.read(id, true))?.controls.length ?? 0, { timeout: 15_000, interval: 250 }).toBeGreaterThan(0);
      }
      // The page sees the hosts, never inside them.
      expect(await page.evaluate(() => [...document.querySelectorAll('threadmark-bar')].filter((b) => b.shadowRoot !== null).length)).toBe(0);
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
      const bars = await barAccess(page);
      // The far post has its bar's room (the page's sheet: nothing moves when the bar fills
      // in), but nothing of ours in it yet: its host goes in when the bar draws.
      const article = page.locator('article[data-testid="tweet"]').filter({ has: page.locator(`a[href$="/status/${last}"] > time`) }).first();
      await expect.poll(() => article.evaluate((a) => getComputedStyle(a).paddingBottom)).toBe('28px');
      await page.waitForTimeout(500); // several passes and dwells: still nothing far away
      expect(await bars.read(last)).toBeNull();
      const postHeight = await article.evaluate((a) => a.getBoundingClientRect().height);
      await article.evaluate((a) => a.scrollIntoView({ block: 'center' }));
      await expect.poll(async () => (await bars.read(last))?.controls.length ?? 0, { timeout: 5_000 }).toBeGreaterThan(0);
      // No layout shift: the post is exactly as tall with the rendered bar as with its room alone.
      expect((await bars.read(last))!.height).toBe(24);
      expect(await article.evaluate((a) => a.getBoundingClientRect().height)).toBe(postHeight);
    } finally {
      await page.close();
    }
  });

  it('gives a post its bar\'s room before X first measures it, so rendering the bar moves nothing', async () => {
    const page = await session.context.newPage();
    try {
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.goto(conversation.url);
      await page.waitForFunction(() => (window as unknown as { __fixture?: { ready: boolean } }).__fixture?.ready === true);
      const bars = await barAccess(page);
      await expect.poll(async () => (await bars.read(conversation.conversationIds[0]!, true))?.controls.length ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
      // X's list inserts a cell and measures it in the same task (the fixture's insertBatch →
      // relayout, like React layout effects): that first height is what X lays the list out with.
      const first = await page.evaluate(() => {
        const w = window as unknown as { __fixture: { insertPostsNow(n: number): string[] } };
        const [id] = w.__fixture.insertPostsNow(1);
        const time = document.querySelector(`a[href$="/status/${id}"] > time`)!;
        const cell = time.closest('[data-testid="cellInnerDiv"]') as HTMLElement;
        cell.scrollIntoView({ block: 'center' });
        return { id: id!, height: cell.offsetHeight, bar: !!cell.querySelector('threadmark-bar') };
      });
      expect(first.bar).toBe(false); // measured before our script ran
      await expect.poll(async () => (await bars.read(first.id, true))?.controls.length ?? 0, { timeout: 5_000 }).toBeGreaterThan(0);
      const after = await page.evaluate((id) => {
        const time = document.querySelector(`a[href$="/status/${id}"] > time`)!;
        const article = time.closest('article')!;
        const host = article.querySelector(':scope > threadmark-bar, threadmark-bar')!.getBoundingClientRect();
        const actions = article.querySelector('[role="group"]')!.getBoundingClientRect();
        const text = article.querySelector('[data-testid="tweetText"]')!.getBoundingClientRect();
        const a = article.getBoundingClientRect();
        return { height: (time.closest('[data-testid="cellInnerDiv"]') as HTMLElement).offsetHeight, host: { left: host.left, right: host.right, top: host.top, bottom: host.bottom }, actions: { left: actions.left, bottom: actions.bottom }, column: { left: text.left, right: text.right }, article: { bottom: a.bottom } };
      }, first.id);
      expect(after.height).toBe(first.height);
      // The bar sits in that room: under the action row, over the post's content column.
      expect(after.host.top).toBeGreaterThanOrEqual(after.actions.bottom);
      expect(after.host.bottom).toBeLessThanOrEqual(after.article.bottom);
      expect(Math.abs(after.host.left - after.actions.left)).toBeLessThanOrEqual(1);
      expect(Math.abs(after.host.left - after.column.left)).toBeLessThanOrEqual(1);
      expect(Math.abs(after.host.right - after.column.right)).toBeLessThanOrEqual(1);
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
