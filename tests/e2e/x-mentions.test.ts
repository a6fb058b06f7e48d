import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNotificationsPage } from '../fixtures/x/conversation-page';
import { barAccess } from './bar-access';
import { type ChromiumSession, launchChromium, serveX } from './harness';

// The brand's mentions timeline: every mention gets a bar, a tag is kept (and shown again
// after a reload), and mentions nobody tagged are not stored.
describe('tagging from the mentions page', () => {
  let session: ChromiumSession;
  const mentions = buildNotificationsPage('AdobeCare', { loggedInAs: 'AdobeCare', limit: 5 });
  const ids = mentions.expected.filter((p) => p.id && !p.problem).map((p) => p.id!);

  beforeAll(async () => {
    session = await launchChromium();
    await serveX(session.context, { [new URL(mentions.url).pathname]: mentions.html });
  });
  afterAll(async () => session?.close());

  it('shows a bar on each mention and keeps the tag made there', async () => {
    const page = await session.context.newPage();
    await page.goto(mentions.url);
    let bars = await barAccess(page);
    const shown = async (id: string) => (await bars.read(id, true)) ?? { text: '', pills: [] as string[], roles: {} as Record<string, string[]> };
    for (const id of ids) await expect.poll(async () => (await shown(id)).roles.group ?? [], { timeout: 15_000 }).toContain('Threadmark tags for this post');
    await bars.click(ids[0]!, 'Technical question');
    await expect.poll(async () => (await shown(ids[0]!)).pills).toEqual(['Technical question']);
    await expect.poll(async () => (await shown(ids[0]!)).text).not.toContain('Saving…');

    await page.reload();
    bars = await barAccess(page);
    await expect.poll(async () => (await shown(ids[0]!)).pills, { timeout: 10_000 }).toEqual(['Technical question']);
    await expect.poll(async () => (await shown(ids[1]!)).roles.group ?? []).toContain('Threadmark tags for this post');
    expect((await shown(ids[1]!)).pills).toEqual([]);

    // Only the tagged mention is stored.
    const stored = await session.serviceWorker.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('threadmark');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const count = open.result.transaction('messages').objectStore('messages').count();
            count.onsuccess = () => resolve(count.result);
          };
        }),
    );
    expect(stored).toBe(1);
    await page.close();
  });
});
