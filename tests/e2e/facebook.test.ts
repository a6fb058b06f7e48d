import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDuration } from '../../lib/format/duration';
import { DEFAULT_SETTINGS } from '../../lib/schema/defaults';
import { careConversation } from '../fixtures/x/care-data';
import { buildPostPage, graphqlResponder, type PostPage } from '../fixtures/facebook/post-page';
import { DROPBOX_SESSION, SPOTIFY_SESSION } from '../fixtures/facebook/standard-pages';
import { barAccess, findFacebookBarHost } from './bar-access';
import { type ChromiumSession, launchChromium, openPopup, serveFacebookPost, storedMessages, writeSettings } from './harness';
import { shiftConversation } from './pages';

/**
 * Facebook end to end on the production build: a Page post with two customers' threads
 * (real SpotifyCares and DropboxSupport conversations, moved to end 20 and 40 minutes ago),
 * served for www.facebook.com by request interception, behaving like Facebook
 * (tests/fixtures/facebook/page-script.js: comments load over /api/graphql/, Enter sends).
 */
const MIN = 60_000;

describe('Threadmark on a Facebook Page post', () => {
  let session: ChromiumSession;
  let page: Page;
  let post: PostPage;
  let aborted: string[];
  let graphqlAsked: string[];
  let bars: Awaited<ReturnType<typeof barAccess>>;

  beforeAll(async () => {
    const now = Date.now();
    post = buildPostPage(
      [shiftConversation(careConversation(SPOTIFY_SESSION), now - 20 * MIN), shiftConversation(careConversation(DROPBOX_SESSION), now - 40 * MIN)],
      { live: true, now, preloaded: 2 },
    );
    const respond = graphqlResponder(post);
    session = await launchChromium();
    ({ aborted, graphqlAsked } = await serveFacebookPost(session.context, () => ({ post, respond })));
    // The agent answers for this Page (its numeric id) and is called Ana.
    await writeSettings(session.context, session.extensionId, { ...DEFAULT_SETTINGS, agentName: 'Ana', brandHandles: { x: [], facebook: [post.pageId] } });
  });
  afterAll(async () => session?.close());

  const stored = () => storedMessages(session.context, session.extensionId);
  /** The bar's accessible groups for comment `id` (empty while it has no bar). */
  const groups = async (id: string) => (await bars.read(id, true))?.roles.group ?? [];
  const BAR = 'Threadmark tags for this post';
  const click = async (label: RegExp) => page.getByRole('button', { name: label }).first().click();

  it('puts bars on the comments at depths 0, 1 and 2 as Facebook loads them', async () => {
    page = await session.context.newPage();
    await page.goto(post.url);
    bars = await barAccess(page, findFacebookBarHost);
    const first = post.comments[0]!;
    await expect.poll(() => groups(first.id), { timeout: 15_000 }).toContain(BAR);
    await click(/View all \d+ replies|View 1 reply/);
    await click(/View more comments/);
    await click(/View all \d+ replies|View 1 reply/);
    for (const depth of [0, 1, 2] as const) {
      const c = post.comments.find((x) => x.depth === depth)!;
      await expect.poll(() => groups(c.id), { timeout: 15_000 }).toContain(BAR);
    }
    for (const c of post.comments) await expect.poll(() => groups(c.id), { timeout: 10_000 }).toContain(BAR);
  });

  it('stores a tag set on a comment at each depth', async () => {
    const picked = [0, 1, 2].map((d) => post.comments.find((x) => x.depth === d && !x.isPage)!);
    for (const c of picked) await bars.click(c.id, 'Negative');
    await expect
      .poll(async () => {
        const rows = await stored();
        return picked.map((c) => rows.find((r) => r.key === `facebook:${c.id}`)?.sentiment ?? null);
      }, { timeout: 15_000 })
      .toEqual(['negative', 'negative', 'negative']);
  });

  it("stores every comment at Facebook's exact time, the loaded ones through the tap", async () => {
    expect(graphqlAsked).toEqual(['Depth1CommentsListPaginationQuery', 'CommentsListComponentsPaginationQuery', 'Depth1CommentsListPaginationQuery']);
    const loaded = post.comments.filter((c) => !post.preloadedIds.includes(c.id));
    expect(loaded.length).toBeGreaterThan(0);
    await expect
      .poll(async () => {
        const rows = await stored();
        return post.comments.map((c) => {
          const r = rows.find((x) => x.key === `facebook:${c.id}`);
          return r ? [r.atPrecision, r.at, r.rootId] : null;
        });
      }, { timeout: 15_000 })
      .toEqual(post.comments.map((c) => ['exact', c.createdTime * 1000, c.topId]));
  });

  it('records a comment posted as the Page with Enter as my reply, with its Facebook id and time', async () => {
    const text = 'We are looking into it, thanks for your patience.';
    const box = page.locator('form [role="textbox"][contenteditable="true"]').first();
    await box.click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => {
        const r = (await stored()).find((x) => x.platform === 'facebook' && x.text === text);
        return r ? { sentBy: r.sentBy, agent: r.agent, author: r.author, fromBrand: r.fromBrand, atPrecision: r.atPrecision, idOk: /^\d+$/.test(r.id), pageId: r.pageId, sentAsPerson: r.sentAsPerson ?? false } : null;
      }, { timeout: 15_000 })
      // Sent as the Page (not from the agent's own profile): the Page id is kept, no "sent as you".
      .toEqual({ sentBy: 'me', agent: 'Ana', author: post.pageId, fromBrand: true, atPrecision: 'exact', idOk: true, pageId: post.pageId, sentAsPerson: false });
    expect(graphqlAsked.at(-1)).toBe('useCometUFICreateCommentMutation');
  });

  it('shows my Facebook figures in the popup (site filter Facebook) as DESIGN §4 gives them', async () => {
    // Claim the first Page reply of a customer's thread: it becomes mine (a teammate's until claimed).
    const top = post.comments.find((c) => c.depth === 0 && !c.isPage)!;
    const thread = post.comments.filter((c) => c.topId === top.topId).sort((a, b) => a.createdTime - b.createdTime);
    const firstPage = thread.find((c) => c.isPage)!;
    await bars.click(firstPage.id, 'This reply is mine');
    await expect.poll(async () => (await stored()).find((r) => r.key === `facebook:${firstPage.id}`)?.sentBy, { timeout: 15_000 }).toBe('me');
    // By hand (DESIGN §4): nobody in this case had a brand reply before it, so the customer has
    // waited since the case's first customer comment; that is also the cycle's first response.
    const waitingSince = thread.find((c) => !c.isPage)!.createdTime * 1000;
    const rt = firstPage.createdTime * 1000 - waitingSince;
    const popup = await openPopup(session.context, session.extensionId);
    await popup.getByRole('tab', { name: '7 days' }).click();
    await popup.getByRole('button', { name: 'Facebook' }).click();
    const value = (figure: string, name: string) => popup.locator(`[data-figure="${figure}"] [data-value="${name}"]`).textContent();
    // My replies on Facebook: the claimed one and the comment posted as the Page (a new top-level
    // comment: nobody waits, so it counts as a reply without a response time).
    await expect.poll(() => value('replies', 'count'), { timeout: 10_000 }).toBe('2');
    expect(await value('responseTime', 'count')).toBe('1');
    expect(await value('responseTime', 'median')).toBe(formatDuration(rt));
    expect(await value('firstResponseTime', 'median')).toBe(formatDuration(rt));
    await popup.close();
  });

  it("shows my Facebook FCR in the popup as DESIGN §4 gives it, once I tag the resolutions", async () => {
    // Each customer's thread, oldest first. I claim each thread's first Page reply and mark it
    // as resolving (the Spotify one was claimed above).
    const threads = post.comments.filter((c) => c.depth === 0 && !c.isPage).map((top) => post.comments.filter((c) => c.topId === top.id).sort((a, b) => a.createdTime - b.createdTime));
    expect(threads).toHaveLength(2);
    const resolving = threads.map((t) => t.find((c) => c.isPage)!);
    for (const r of resolving) {
      if ((await stored()).find((x) => x.key === `facebook:${r.id}`)?.sentBy !== 'me') await bars.click(r.id, 'This reply is mine');
      await bars.click(r.id, 'Resolved');
    }
    await expect
      .poll(async () => {
        const rows = await stored();
        return resolving.map((r) => rows.find((x) => x.key === `facebook:${r.id}`)).map((x) => [x?.sentBy, x?.status]);
      }, { timeout: 15_000 })
      .toEqual(resolving.map(() => ['me', 'resolved']));

    // DESIGN §4 by hand, per resolved cycle (both are mine: I sent the resolving reply). The
    // cycle runs from the thread's first customer comment to the resolving reply; it is FCR
    // with exactly one brand reply in it, no customer comment between that reply and the
    // resolution, and no customer comment reopening the case within 7 days; provisional
    // while 7 days have not passed since the resolution.
    const DAY7 = 7 * 24 * 60 * MIN;
    const cycles = threads.map((thread, i) => {
      const end = thread.indexOf(resolving[i]!);
      const cycle = thread.slice(thread.findIndex((c) => !c.isPage), end + 1);
      const brand = cycle.filter((c) => c.isPage);
      const lastBrand = cycle.lastIndexOf(brand.at(-1)!);
      const customerAfterReply = cycle.slice(lastBrand + 1).some((c) => !c.isPage);
      const at = resolving[i]!.createdTime * 1000;
      const reopened = thread.slice(end + 1).some((c) => !c.isPage && c.createdTime * 1000 - at <= DAY7);
      return { fcr: brand.length === 1 && !customerAfterReply && !reopened, provisional: Date.now() - at < DAY7 };
    });
    const numerator = cycles.filter((c) => c.fcr).length;
    // Spotify's customer wrote again after the answer (reopened: not FCR); Dropbox's did not.
    expect(cycles.map((c) => c.fcr)).toEqual([false, true]);
    const popup = await openPopup(session.context, session.extensionId);
    await popup.getByRole('tab', { name: '7 days' }).click();
    await popup.getByRole('button', { name: 'Facebook' }).click();
    const value = (name: string) => popup.locator(`[data-figure="fcr"] [data-value="${name}"]`).textContent();
    await expect.poll(() => value('denominator'), { timeout: 10_000 }).toBe(String(cycles.length));
    expect(await value('numerator')).toBe(String(numerator));
    expect(await value('rate')).toBe(new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 }).format(numerator / cycles.length));
    expect((await popup.locator('[data-figure="fcr"]').textContent())?.includes('provisional')).toBe(cycles.some((c) => c.provisional));
    await popup.close();
  });

  it("gives a new comment its bar's room as Facebook inserts it, so rendering the bar moves nothing", async () => {
    // Facebook inserts a comment and lays it out in the same task (a new thread, as a reply
    // sent or "View more comments" adds one): the height it has there is what the page shows.
    const source = post.comments.find((c) => c.depth === 0 && !c.isPage)!;
    const id = String(BigInt(post.comments.reduce((m, c) => (BigInt(c.id) > BigInt(m) ? c.id : m), source.id)) + 7n);
    const first = await page.evaluate(
      ({ from, id }) => {
        const wrapper = document.querySelector(`[data-commentid="${from}"]`)!;
        const thread = wrapper.closest('[data-tm-thread]')!;
        // Facebook's own markup of a comment: without the bar our script put in the source.
        const copy = wrapper.cloneNode(true) as Element;
        copy.querySelectorAll('threadmark-bar').forEach((b) => b.remove());
        const html = `<div data-tm-thread="${id}">${copy.outerHTML.split(from).join(id)}</div>`;
        thread.parentElement!.lastElementChild!.insertAdjacentHTML('afterend', html);
        const article = document.querySelector(`[data-commentid="${id}"] > div[role="article"]`) as HTMLElement;
        article.scrollIntoView({ block: 'center' });
        return { height: article.offsetHeight, bar: !!article.querySelector('threadmark-bar') };
      },
      { from: source.id, id },
    );
    expect(first.bar).toBe(false); // measured before our script ran
    await expect.poll(async () => (await bars.read(id, true))?.controls.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    const after = await page.evaluate((id) => {
      const article = document.querySelector(`[data-commentid="${id}"] > div[role="article"]`) as HTMLElement;
      const box = (el: Element) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      };
      return {
        height: article.offsetHeight,
        host: box(article.querySelector(':scope > threadmark-bar')!),
        text: box(article.querySelector('span[lang] div[dir="auto"]')!),
        actions: box(article.querySelector('ul')!),
        article: box(article),
      };
    }, id);
    expect(after.height).toBe(first.height);
    // The bar lies in the comment's box, under its text and action line, from where the bubble starts.
    expect(after.host.top).toBeGreaterThanOrEqual(after.actions.bottom);
    expect(after.host.top).toBeGreaterThanOrEqual(after.text.bottom);
    expect(after.host.bottom).toBeLessThanOrEqual(after.article.bottom);
    expect(after.host.right).toBeLessThanOrEqual(after.article.right);
    expect(Math.abs(after.host.left - after.text.left)).toBeLessThanOrEqual(1);
  });

  it('sent no request off the machine', () => {
    expect(aborted).toEqual([]);
  });
});
