import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNotificationsPage } from '../fixtures/x/conversation-page';
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
    const bar = (id: string) =>
      page.locator('article[data-testid="tweet"]').filter({ has: page.locator(`a[href$="/status/${id}"] > time`) }).first().locator('threadmark-bar');
    for (const id of ids) await bar(id).getByRole('group', { name: 'Threadmark tags for this post' }).waitFor();
    await bar(ids[0]!).getByRole('button', { name: 'Technical question' }).click();
    await expect.poll(() => bar(ids[0]!).getByRole('button', { name: 'Technical question' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => bar(ids[0]!).getByText('Saving…').count()).toBe(0);

    await page.reload();
    await expect
      .poll(() => bar(ids[0]!).getByRole('button', { name: 'Technical question' }).getAttribute('aria-pressed'), { timeout: 10_000 })
      .toBe('true');
    expect(await bar(ids[1]!).getByRole('button', { name: 'Technical question' }).getAttribute('aria-pressed')).toBe('false');

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
