import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDuration } from '../../lib/format/duration';
import { barAccess } from './bar-access';
import { type ChromiumSession, launchChromium, openPage, openPopup, serveX, type XTraffic } from './harness';
import { recentConversation } from './pages';

/**
 * The whole loop on a real SpotifyCares thread (6 posts over 3 h 12 min, moved to end
 * 20 minutes ago): settings → tags by click and by key → claiming replies → posting a new
 * reply through X's composer → the popup's figures, checked against DESIGN §4 computed
 * here by hand from the thread's times.
 */
const SPOTIFY = 'eGPmyP8XzT1HWlzAPv2u';
const MIN = 60_000;

describe('tagging an X conversation and reading my figures', () => {
  let session: ChromiumSession;
  let traffic: XTraffic;
  let page: Page;
  const conv = recentConversation(SPOTIFY, 20 * MIN, { focusIndex: 0, discoverMore: true, loggedInAs: 'SpotifyCares' });
  const turns = conv.model.expected.filter((p) => p.source.match(/^\d+$/));
  const posts = turns.map((t) => ({ id: t.id!, at: t.at! }));
  const [c0, a1, c2, a3, c4, a5] = posts as [typeof posts[0], typeof posts[0], typeof posts[0], typeof posts[0], typeof posts[0], typeof posts[0]];

  const article = (id: string) => page.locator('article[data-testid="tweet"]').filter({ has: page.locator(`a[href$="/status/${id}"] > time`) }).first();
  let bars: Awaited<ReturnType<typeof barAccess>>;
  const shown = async (id: string) => (await bars.read(id, true)) ?? { text: '', pills: [] as string[], roles: {} as Record<string, string[]> };

  beforeAll(async () => {
    session = await launchChromium();
    traffic = await serveX(session.context, { [conv.path]: conv.html });
  });
  afterAll(async () => session?.close());

  it('uses a thread that alternates customer and brand, six posts', () => {
    expect(turns.map((t) => t.author === 'spotifycares')).toEqual([false, true, false, true, false, true]);
  });

  it('saves my name and a 45-minute SLA target in the settings page', async () => {
    const options = await openPage(session.context, session.extensionId, 'options.html');
    await options.getByRole('textbox', { name: 'Your name' }).fill('Ana');
    await options.getByRole('textbox', { name: 'Brand handles on X' }).fill('@SpotifyCares');
    await options.getByRole('spinbutton', { name: 'SLA target (minutes)' }).fill('-1');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => options.getByRole('alert').first().textContent()).toBe('Must be more than 0.');
    await options.getByRole('spinbutton', { name: 'SLA target (minutes)' }).fill('45');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await options.getByText('Saved.').waitFor();
    await options.close();
  });

  it('puts a bar under every post of the conversation and none on "Discover more"', async () => {
    page = await session.context.newPage();
    await page.goto(conv.url);
    bars = await barAccess(page);
    for (const id of conv.conversationIds) {
      await expect.poll(async () => (await shown(id)).roles.group ?? [], { timeout: 15_000 }).toContain('Threadmark tags for this post');
    }
    for (const id of conv.model.discoverIds) expect(await article(id).locator('threadmark-bar').count()).toBe(0);
    // Brand posts that were not sent from this browser are teammates' until claimed.
    await expect.poll(async () => (await shown(a1.id)).text).toContain("Teammate's reply");
  });

  it('tags by key on the focused post and by click, and keeps X from seeing the keys', async () => {
    await page.evaluate(() => {
      (window as unknown as { keysSeenByX: string[] }).keysSeenByX = [];
      document.addEventListener('keydown', (e) => (window as unknown as { keysSeenByX: string[] }).keysSeenByX.push(e.code));
    });
    await article(c0.id).focus();
    await page.keyboard.press('Digit1'); // complaint
    await page.keyboard.press('Digit7'); // negative
    await expect.poll(async () => (await shown(c0.id)).pills).toEqual(['Complaint', 'Negative']);
    expect(await page.evaluate(() => (window as unknown as { keysSeenByX: string[] }).keysSeenByX)).toEqual([]);

    await bars.click(c4.id, 'Positive');
    await expect.poll(async () => (await shown(c4.id)).pills).toEqual(['Positive']);
    await page.keyboard.press('Escape');
    for (const a of [a1, a3, a5]) {
      await bars.click(a.id, 'This reply is mine');
      await expect.poll(async () => (await shown(a.id)).text).toContain('My reply');
    }
    await article(a5.id).focus();
    await page.keyboard.press('Shift+Digit4'); // resolved
    await expect.poll(async () => (await shown(a5.id)).pills).toEqual(['Resolved']);
  });

  it("records a reply posted from X's composer as mine, with X's own id and time", async () => {
    const text = 'Glad it works now, enjoy the music!';
    await page.locator('[data-testid="tweetTextarea_0"][role="textbox"]').click();
    await page.keyboard.type(text);
    await page.locator('[data-testid="tweetButtonInline"]').click();
    const posted = page.locator('article[data-testid="tweet"]').filter({ hasText: text }).first();
    await posted.waitFor({ timeout: 15_000 });
    const href = await posted.locator('a[href*="/status/"] > time').first().evaluate((t) => t.parentElement!.getAttribute('href'));
    expect(href).toMatch(/^\/SpotifyCares\/status\/\d+$/i);
    await expect.poll(async () => (await shown(href!.split('/').at(-1)!)).text, { timeout: 15_000 }).toContain('My reply');
  });

  it('shows in the popup the figures DESIGN §4 gives for this thread', async () => {
    // By hand: my replies a1, a3, a5 (claimed) and the new one (a follow-up: nobody waits).
    const rt = [a1.at - c0.at, a3.at - c2.at, a5.at - c4.at].sort((x, y) => x - y);
    const median = rt[1]!;
    const p90 = rt[1]! + 0.8 * (rt[2]! - rt[1]!); // linear interpolation, rank 0.9 × (3 − 1) = 1.8
    const mean = (rt[0]! + rt[1]! + rt[2]!) / 3;
    const target = 45 * MIN;
    const popup = await openPopup(session.context, session.extensionId);
    // The thread started about 3.5 h ago: "7 days" holds it whatever the time of day.
    await popup.getByRole('tab', { name: '7 days' }).click();
    const value = (figure: string, name: string) => popup.locator(`[data-figure="${figure}"] [data-value="${name}"]`).textContent();
    await expect.poll(() => value('replies', 'count'), { timeout: 10_000 }).toBe('4');
    expect(await value('responseTime', 'median')).toBe(formatDuration(median));
    expect(await value('responseTime', 'p90')).toBe(formatDuration(p90));
    expect(await value('responseTime', 'mean')).toBe(formatDuration(mean));
    expect(await value('responseTime', 'count')).toBe('3');
    expect(await value('firstResponseTime', 'median')).toBe(formatDuration(a1.at - c0.at));
    expect(await value('resolutionTime', 'median')).toBe(formatDuration(a5.at - c0.at));
    expect(await value('tweetsToResolve', 'mean')).toBe('6');
    expect(await value('tweetsToResolve', 'brandRepliesMean')).toBe('3');
    // Three brand replies before the resolution: not a first-contact resolution.
    expect(await value('fcr', 'rate')).toBe('0%');
    // Negative at the start, positive at the end: recovered.
    expect(await value('sentimentRecovery', 'rate')).toBe('100%');
    const within = rt.filter((d) => d <= target).length;
    expect(await value('slaAll', 'rate')).toBe(`${Math.round((within / 3) * 100)}%`);
    expect(await value('slaFirst', 'rate')).toBe(a1.at - c0.at <= target ? '100%' : '0%');
    expect(await value('replyRate', 'rate')).toBe('100%');
    await expect.poll(() => popup.getByText('No customer is waiting.').count()).toBe(1);
    await popup.close();
  });

  it('sent no request of its own off the machine', () => {
    expect(traffic.aborted).toEqual([]);
    expect(session.proxy.offMachineHosts()).toEqual([]);
  });
});
