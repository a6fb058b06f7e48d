// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { readComments } from '../../../lib/sites/facebook/parse';
import { installTap, summarise, TAP_SOURCE, type TapMessage, type TapWindow } from '../../../lib/sites/facebook/tap';
import { createTapReceiver, MAX_PENDING, readTapMessage } from '../../../lib/sites/facebook/tap-receiver';
import { standardPostPage } from '../../fixtures/facebook/standard-pages';
import { pageDoc } from './fixtures';
import { fbFile } from './facebook-fixtures';

const ORIGIN = 'https://www.facebook.com';
const GRAPHQL = fbFile('fb-graphql-comments-response.synthetic.jsonl');
const flush = () => new Promise((r) => setTimeout(r, 5));

/** A minimal XMLHttpRequest: the server answers from `routes`; the page reads responseText on load. */
function fakeXhrClass(routes: Record<string, string>, sent: { url: string; body: unknown }[]) {
  class FakeXHR extends EventTarget {
    responseType = '';
    responseText = '';
    status = 0;
    url = '';
    open(_method: string, url: string) {
      this.url = url;
    }
    send(body?: unknown) {
      sent.push({ url: this.url, body });
      queueMicrotask(() => {
        this.status = 200;
        this.responseText = routes[this.url] ?? '';
        this.dispatchEvent(new Event('load'));
      });
    }
  }
  return FakeXHR;
}

interface FakeWindow {
  location: { origin: string };
  fetch: typeof fetch;
  XMLHttpRequest: ReturnType<typeof fakeXhrClass>;
  postMessage(m: unknown): void;
}
interface FakePage {
  win: FakeWindow;
  fetchCalls: unknown[][];
  xhrSent: { url: string; body: unknown }[];
  posted: TapMessage[];
}

function fakePage(routes: Record<string, string> = { '/api/graphql/': GRAPHQL, '/other': GRAPHQL }): FakePage {
  const fetchCalls: unknown[][] = [];
  const xhrSent: { url: string; body: unknown }[] = [];
  const posted: TapMessage[] = [];
  const win: FakeWindow = {
    location: { origin: ORIGIN },
    XMLHttpRequest: fakeXhrClass(routes, xhrSent),
    fetch: ((...args: unknown[]) => {
      fetchCalls.push(args);
      const url = typeof args[0] === 'string' ? args[0] : (args[0] as Request).url;
      const path = new URL(url, ORIGIN).pathname;
      return Promise.resolve(new Response(routes[path] ?? '', { status: 200, headers: { 'content-type': 'text/html; charset="utf-8"' } }));
    }) as typeof fetch,
    postMessage: (m: unknown) => void posted.push(m as TapMessage),
  };
  return { win, fetchCalls, xhrSent, posted };
}

function xhrGet(win: FakePage['win'], url: string, body?: unknown): Promise<string> {
  return new Promise((resolve) => {
    const x = new win.XMLHttpRequest();
    x.open('POST', url);
    x.addEventListener('load', () => resolve(x.responseText));
    x.send(body);
  });
}

describe('the MAIN-world tap leaves the page untouched', () => {
  it('gives the page the very promise fetch returned, with a byte-identical body usable as text, JSON and clone', async () => {
    const page = fakePage({ '/api/graphql/': '{"data":{"n":"é ✓"}}' });
    const orig = page.win.fetch;
    const originals: Promise<Response>[] = [];
    page.win.fetch = ((...a: Parameters<typeof fetch>) => {
      const p = orig(...a);
      originals.push(p);
      return p;
    }) as typeof fetch;
    installTap(page.win as unknown as TapWindow);
    const p = page.win.fetch('/api/graphql/', { method: 'POST', body: 'av=1&doc_id=2' });
    expect(p).toBe(originals[0]);
    const res = await p;
    const copy = res.clone();
    expect(await res.text()).toBe('{"data":{"n":"é ✓"}}');
    expect(await copy.json()).toEqual({ data: { n: 'é ✓' } });
    const again = await page.win.fetch('/api/graphql/');
    expect(await again.json()).toEqual({ data: { n: 'é ✓' } });
  });

  it('passes the request through unchanged and never sends one of its own', async () => {
    const page = fakePage();
    installTap(page.win as unknown as TapWindow);
    const init = { method: 'POST', body: 'av=100000000000001&fb_api_req_friendly_name=X' };
    await (await page.win.fetch('/api/graphql/', init)).text();
    await xhrGet(page.win, '/api/graphql/', 'av=100000000000001');
    await flush();
    expect(page.fetchCalls).toHaveLength(1);
    expect(page.fetchCalls[0]![0]).toBe('/api/graphql/');
    expect(page.fetchCalls[0]![1]).toBe(init);
    expect(page.xhrSent).toEqual([{ url: '/api/graphql/', body: 'av=100000000000001' }]);
  });

  it('leaves XHR responseText byte-identical for the page', async () => {
    const page = fakePage();
    installTap(page.win as unknown as TapWindow);
    expect(await xhrGet(page.win, '/api/graphql/')).toBe(GRAPHQL);
  });

  it('still works, for the page and for itself, between wrappers other extensions install before and after it', async () => {
    const page = fakePage();
    const seen: string[] = [];
    const wrap = (name: string) => {
      const inner = page.win.fetch;
      page.win.fetch = (async (...a: Parameters<typeof fetch>) => {
        seen.push(name);
        const r = await inner(...a);
        return r;
      }) as typeof fetch;
      const proto = page.win.XMLHttpRequest.prototype;
      const send = proto.send;
      proto.send = function (this: XMLHttpRequest, ...a: unknown[]) {
        seen.push(`${name}:xhr`);
        return (send as (...x: unknown[]) => void).apply(this, a);
      };
    };
    wrap('before');
    installTap(page.win as unknown as TapWindow);
    wrap('after');
    expect(await (await page.win.fetch('/api/graphql/')).text()).toBe(GRAPHQL);
    expect(await xhrGet(page.win, '/api/graphql/')).toBe(GRAPHQL);
    await flush();
    expect(seen).toEqual(['after', 'before', 'after:xhr', 'before:xhr']);
    expect(page.posted).toHaveLength(2);
  });
});

describe('what the tap forwards', () => {
  it('forwards, from fetch and XHR alike, only id, created_time, author and parent of each comment, plus the request\'s actor', async () => {
    const page = fakePage();
    installTap(page.win as unknown as TapWindow);
    await page.win.fetch('/api/graphql/', { method: 'POST', body: new URLSearchParams({ av: '100000000000001' }) });
    await xhrGet(page.win, '/api/graphql/', 'av=100000000000009&doc_id=1');
    await flush();
    expect(page.posted).toHaveLength(2);
    expect(page.posted.find((m) => m.actor === '100000000000001')).toEqual({
      source: TAP_SOURCE,
      v: 1,
      actor: '100000000000001',
      items: [
        { id: '1000000000000020', createdTime: 1767261600, authorId: '100000000000002' },
        { id: '1000000000000022', createdTime: 1767267000, authorId: '100000000000003' },
        { id: '1000000000000021', createdTime: 1767263400, authorId: '100000000000001', parentId: '1000000000000020' },
      ],
    });
    expect(page.posted.find((m) => m.actor === '100000000000009')?.items).toHaveLength(3);
    expect(JSON.stringify(page.posted)).not.toMatch(/arrived|Customer One|body|name/);
  });

  it('does not read responses of other URLs, other origins, or without comments', async () => {
    const page = fakePage({ '/other': GRAPHQL, '/api/graphql/': '{"data":{}}' });
    const clone = vi.spyOn(Response.prototype, 'clone');
    installTap(page.win as unknown as TapWindow);
    await page.win.fetch('/other');
    await page.win.fetch('https://evil.example/api/graphql/');
    await xhrGet(page.win, '/other');
    await (await page.win.fetch('/api/graphql/')).text();
    await flush();
    expect(clone).toHaveBeenCalledTimes(1);
    expect(page.posted).toEqual([]);
  });

  it('installs once per window, and uninstalls back to the originals', async () => {
    const page = fakePage();
    const origFetch = page.win.fetch;
    const origSend = page.win.XMLHttpRequest.prototype.send;
    const off = installTap(page.win as unknown as TapWindow);
    installTap(page.win as unknown as TapWindow);
    await page.win.fetch('/api/graphql/');
    await flush();
    expect(page.posted).toHaveLength(1);
    off();
    expect(page.win.fetch).toBe(origFetch);
    expect(page.win.XMLHttpRequest.prototype.send).toBe(origSend);
  });

  it('never throws into the page, even when posting fails', async () => {
    const page = fakePage();
    installTap(page.win as unknown as TapWindow, { post: () => { throw new Error('boom'); } });
    expect(await (await page.win.fetch('/api/graphql/')).text()).toBe(GRAPHQL);
    expect(await xhrGet(page.win, '/api/graphql/')).toBe(GRAPHQL);
    await flush();
  });

  it('summarises a 5 MB response into at most the item cap, ids only', () => {
    const edges = Array.from({ length: 40_000 }, (_, i) => ({ node: { __typename: 'Comment', legacy_fbid: String(3_000_000 + i), created_time: 1767261600, body: { text: 'x'.repeat(100) } } }));
    const body = JSON.stringify({ data: { edges } });
    expect(body.length).toBeGreaterThan(5_000_000);
    const msg = summarise(body)!;
    expect(msg.items).toHaveLength(2000);
    expect(Object.keys(msg.items[0]!)).toEqual(['id', 'createdTime']);
  });
});

describe('the content script receiving the tap', () => {
  const win = { location: { origin: ORIGIN } };
  const valid = { source: TAP_SOURCE, v: 1, items: [{ id: '1000000000000020', createdTime: 1767261600 }] };
  const ev = (data: unknown, over: Partial<{ source: unknown; origin: string }> = {}) => ({ source: win, origin: ORIGIN, data, ...over });

  it('accepts the tap\'s exact shape from this window', () => {
    expect(readTapMessage(ev(valid), win)).toEqual(valid);
  });

  it.each([
    ['another window', ev(valid, { source: {} })],
    ['another origin', ev(valid, { origin: 'https://evil.example' })],
    ['another marker', ev({ ...valid, source: 'someone-else' })],
    ['another version', ev({ ...valid, v: 2 })],
    ['an extra field', ev({ ...valid, items: [{ ...valid.items[0], text: 'injected' }] })],
    ['a non-numeric id', ev({ ...valid, items: [{ id: '<img src=x>', createdTime: 1767261600 }] })],
    ['a time in milliseconds', ev({ ...valid, items: [{ id: '1', createdTime: 1767261600000 }] })],
    ['a negative time', ev({ ...valid, items: [{ id: '1', createdTime: -5 }] })],
    ['a string time', ev({ ...valid, items: [{ id: '1', createdTime: '1767261600' }] })],
    ['no items', ev({ ...valid, items: [] })],
    ['too many items', ev({ ...valid, items: Array.from({ length: 2001 }, (_, i) => ({ id: String(i + 1), createdTime: 1767261600 })) })],
    ['a forged actor', ev({ ...valid, actor: 'Example Shop' })],
    ['not an object', ev('threadmark-fb-tap')],
    ['null', ev(null)],
  ])('ignores a message from %s', (_name, event) => {
    const r = createTapReceiver(win);
    expect(r.receive(event)).toBe(false);
    expect(r.pending()).toBe(0);
  });

  it('hands out times only for comments the page shows, each once, keeping the first time seen for an id', () => {
    const r = createTapReceiver(win);
    r.receive(ev({ source: TAP_SOURCE, v: 1, actor: '100000000000001', items: [{ id: '20', createdTime: 1767261600 }, { id: '99', createdTime: 1767261601 }] }));
    r.receive(ev({ source: TAP_SOURCE, v: 1, items: [{ id: '20', createdTime: 1767000000, parentId: '7' }] }));
    expect(r.actor()).toBe('100000000000001');
    expect(r.take((id) => id === '20')).toEqual([{ id: '20', createdTime: 1767261600, parentId: '7' }]);
    expect(r.take((id) => id === '20')).toEqual([]);
    expect(r.pending()).toBe(1);
  });

  it('cannot be grown without bound by a flood of forged hints', () => {
    const r = createTapReceiver(win);
    for (let b = 0; b < 4; b++) r.receive(ev({ source: TAP_SOURCE, v: 1, items: Array.from({ length: 2000 }, (_, i) => ({ id: String(b * 2000 + i + 1), createdTime: 1767261600 })) }));
    expect(r.pending()).toBe(MAX_PENDING);
  });

  it('joins the generated page\'s GraphQL responses to the comments it shows, with the real times', () => {
    const page = standardPostPage();
    const shown = new Set(readComments(pageDoc(page.html), new URL(page.url)).comments.flatMap((s) => (s.comment ? [s.comment.id] : [])));
    const r = createTapReceiver(win);
    for (const body of [page.graphql.moreComments, page.graphql.replies]) r.receive(ev(summarise(body, page.pageId)));
    const got = r.take((id) => shown.has(id));
    const expected = page.comments.filter((c) => !page.preloadedIds.includes(c.id));
    expect(new Map(got.map((i) => [i.id, i.createdTime]))).toEqual(new Map(expected.map((c) => [c.id, c.createdTime])));
  });
});
