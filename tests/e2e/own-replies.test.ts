import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snowflakeAt } from '../../lib/sites/x/parse';
import { barAccess } from './bar-access';
import { type ChromiumSession, launchChromium, serveX } from './harness';
import { recentConversation } from './pages';

/**
 * Issue 11 §4 in real Chromium, with real (trusted) typing and clicks: the agent sends a
 * canned reply, and before X shows it an older teammate post with the same text scrolls
 * into view. Only the new post is "My reply".
 */
const SPOTIFY = 'eGPmyP8XzT1HWlzAPv2u';
const MIN = 60_000;
const CANNED = 'Thanks for reaching out! Please send us a DM with your account email.';

describe('a canned reply sent from this browser', () => {
  let session: ChromiumSession;
  let page: Page;
  const conv = recentConversation(SPOTIFY, 20 * MIN, { focusIndex: 0, discoverMore: true, loggedInAs: 'SpotifyCares' });
  const turns = conv.model.expected.filter((p) => p.source.match(/^\d+$/));
  const brandTurn = turns.find((t) => t.author === 'spotifycares')!;

  const article = (id: string) => page.locator('article[data-testid="tweet"]').filter({ has: page.locator(`a[href$="/status/${id}"] > time`) }).first();
  // The bars' shadow roots are closed: read them through the DevTools protocol (bar-access.ts).
  let bars: Awaited<ReturnType<typeof barAccess>>;
  const sender = async (id: string) => {
    const bar = await bars.read(id, true);
    return bar?.text.includes('My reply') ? 'My reply' : bar?.text.includes("Teammate's reply") ? "Teammate's reply" : null;
  };

  beforeAll(async () => {
    session = await launchChromium();
    await serveX(session.context, { [conv.path]: conv.html });
  });
  afterAll(async () => session?.close());

  it('claims the new post, not an older teammate post with the same text that appears after the submit', async () => {
    page = await session.context.newPage();
    await page.goto(conv.url);
    bars = await barAccess(page);
    await expect.poll(() => sender(brandTurn.id!), { timeout: 15_000 }).not.toBeNull();

    // A teammate's post with the same canned text, sent a minute after the brand's earlier
    // reply (long before this submit): X renders it only once it scrolls into view.
    const teammateAt = brandTurn.at! + MIN;
    const teammateId = snowflakeAt(teammateAt, 99);
    await page.locator('[data-testid="tweetTextarea_0"][role="textbox"]').click();
    await page.keyboard.type(CANNED);
    await page.locator('[data-testid="tweetButtonInline"]').click();
    await page.evaluate(
      ({ from, id, at, text }) => {
        const cell = document.querySelector(`a[href$="/status/${from}"] > time`)!.closest('[data-testid="cellInnerDiv"]')!;
        const copy = cell.cloneNode(true) as Element;
        for (const a of copy.querySelectorAll('a[href*="/status/"]')) a.setAttribute('href', a.getAttribute('href')!.replace(from, id));
        const time = copy.querySelector('a[href*="/status/"] > time')!;
        time.setAttribute('datetime', new Date(at).toISOString());
        copy.querySelector('[data-testid="tweetText"]')!.textContent = text;
        copy.querySelector('threadmark-bar')?.remove();
        cell.after(copy); // among the replies (X cuts the conversation at "Discover more")
        (window as unknown as { __fixture: { relayout(): void } }).__fixture.relayout();
      },
      { from: brandTurn.id!, id: teammateId, at: teammateAt, text: CANNED },
    );
    await expect.poll(() => sender(teammateId), { timeout: 15_000 }).not.toBeNull();

    const mine = page.locator('article[data-testid="tweet"]').filter({ hasText: CANNED }).filter({ hasNot: page.locator(`a[href$="/status/${teammateId}"]`) }).first();
    await mine.waitFor({ timeout: 15_000 });
    const mineId = (await mine.locator('a[href*="/status/"] > time').first().evaluate((t) => t.parentElement!.getAttribute('href')))!.split('/').at(-1)!;
    await expect.poll(() => sender(mineId), { timeout: 15_000 }).toBe('My reply');
    expect(await sender(teammateId)).toBe("Teammate's reply");
    await page.close();
  });
});
