import { afterEach, describe, expect, it } from 'vitest';
import { type ChromiumSession, launchChromium, openPopup, serveX } from './harness';
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
    await page.locator('threadmark-bar').first().getByRole('button', { name: complaint }).waitFor();
    const popup = await openPopup(session.context, session.extensionId);
    await expect.poll(() => popup.locator('[data-figure="replies"] h3').textContent()).toBe(replies);
  });
});
