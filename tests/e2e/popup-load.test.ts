import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChromiumSession, FIREFOX_EXTENSION_UUID, type FirefoxSession, launchChromium, launchFirefox, openPage } from './harness';

/**
 * What the popup loads on the way to its figures (issue 7: time to figures). The figures
 * need React, the metrics and the settings' validator; they must not wait for Dexie (the
 * live reads load it later) nor for a <link rel="modulepreload"> that a script appends per
 * dependency (Vite's preload helper did, 10–17 ms of the popup's main thread per open).
 */
describe('popup, on the way to its figures (chrome-mv3 build)', () => {
  let session: ChromiumSession;

  beforeAll(async () => {
    session = await launchChromium();
    // The background creates its database before the popup reads it (a message it answers).
    const page = await openPage(session.context, session.extensionId, 'options.html');
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const chrome = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown, cb: () => void): void } } }).chrome;
          chrome.runtime.sendMessage({ id: 1, type: 'peek', data: { platform: 'x', ids: ['1'] }, timestamp: Date.now() }, () => resolve());
        }),
    );
    await page.close();
    // Notes when the figure grid is first in the page and which links the head has then.
    await session.context.addInitScript(() => {
      if (!location.pathname.endsWith('/popup.html')) return;
      const seen: { figuresAt: number | null; links: string[]; dexie: boolean } = { figuresAt: null, links: [], dexie: false };
      (window as unknown as { __figures: typeof seen }).__figures = seen;
      new MutationObserver((_, observer) => {
        if (!document.querySelector('[data-ready="true"] [data-figure="replies"]')) return;
        seen.figuresAt = performance.now();
        seen.links = [...document.head.querySelectorAll('link')].map((l) => `${l.rel} ${l.getAttribute('href')}`);
        // Dexie registers itself there when its module runs (its guard against two copies).
        seen.dexie = Symbol.for('Dexie') in globalThis;
        observer.disconnect();
      }).observe(document, { subtree: true, childList: true });
    });
  });
  afterAll(async () => {
    await session?.close();
  });

  /** Opens the popup; once its figures are on screen, what the page had loaded by then. */
  async function openToFigures(): Promise<{ dexie: boolean; dexieLater: boolean; links: string[]; html: string[] }> {
    const popup = await openPage(session.context, session.extensionId, 'popup.html');
    try {
      await expect.poll(() => popup.evaluate(() => (window as unknown as { __figures: { figuresAt: number | null } }).__figures.figuresAt), { timeout: 10_000 }).not.toBeNull();
      return await popup.evaluate(async () => {
        const seen = (window as unknown as { __figures: { dexie: boolean; links: string[] } }).__figures;
        const page = new DOMParser().parseFromString(await (await fetch('/popup.html')).text(), 'text/html');
        // The live reads load Dexie after the first read (popup-data.ts): the check can see it.
        await new Promise((r) => setTimeout(r, 1_000));
        return { ...seen, html: [...page.head.querySelectorAll('link')].map((l) => `${l.rel} ${l.getAttribute('href')}`), dexieLater: Symbol.for('Dexie') in globalThis };
      });
    } finally {
      await popup.close();
    }
  }

  it('shows the figures before Dexie is loaded (it comes with the live reads, after)', async () => {
    const { dexie, dexieLater } = await openToFigures();
    expect({ dexieBeforeFigures: dexie, dexieLater }).toEqual({ dexieBeforeFigures: false, dexieLater: true });
  });

  it('adds no link to the page before the figures: the head is what popup.html lists', async () => {
    const { links, html } = await openToFigures();
    expect(links.sort()).toEqual(html.sort());
  });
});

// popup.html preloads its modules (scripts/popup-preload.ts); Firefox must load them too.
describe('popup in Firefox (firefox-mv2 build)', () => {
  let session: FirefoxSession;
  beforeAll(async () => {
    session = await launchFirefox();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('shows the figures, with its styles applied', async () => {
    const page = await session.browser.newPage();
    try {
      // Firefox may never report an add-on page's load to WebDriver: do not wait for it.
      await page.goto(`moz-extension://${FIREFOX_EXTENSION_UUID}/popup.html`, { timeout: 3000 }).catch(() => {});
      await page.waitForSelector('[data-ready="true"] [data-figure="replies"]', { timeout: 15_000 });
      // popup.css (now one of popup.html's own sheets) sets the popup's width.
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('main.popup')!).width)).toBe('420px');
    } finally {
      await page.close();
    }
  });
});
