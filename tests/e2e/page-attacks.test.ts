import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barAccess } from './bar-access';
import { type ChromiumSession, launchChromium, serveX, type XTraffic } from './harness';
import { smokeConversation } from './pages';

/**
 * What a script on x.com can try against Threadmark (issue 11, item 6), in the real
 * extension: press a bar's controls with click(), dispatch the tag keys, and replay WXT's
 * "content script started" event that makes a running copy stop. None of it may store a
 * tag or take the bars away, and the extension must still answer the agent afterwards.
 */
describe('a page script against the extension', () => {
  let session: ChromiumSession;
  let traffic: XTraffic;
  let page: Page;
  let bars: Awaited<ReturnType<typeof barAccess>>;
  const conversation = smokeConversation();
  const [first, second] = conversation.conversationIds as [string, string];

  /** Stored messages carrying anything an agent sets (tags or a claim). */
  const taggedRows = () =>
    session.serviceWorker.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('threadmark');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('messages').objectStore('messages').getAll();
            all.onsuccess = () =>
              resolve(
                (all.result as Record<string, unknown>[])
                  .filter((r) => r.queryType || r.status || r.sentiment || r.noReplyNeeded || r.sentBy === 'me')
                  .map((r) => String(r.id)),
              );
          };
        }),
    );
  const controls = async (id: string) => (await bars.read(id, true))?.controls.length ?? 0;
  const article = (id: string) => page.locator('article[data-testid="tweet"]').filter({ has: page.locator(`a[href$="/status/${id}"] > time`) }).first();

  beforeAll(async () => {
    session = await launchChromium();
    traffic = await serveX(session.context, { [conversation.path]: conversation.html });
    page = await session.context.newPage();
    // The page listens to every message from the start, as an attacker would.
    await page.addInitScript(() => {
      (window as unknown as { heard: unknown[] }).heard = [];
      addEventListener('message', (e) => (window as unknown as { heard: unknown[] }).heard.push(e.data));
    });
    await page.goto(conversation.url);
    bars = await barAccess(page);
  });
  afterAll(async () => session?.close());

  it('cannot open a bar: its shadow root is closed', async () => {
    for (const id of [first, second]) await expect.poll(() => controls(id), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.evaluate(() => [...document.querySelectorAll('threadmark-bar')].map((b) => b.shadowRoot))).not.toContain(expect.anything());
  });

  it("stores nothing when a script calls click() on the bar's controls", async () => {
    // Given a reference anyway (here through the DevTools protocol), a script's click() is untrusted.
    for (const id of [first, second]) {
      const root = await bars.read(id);
      expect(root).not.toBeNull();
      const { result } = await bars.cdp.send('Runtime.evaluate', {
        expression: `(() => { const a = [...document.querySelectorAll('article a[href$="/status/${id}"] > time')][0]?.closest('article'); return a && a.querySelector('threadmark-bar'); })()`,
      });
      const { node } = await bars.cdp.send('DOM.describeNode', { objectId: result.objectId!, depth: 1, pierce: true });
      const { object } = await bars.cdp.send('DOM.resolveNode', { backendNodeId: node.shadowRoots![0]!.backendNodeId });
      await bars.cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId!,
        // Open the choice, then press every control in it, as a script would.
        functionDeclaration: `function () {
          for (let round = 0; round < 2; round++) for (const b of this.querySelectorAll('button')) { b.dispatchEvent(new PointerEvent('pointerenter')); b.focus(); b.click(); }
        }`,
      });
    }
    await page.waitForTimeout(1000);
    expect(await taggedRows()).toEqual([]);
  });

  it('stores nothing when a script dispatches the tag keys on a post', async () => {
    await page.evaluate((id) => {
      const a = document.querySelector(`article a[href$="/status/${id}"] > time`)!.closest('article') as HTMLElement;
      a.focus();
      for (const code of ['Digit1', 'Digit7', 'Digit0']) {
        for (const target of [a, document.activeElement ?? a, document]) {
          target.dispatchEvent(new KeyboardEvent('keydown', { code, key: code.slice(-1), bubbles: true, cancelable: true }));
        }
      }
    }, first);
    await page.waitForTimeout(1000);
    expect(await taggedRows()).toEqual([]);
  });

  it("cannot shut the content script down by replaying WXT's start event", async () => {
    // WXT no longer announces the event with postMessage, but its name is public (extension id + entrypoint).
    const heard = await page.evaluate(() => JSON.stringify((window as unknown as { heard: unknown[] }).heard));
    expect(heard).not.toContain('content-script-started');
    await page.evaluate((name) => {
      const detail = { contentScriptName: 'x', messageId: 'page' };
      document.dispatchEvent(new CustomEvent(name, { detail }));
      window.dispatchEvent(new CustomEvent(name, { detail }));
      window.postMessage({ type: name, ...detail }, '*');
    }, `${session.extensionId}:x:wxt:content-script-started`);
    await page.waitForTimeout(500);
    // The bars are still there and still answer a person: a real key press tags the post.
    for (const id of [first, second]) expect(await controls(id)).toBeGreaterThan(0);
    await article(first).focus();
    await page.keyboard.press('Digit1');
    await expect.poll(async () => (await bars.read(first))?.pills).toEqual(['Complaint']);
    await expect.poll(taggedRows).toEqual([first]);
  });

  it("loses and forges no tag when the page removes the sheet that reserves the bars' room", async () => {
    await page.evaluate(() => {
      for (const s of document.querySelectorAll('style')) if (s.textContent?.includes('data-threadmark')) s.remove();
      document.documentElement.removeAttribute('data-threadmark');
      for (const a of document.querySelectorAll('article')) a.setAttribute('data-threadmark-nobar', '');
    });
    await page.waitForTimeout(300);
    // At worst a bar sits in the post's flow instead of its reserved room: it still answers a person.
    for (const id of [first, second]) expect(await controls(id)).toBeGreaterThan(0);
    await article(second).focus();
    await page.keyboard.press('Digit1');
    await expect.poll(async () => (await bars.read(second))?.pills).toEqual(['Complaint']);
    await expect.poll(async () => (await taggedRows()).sort()).toEqual([first, second].sort());
  });

  it('sent no request off the machine during all of it', () => {
    expect(traffic.served).toContain(conversation.url);
    expect(traffic.aborted).toEqual([]);
    expect(session.proxy.offMachineHosts()).toEqual([]);
  });
});
