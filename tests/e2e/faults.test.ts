import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSIONS } from '../../lib/db/database';
import { STATUSES, type Status } from '../../lib/schema/taxonomy';
import { type ChromiumSession, holdOlderDatabase, launchChromium, openPage, readStored, seededRandom, serveX, workerStopper, type XTraffic } from './harness';
import { barAccess } from './bar-access';
import { smokeConversation } from './pages';

/**
 * Faults an agent's browser really has, in Chromium with the production build: the MV3
 * worker stopped in the middle of writes, and a database another page holds open at an older
 * version. Whatever happens, every tag ends up stored exactly once and every bar shows what
 * is stored. And nothing leaves the machine meanwhile.
 */
const TAGS = 100;
const SEED = 11;
const STATUS_LABEL: Record<Status, string> = { open: 'Open', pending: 'Pending', escalated: 'Escalated', resolved: 'Resolved' };

describe('storage faults in Chromium', () => {
  let session: ChromiumSession;
  let traffic: XTraffic;
  let page: Page;
  let ext: Page;
  const conversation = smokeConversation();
  const figures: string[] = [];

  const article = (id: string) => page.locator('article[data-testid="tweet"]').filter({ has: page.locator(`a[href$="/status/${id}"] > time`) }).first();
  // The bars' shadow roots are closed: read and press them through the DevTools protocol and
  // the real mouse (trusted events, as from a person), see bar-access.ts.
  let access: Awaited<ReturnType<typeof barAccess>>;
  /** The status a bar shows as set (its pill), or null. */
  const shownStatus = async (id: string) => {
    const pills = (await access.read(id))?.pills ?? [];
    return STATUSES.find((s) => pills.includes(STATUS_LABEL[s])) ?? null;
  };
  /**
   * Sets a status with its real key (Shift+1–4) on the focused post, as an agent does: two
   * protocol calls per tag, so the loop's timing is the worker's, not the test's.
   */
  const pressStatus = async (id: string, status: Status) => {
    await article(id).focus();
    await page.keyboard.press(`Shift+Digit${STATUSES.indexOf(status) + 1}`);
  };
  const barText = async (id: string) => (await access.read(id))?.text ?? '';

  beforeAll(async () => {
    session = await launchChromium();
    traffic = await serveX(session.context, { [conversation.path]: conversation.html });
    page = await session.context.newPage();
    access = await barAccess(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(conversation.url);
    await page.waitForFunction(() => (window as unknown as { __fixture?: { ready: boolean } }).__fixture?.ready === true);
    ext = await openPage(session.context, session.extensionId, 'options.html');
  });
  afterAll(async () => {
    if (figures.length) console.info(figures.join('\n'));
    await session?.close();
  });

  it(`stores ${TAGS} of ${TAGS} tags exactly once while the worker is stopped after every one`, async () => {
    const ids = await page.evaluate((n) => (window as unknown as { __fixture: { insertPosts(n: number): Promise<string[]> } }).__fixture.insertPosts(n), TAGS);
    const random = seededRandom(SEED);
    const wanted = new Map(ids.map((id) => [id, STATUSES[Math.floor(random() * STATUSES.length)]!]));
    const stopper = await workerStopper(session.context, page);
    const started = Date.now();
    try {
      for (const [id, status] of wanted) {
        // Bars render near the viewport: come to the post as the agent would.
        await article(id).evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await pressStatus(id, status);
        // The tag wakes the worker, unless the outbox is waiting out a retry after the last
        // stop: on a loaded machine that wait could let many tags pass with no fault at all.
        await stopper.awake(3000);
        await new Promise((r) => setTimeout(r, Math.floor(random() * 31)));
        await stopper.stop();
      }
      // Every bar settles (nothing saving) on the status that was clicked...
      await expect
        .poll(async () => {
          const wrong: string[] = [];
          for (const [id, status] of wanted) {
            let shown = await shownStatus(id);
            if (shown === null) {
              // Bars render when their post comes near the viewport; the loop may have scrolled
              // past a post within one frame. Come back to it, as the agent would.
              await article(id).evaluate((el) => el.scrollIntoView({ block: 'center' }));
              await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
              shown = await shownStatus(id);
            }
            const text = await barText(id);
            if (shown !== status || /Saving/.test(text)) wrong.push(`${id}: wanted ${status}, shows ${shown} (${text})`);
          }
          return wrong;
        }, { timeout: 60_000, interval: 500 })
        .toEqual([]);
    } finally {
      await stopper.detach();
    }
    const settledMs = Date.now() - started;
    const restarts = `${stopper.stopped()} worker stops, ${stopper.started()} restarts`;

    // ...and that is what is stored: each post once, with its status, the kept count exact.
    const stored = await readStored(ext);
    const byId = new Map<string, number>();
    for (const m of stored.messages) byId.set(m.id, (byId.get(m.id) ?? 0) + 1);
    const lost = ids.filter((id) => stored.messages.find((m) => m.id === id)?.status !== wanted.get(id));
    const duplicated = ids.filter((id) => (byId.get(id) ?? 0) > 1);
    figures.push(`worker-stop loop: ${TAGS - lost.length}/${TAGS} stored, ${lost.length} lost, ${duplicated.length} duplicated, ${restarts}, ${settledMs} ms`);
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);
    expect(new Set(stored.messages.map((m) => m.key)).size).toBe(stored.messages.length);
    expect(stored.messageCount).toBe(stored.messages.length);
    for (const id of ids) expect(await barText(id)).not.toMatch(/Not saved/);
    // The faults did happen: the worker was really stopped again and again.
    // (A stop while the worker is already down does not count; keys come faster than it restarts.)
    expect(stopper.stopped()).toBeGreaterThanOrEqual(TAGS / 5);
  }, 240_000);

  it('keeps tags made while the database is blocked by an older version, and stores them once it is released', async () => {
    const v1 = SCHEMA_VERSIONS[0]!;
    // Dexie's version n is IndexedDB version 10n.
    const held = await holdOlderDatabase(ext, v1.stores, v1.version * 10);
    const ids = conversation.conversationIds.slice(0, 3);
    const started = Date.now();
    for (const id of ids) {
      await article(id).evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await pressStatus(id, 'pending');
    }
    // The bar says so in bounded time, and the tags stay queued (shown as set and saving).
    await expect.poll(() => barText(ids[0]!), { timeout: 20_000 }).toMatch(/Threadmark can't reach its storage: another window keeps an older version of its database open/);
    const shownAfterMs = Date.now() - started;
    for (const id of ids) expect(await shownStatus(id)).toBe('pending');

    await held.release();
    await expect
      .poll(async () => {
        const pending: string[] = [];
        for (const id of ids) if ((await shownStatus(id)) !== 'pending' || /Saving|can't reach/.test(await barText(id))) pending.push(id);
        return pending;
      }, { timeout: 30_000, interval: 250 })
      .toEqual([]);
    const stored = await readStored(ext);
    const rows = ids.map((id) => stored.messages.filter((m) => m.id === id));
    figures.push(`blocked database: message after ${shownAfterMs} ms; ${rows.filter((r) => r.length === 1 && r[0]!.status === 'pending').length}/${ids.length} stored once after release, ${Date.now() - started} ms in all`);
    for (const r of rows) expect(r.map((m) => m.status)).toEqual(['pending']);
    expect(stored.messageCount).toBe(stored.messages.length);
  }, 120_000);

  // Last, so it covers everything the tests above made the browser do.
  it('sent no request off the machine during all of it', () => {
    expect(traffic.served).toContain(conversation.url);
    expect(traffic.aborted).toEqual([]);
    expect(session.proxy.offMachineHosts()).toEqual([]);
  });
});
