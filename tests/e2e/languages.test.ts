import { afterEach, describe, expect, it } from 'vitest';
import { type ChromiumSession, launchChromium, openPopup, serveX } from './harness';
import { barAccess } from './bar-access';
import { smokeConversation } from './pages';

// The whole interface follows the browser's language (chrome.i18n): Spanish and Romanian
// agents see the bar and the popup in their language.
describe.each([
  ['es', 'Queja', 'Respuestas'],
  ['ro', 'Reclamație', 'Răspunsuri'],
])('with the browser in %s', (lang, complaint, replies) => {
  let session: ChromiumSession | undefined;
  afterEach(async () => session?.close());

  it(`labels the bar and the popup in that language`, async () => {
    session = await launchChromium({ args: [`--lang=${lang}`] });
    const conversation = smokeConversation();
    await serveX(session.context, { [conversation.path]: conversation.html });
    const page = await session.context.newPage();
    await page.goto(conversation.url);
    const bars = await barAccess(page);
    const first = conversation.conversationIds[0]!;
    await expect.poll(async () => (await bars.read(first, true))?.controls.length ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
    await page.mouse.move(0, 0);
    await bars.read(first, true);
    await page.waitForTimeout(100); // the scroll settles (an open choice closes on scroll)
    const more = (await bars.read(first))!.controls.find((c) => c.expanded !== null)!;
    await page.mouse.click(more.x, more.y);
    await expect.poll(async () => (await bars.read(first))!.controls.filter((c) => c.visible).map((c) => c.name)).toContain(complaint);
    const popup = await openPopup(session.context, session.extensionId);
    await expect.poll(() => popup.locator('[data-figure="replies"] h3').textContent()).toBe(replies);
  });
});
