import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChromiumSession, launchChromium, ROOT, serveX } from './harness';

// Issue 11 §5 in real Chromium: the real logged-in x.com page of Feb 2026 (kepano/defuddle,
// MIT), served as x.com, read by the built extension with the default settings (no brand
// handles). Its post is an X Article: the bar says only the title is stored.
const URL_2026 = 'https://x.com/arscontexta/status/2013045749580259680';
const html = readFileSync(path.join(ROOT, 'tests/fixtures/x/dom/x-status-article-2026-02.defuddle.html'), 'utf8');

describe('the real Feb 2026 X page', () => {
  let session: ChromiumSession;

  beforeAll(async () => {
    session = await launchChromium();
    await serveX(session.context, { [new URL(URL_2026).pathname]: html });
  });
  afterAll(async () => session?.close());

  it('tags the Article post and says its body is not captured', async () => {
    const page = await session.context.newPage();
    await page.goto(URL_2026);
    const bar = page.locator('article[data-testid="tweet"] threadmark-bar');
    const group = bar.getByRole('group', { name: 'Threadmark tags for this post' });
    await group.waitFor({ timeout: 15_000 });
    await expect.poll(() => group.textContent()).toContain('only its title is stored; the article body is not captured');
    // The logged-in account (from the account switcher: this page has no profile tab link)
    // is not the author, so the post is a customer's and offers the query types.
    expect(await bar.getByRole('button', { name: 'Complaint' }).count()).toBe(1);
    await page.close();
  });
});
