import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/schema/defaults';
import { careConversation } from '../fixtures/x/care-data';
import { buildPostPage, fbId, graphqlResponder, type PostPage } from '../fixtures/facebook/post-page';
import { DROPBOX_SESSION, SPOTIFY_SESSION } from '../fixtures/facebook/standard-pages';
import { barAccess, findFacebookBarHost } from './bar-access';
import { type ChromiumSession, launchChromium, openPage, openPopup, serveFacebookPost, storedMessages, writeSettings } from './harness';
import { shiftConversation } from './pages';

/**
 * Which identity the agent answers as, on the production build: "This is our Page" (the
 * popup, with a Facebook Page tab active, adds the Page the tab acts as, name and id) and
 * "sent as you" (a comment posted from the agent's personal profile, not the Page, is
 * flagged on its bar). Pages served for www.facebook.com by request interception, behaving
 * like Facebook (tests/fixtures/facebook/page-script.js).
 */
const MIN = 60_000;
const PERSON = fbId('person:ana');

describe('Facebook: the Page the agent acts as, and replies sent as the person', () => {
  let session: ChromiumSession;
  /** The post the server gives now, and its /api/graphql/. */
  let post: PostPage;
  let respond: (body: string) => string | null;
  let aborted: string[];

  const serve = (p: PostPage) => {
    post = p;
    respond = graphqlResponder(p, { personName: 'Ana Person' });
  };
  const build = (actorId?: string, o: { live?: boolean; endsAgo?: number } = {}) => {
    const now = Date.now();
    const ago = o.endsAgo ?? 0;
    return buildPostPage([shiftConversation(careConversation(SPOTIFY_SESSION), now - ago - 20 * MIN), shiftConversation(careConversation(DROPBOX_SESSION), now - ago - 40 * MIN)], {
      live: o.live ?? true,
      now,
      personId: PERSON,
      ...(actorId ? { actorId } : {}),
    });
  };

  beforeAll(async () => {
    serve(build());
    session = await launchChromium();
    ({ aborted } = await serveFacebookPost(session.context, () => ({ post, respond })));
    // Logged in to Facebook as the agent's own profile (c_user), answering for no Page yet.
    await session.context.addCookies([{ name: 'c_user', value: PERSON, domain: '.facebook.com', path: '/', secure: true }]);
    await writeSettings(session.context, session.extensionId, { ...DEFAULT_SETTINGS, agentName: 'Ana', brandHandles: { x: [], facebook: [] } });
  });
  afterAll(async () => session?.close());

  const stored = () => storedMessages(session.context, session.extensionId);
  const pageComments = () => post.comments.filter((c) => c.isPage);

  /** Clicks "View more comments" and every "View … replies" until all comments are on the page. */
  async function loadAll(tab: Page): Promise<void> {
    const more = tab.getByRole('button', { name: /^View (more comments|1 reply|all \d+ replies)$/ });
    await expect.poll(() => more.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    for (let i = 0; i < 20 && (await more.count()) > 0; i++) {
      await more.first().click();
      await tab.waitForTimeout(200);
    }
    await expect.poll(() => tab.locator('[role="article"][aria-label]').count(), { timeout: 10_000 }).toBe(post.comments.length);
  }

  /** The popup as the toolbar opens it over `tab`: `tab` is the active tab of the window while the popup runs. */
  async function popupOver(tab: Page): Promise<Page> {
    const popup = await openPopup(session.context, session.extensionId);
    await tab.bringToFront();
    await popup.reload();
    return popup;
  }

  it("adds the Page the tab acts as with one click: its name and id in settings, its comments then brand replies", async () => {
    const tab = await session.context.newPage();
    await tab.goto(post.url);
    // No brand Page yet: the bars wait. Facebook's requests say which Page the tab acts as (`av`).
    await expect.poll(() => tab.locator('threadmark-bar').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await loadAll(tab);

    const popup = await popupOver(tab);
    await expect.poll(() => popup.getByText(`On this tab you act as the Facebook Page ${post.pageName} (${post.pageId})`, { exact: false }).count(), { timeout: 10_000 }).toBe(1);
    await popup.getByRole('button', { name: 'This is our Page' }).click();
    await expect.poll(() => popup.getByRole('status').textContent(), { timeout: 10_000 }).toBe(`Page ${post.pageName} (${post.pageId}) added to your brand Pages.`);
    await popup.close();
    await tab.close();

    const options = await openPage(session.context, session.extensionId, 'options.html');
    await expect.poll(() => options.getByRole('textbox', { name: 'Brand Pages on Facebook' }).inputValue(), { timeout: 10_000 }).toBe(`${post.pageName} (${post.pageId})`);
    await options.close();

    // Another post of the same Page, all its comments in the first load: no request has said
    // which Page the tab acts as, so only settings make the Page's comments brand replies
    // (a teammate's: not sent from this browser).
    serve(build(undefined, { live: false, endsAgo: 2 * 24 * 60 * MIN }));
    const other = await session.context.newPage();
    await other.goto(post.url);
    const ids = pageComments().map((c) => c.id);
    expect(ids.length).toBeGreaterThan(1);
    await expect
      .poll(async () => {
        const rows = await stored();
        return ids.map((id) => {
          const r = rows.find((x) => x.key === `facebook:${id}`);
          return r ? { fromBrand: r.fromBrand, sentBy: r.sentBy } : null;
        });
      }, { timeout: 15_000 })
      .toEqual(ids.map(() => ({ fromBrand: true, sentBy: 'teammate' })));
    await other.close();
  });

  it('flags a comment the agent posted from their personal profile: "My reply · sent as you, not as the Page"', async () => {
    // The same post, this time with the agent acting as their own profile (`av` = c_user).
    serve(build(PERSON));
    const tab = await session.context.newPage();
    await tab.goto(post.url);
    const bars = await barAccess(tab, findFacebookBarHost);
    await expect.poll(async () => (await bars.read(post.comments[0]!.id, true))?.roles.group ?? [], { timeout: 15_000 }).toContain('Threadmark tags for this post');
    const text = 'Sorry about that, I will ask the team and get back to you.';
    await tab.locator('form [role="textbox"][contenteditable="true"]').first().click();
    await tab.keyboard.type(text);
    await tab.keyboard.press('Enter');
    let id = '';
    await expect
      .poll(async () => {
        const r = (await stored()).find((x) => x.platform === 'facebook' && x.text === text);
        if (r) id = r.id;
        return r ? { sentBy: r.sentBy, author: r.author, sentAsPerson: r.sentAsPerson ?? false, pageId: r.pageId ?? null } : null;
      }, { timeout: 15_000 })
      .toEqual({ sentBy: 'me', author: PERSON, sentAsPerson: true, pageId: null });
    await expect.poll(async () => (await bars.read(id, true))?.text ?? '', { timeout: 10_000 }).toContain('My reply · sent as you, not as the Page');
    await tab.close();
  });

  it('sent no request off the machine', () => {
    expect(aborted).toEqual([]);
  });
});
