// @vitest-environment jsdom
/**
 * The adapter, the tap and the receiver on a live generated page (page-script.js), as they
 * will run in a tab: the page loads comments and posts a comment over a fake
 * `/api/graphql/` (graphqlResponder), the tap sees the page's own responses, and the
 * adapter ends with every comment at its exact time, including the agent's new comment.
 */
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { createFacebookAdapter, type FacebookPost } from '../../../lib/sites/facebook';
import { installTap } from '../../../lib/sites/facebook/tap';
import { createTapReceiver } from '../../../lib/sites/facebook/tap-receiver';
import { graphqlResponder, type PostPage } from '../../fixtures/facebook/post-page';
import { standardPostPage } from '../../fixtures/facebook/standard-pages';

type Win = Window & typeof globalThis;
type JsdomCtor = new (html: string, opts: { url: string; runScripts: 'dangerously'; beforeParse(w: Win): void }) => { window: Win };
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: JsdomCtor };

const windows: Win[] = [];
afterEach(() => windows.splice(0).forEach((w) => w.close()));

/** A tab on the live page: Facebook's server answers from the responder; the tap is installed before the page runs. */
function openTab(page: PostPage) {
  let clock = page.now;
  const respond = graphqlResponder(page, { now: () => clock });
  const requests: string[] = [];
  let win!: Win;
  const dom = new JSDOM(page.html, {
    url: page.url,
    runScripts: 'dangerously',
    beforeParse(w) {
      win = w;
      const answer = (body: string) => {
        requests.push(new URLSearchParams(body).get('fb_api_req_friendly_name') ?? '?');
        return respond(body) ?? '';
      };
      class Xhr extends w.EventTarget {
        status = 0;
        responseText = '';
        responseType = '';
        private body = '';
        open() {}
        setRequestHeader() {}
        send(body: string) {
          this.body = body;
          setTimeout(() => {
            this.responseText = answer(this.body);
            this.status = 200;
            this.dispatchEvent(new w.Event('load'));
          }, 1);
        }
      }
      (w as unknown as { XMLHttpRequest: unknown }).XMLHttpRequest = Xhr;
      w.fetch = (async (_u: RequestInfo | URL, init?: RequestInit) => new Response(answer(String(init?.body ?? '')))) as typeof fetch;
      // What a browser's postMessage delivers (jsdom leaves source and origin empty).
      installTap(w as unknown as Parameters<typeof installTap>[0], { post: (data) => w.dispatchEvent(new w.MessageEvent('message', { data, source: w, origin: w.location.origin })) });
    },
  });
  windows.push(dom.window);
  const tap = createTapReceiver(win);
  win.addEventListener('message', (e) => tap.receive(e));
  const adapter = createFacebookAdapter({ tap, now: () => clock });
  const doc = win.document;
  const read = () => adapter.readThread(doc, new URL(page.url)).posts.flatMap((p) => (p.post ? [{ ...(p.post as FacebookPost), inReplyTo: p.inReplyTo }] : []));
  const click = (el: Element) => el.dispatchEvent(new win.MouseEvent('click', { bubbles: true }));
  const button = (text: RegExp) => [...doc.querySelectorAll('[role="button"]')].find((b) => text.test(b.textContent ?? ''))!;
  const type = (box: Element, text: string) => (box.innerHTML = `<p>${text}</p>`);
  return { win, doc, adapter, read, click, button, type, requests, settle: () => new Promise((r) => setTimeout(r, 40)), tick: (ms: number) => (clock += ms) };
}

describe('a live Facebook page with the tap', () => {
  it('shows only the first comment at first; loading more comments and replies brings every comment with its exact time', async () => {
    const page = standardPostPage({ live: true, hiddenComment: false });
    const tab = openTab(page);
    expect(tab.read().map((p) => p.id)).toEqual([page.comments[0]!.id]);
    tab.click(tab.button(/View all \d+ replies/));
    await tab.settle();
    tab.click(tab.button(/View more comments/));
    await tab.settle();
    tab.click(tab.button(/View all \d+ replies/));
    await tab.settle();
    expect(tab.requests).toEqual(['Depth1CommentsListPaginationQuery', 'CommentsListComponentsPaginationQuery', 'Depth1CommentsListPaginationQuery']);
    expect(tab.read().map((p) => [p.id, p.precision, p.at, p.rootId, p.inReplyTo])).toEqual(page.comments.map((c) => [c.id, 'exact', c.createdTime * 1000, c.topId, c.parentId]));
  });

  it('records a comment the agent sends with Enter as the Page, with Facebook\'s id and time', async () => {
    const page = standardPostPage({ live: true, hiddenComment: false });
    const tab = openTab(page);
    tab.tick(60_000);
    const box = tab.doc.querySelector('form [role="textbox"]')!;
    tab.type(box, 'We are looking into it for everyone.');
    const enter = new tab.win.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    expect(tab.adapter.composer.isSubmitKey({ key: 'Enter', target: box })).toBe(true);
    expect(tab.adapter.composer.draftText(box, tab.doc)).toBe('We are looking into it for everyone.');
    box.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBe(true);
    await tab.settle();
    const mine = tab.read().find((p) => p.text === 'We are looking into it for everyone.')!;
    expect(mine).toMatchObject({ author: page.pageId, precision: 'exact', at: Math.floor((page.now + 60_000) / 1000) * 1000, depth: 0, rootId: mine.id });
    expect(mine.id).toMatch(/^\d+$/);
    expect(tab.adapter.identity(tab.doc, new URL(page.url))).toMatchObject({ actorId: page.pageId, source: 'request' });
  });

  it('records a reply sent from a comment\'s reply box under that comment, and one sent as the person (not the Page) with the person as author', async () => {
    const page = standardPostPage({ live: true, hiddenComment: false, actorId: '100000000000777' });
    const tab = openTab(page);
    const top = page.comments[0]!;
    const replyAction = [...tab.doc.querySelectorAll(`[data-commentid="${top.id}"] ul [role="button"]`)].find((b) => b.textContent === 'Reply')!;
    tab.click(replyAction);
    const box = tab.doc.querySelector(`[data-tm-thread="${top.id}"] > form [role="textbox"]`)!;
    expect(tab.adapter.composer.replyTarget(box, tab.doc, new URL(page.url))).toBe(top.id);
    tab.type(box, 'Could you send us your order number?');
    tab.click(box.parentElement!.querySelector('[aria-label="Comment"]')!);
    await tab.settle();
    const reply = tab.read().find((p) => p.text === 'Could you send us your order number?')!;
    expect(reply).toMatchObject({ rootId: top.id, inReplyTo: top.id, depth: 1, precision: 'exact', author: '100000000000777' });
    expect(tab.adapter.identity(tab.doc, new URL(page.url)).actorId).toBe('100000000000777');
  });
});
