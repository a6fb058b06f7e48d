// @vitest-environment jsdom
/**
 * The tap and its receiver through a real window's postMessage (jsdom): what the page's
 * fetch returns reaches the adapter as exact times, and the page's own forged messages do not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createFacebookAdapter, type FacebookPost } from '../../../lib/sites/facebook';
import { installTap, TAP_SOURCE } from '../../../lib/sites/facebook/tap';
import { createTapReceiver } from '../../../lib/sites/facebook/tap-receiver';
import { standardPostPage } from '../../fixtures/facebook/standard-pages';
import { pageWindow } from './fixtures';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function facebookTab() {
  const page = standardPostPage();
  const win = pageWindow(page.html, page.url);
  const bodies: Record<string, string> = { more: page.graphql.moreComments, replies: page.graphql.replies };
  // The site's server, as the page's own fetch sees it.
  win.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => new Response(bodies[new URLSearchParams(String(init?.body)).get('q') ?? ''] ?? '{}')) as typeof fetch;
  // What a browser's postMessage delivers (jsdom leaves source and origin empty).
  const deliver = (data: unknown, source: unknown = win) => win.dispatchEvent(new win.MessageEvent('message', { data, source: source as Window, origin: win.location.origin }));
  cleanups.push(installTap(win, { post: (msg) => deliver(msg) }));
  const tap = createTapReceiver(win);
  const onMessage = (e: MessageEvent) => tap.receive(e);
  win.addEventListener('message', onMessage);
  cleanups.push(() => win.removeEventListener('message', onMessage));
  const adapter = createFacebookAdapter({ tap, now: () => page.now });
  return { page, win, tap, adapter, deliver, read: () => adapter.readThread(win.document, new URL(page.url)).posts.flatMap((p) => (p.post ? [p.post as FacebookPost] : [])) };
}

const settle = () => new Promise((r) => setTimeout(r, 30));

describe('the tap in a page window', () => {
  it('turns every comment exact once the page has loaded more comments and replies', async () => {
    const { page, win, read } = facebookTab();
    expect(read().filter((p) => p.precision === 'approx').length).toBeGreaterThan(0);
    await (await win.fetch('/api/graphql/', { method: 'POST', body: `av=${page.pageId}&q=more` })).text(); // Facebook's own reader strips for (;;);
    await (await win.fetch('/api/graphql/', { method: 'POST', body: `av=${page.pageId}&q=replies` })).text();
    await settle();
    expect(read().map((p) => [p.id, p.precision, p.at])).toEqual(page.comments.map((c) => [c.id, 'exact', c.createdTime * 1000]));
  });

  it('ignores a message from another window or with extra fields, and holds a well-formed one only as a hint', async () => {
    const { page, tap, deliver } = facebookTab();
    const victim = page.comments.at(-1)!.id;
    const other = pageWindow('<html></html>', page.url);
    deliver({ source: TAP_SOURCE, v: 1, items: [{ id: victim, createdTime: 1767261600 }] }, other);
    deliver({ source: TAP_SOURCE, v: 1, items: [{ id: victim, createdTime: 1767261600, text: 'x' }] });
    await settle();
    expect(tap.pending()).toBe(0);
    // A well-formed message from the page itself cannot be told apart: it stays a hint (see the adapter's time check).
    deliver({ source: TAP_SOURCE, v: 1, items: [{ id: victim, createdTime: 1767261600 }] });
    expect(tap.pending()).toBe(1);
  });
});
