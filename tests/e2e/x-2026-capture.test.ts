import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barAccess } from './bar-access';
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
    // The bars' shadow roots are closed: read them through the DevTools protocol (bar-access.ts).
    const bars = await barAccess(page);
    const id = new URL(URL_2026).pathname.split('/').at(-1)!;
    await expect.poll(async () => (await bars.read(id, true))?.roles.group ?? [], { timeout: 15_000 }).toContain('Threadmark tags for this post');
    await expect.poll(async () => (await bars.read(id))!.text).toContain('only its title is stored; the article body is not captured');
    // The logged-in account (from the account switcher: this page has no profile tab link)
    // is not the author, so the post is a customer's and offers the query types.
    await bars.click(id, 'Complaint');
    await expect.poll(async () => (await bars.read(id))!.pills).toEqual(['Complaint']);
    await page.close();
  });
});
