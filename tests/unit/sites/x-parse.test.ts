// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { xAdapter } from '../../../lib/sites/x';
import { lineAbove, lineBelow, snowflakeAt, snowflakeTime, TIME_SKEW_TOLERANCE_MS } from '../../../lib/sites/x/parse';
import { pageDoc, realArticle, realDoc } from './fixtures';

describe('parsePost on real X captures', () => {
  it('reads the focused post of a status page: id, handle, name, time, text', () => {
    const slot = xAdapter.parsePost(realArticle('real:focused'));
    expect(slot.problem).toBeNull();
    expect(slot.post).toEqual({
      id: '1981398750557065646',
      author: 'testuser123',
      authorName: 'Test User Account',
      at: Date.parse('2025-10-23T16:34:09.000Z'),
      text: "Democrat Shutdown Jeopardizes America's Skies",
      truncated: false,
      permalink: 'https://x.com/TestUser123/status/1981398750557065646',
      mentions: [],
    });
  });

  it('reads only the outer post of a quote tweet, skipping the quoted post and its time', () => {
    const doc = realDoc('real:quote');
    expect(doc.querySelectorAll('time')).toHaveLength(2);
    const slot = xAdapter.parsePost(doc.querySelector('article')!);
    expect(slot.post).toMatchObject({
      id: '1983130065320780162',
      author: 'testquoter',
      authorName: 'Test Quoter',
      at: Date.parse('2025-10-28T11:13:47.000Z'),
      text: 'This is a quote tweet with additional commentary',
      permalink: 'https://x.com/TestQuoter/status/1983130065320780162',
    });
    expect(slot.post!.text).not.toContain('original quoted tweet');
  });

  it('reads the outer post of a quote with video, and a video player wrapper is not an ad', () => {
    const article = realArticle('real:quote-video');
    expect(article.querySelector('[data-testid="placementTracking"]')).not.toBeNull();
    const slot = xAdapter.parsePost(article);
    expect(slot.problem).toBeNull();
    expect(slot.post).toMatchObject({
      id: '1983128852952998358',
      author: 'quotinguser',
      authorName: 'Quoting User',
      at: Date.parse('2025-10-28T11:08:57.000Z'),
      text: 'How to share Example.com links',
    });
  });

  it('takes the id from the time link only, not from the photo or analytics links that also match /status/', () => {
    const article = realArticle('real:quote');
    const hrefs = [...article.querySelectorAll('a[href*="/status/"]')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([
      '/TestQuoter/status/1983130065320780162',
      '/OriginalAuthor/status/1983129251856470493/photo/1',
      '/TestQuoter/status/1983130065320780162/analytics',
    ]);
    article.querySelector('a[href="/TestQuoter/status/1983130065320780162"]')!.setAttribute('href', '/TestQuoter/status/1');
    expect(xAdapter.parsePost(article).post!.id).toBe('1');
  });

  it('sees no thread line on single posts', () => {
    for (const id of ['real:focused', 'real:quote', 'real:quote-video'] as const) {
      expect(lineAbove(realArticle(id))).toBe(false);
      expect(lineBelow(realArticle(id))).toBe(false);
    }
  });

  it('gives a signature made of the permalink and the time', () => {
    expect(xAdapter.signature(realArticle('real:focused'))).toBe('/TestUser123/status/1981398750557065646|2025-10-23T16:34:09.000Z');
  });
});

describe('parsePost never guesses', () => {
  function mutated(fn: (a: Element) => void): Element {
    const a = realArticle('real:quote');
    fn(a);
    return a;
  }

  it('skips a post without a permalink instead of guessing its id', () => {
    const a = mutated((a) => {
      const link = a.querySelector('a[href="/TestQuoter/status/1983130065320780162"]')!;
      link.replaceWith(...link.childNodes);
    });
    expect(a.querySelector('a[href*="/status/1983130065320780162"]')).not.toBeNull(); // the analytics link is still there
    expect(xAdapter.parsePost(a)).toMatchObject({ post: null, problem: 'no-permalink' });
  });

  it('skips a post whose time has no datetime', () => {
    const a = mutated((a) => a.querySelector('a[href$="/status/1983130065320780162"] time')!.removeAttribute('datetime'));
    expect(xAdapter.parsePost(a)).toMatchObject({ post: null, problem: 'no-time' });
  });

  it('skips a post whose datetime is not a date', () => {
    const a = mutated((a) => a.querySelector('a[href$="/status/1983130065320780162"] time')!.setAttribute('datetime', 'yesterday'));
    expect(xAdapter.parsePost(a)).toMatchObject({ post: null, problem: 'bad-time' });
  });

  it('skips a post with no time at all', () => {
    const a = mutated((a) => a.querySelectorAll('time').forEach((t) => t.remove()));
    expect(xAdapter.parsePost(a)).toMatchObject({ post: null, problem: 'no-time' });
  });

  it('never reads the id of a quoted post, even when the outer one has none', () => {
    const a = mutated((a) => {
      a.querySelector('a[href="/TestQuoter/status/1983130065320780162"]')!.remove();
      // give the quoted time a status link, as a future X might
      const qt = a.querySelector('div[role="link"] time')!;
      const link = a.ownerDocument.createElement('a');
      link.setAttribute('href', '/OriginalAuthor/status/1983129251856470493');
      qt.replaceWith(link);
      link.append(qt);
    });
    const slot = xAdapter.parsePost(a);
    expect(slot.post).toBeNull();
    expect(slot.problem).not.toBeNull();
  });

  it('calls a bare article (X withheld/deleted post) unavailable, and a promoted one promoted', () => {
    const doc = pageDoc(
      '<div data-testid="cellInnerDiv"><div><div><div><article role="article" tabindex="0"><span>This post is unavailable.</span></article></div></div></div></div>' +
        '<div data-testid="cellInnerDiv"><div><div data-testid="placementTracking"><div id="ad"></div></div></div></div>',
    );
    expect(xAdapter.parsePost(doc.querySelector('article')!)).toMatchObject({ post: null, problem: 'unavailable' });
    doc.getElementById('ad')!.append(realArticle('real:quote'));
    expect(xAdapter.parsePost(doc.querySelector('#ad article')!)).toMatchObject({ post: null, problem: 'promoted' });
  });

  it('never throws on garbage', () => {
    const doc = pageDoc('<article data-testid="tweet"><a href="/x/status/99999999999999999999999999999"><time datetime="2020-01-01T00:00:00Z"></time></a></article><div></div><svg></svg>');
    for (const el of doc.querySelectorAll('*')) expect(() => xAdapter.parsePost(el)).not.toThrow();
    for (const el of doc.querySelectorAll('*')) expect(() => xAdapter.signature(el)).not.toThrow();
    expect(xAdapter.parsePost(doc.querySelector('div')!).problem).toBe('unavailable');
  });
});

describe('times: the page and the id', () => {
  it('decodes the snowflake time of an id', () => {
    expect(snowflakeTime('1981398750557065646')).toBe(Date.parse('2025-10-23T16:34:09.398Z'));
    expect(snowflakeTime(snowflakeAt(Date.parse('2020-03-27T21:48:19.000Z')))).toBe(Date.parse('2020-03-27T21:48:19.000Z'));
    expect(snowflakeTime('20')).toBeNull(); // pre-2010 ids are not snowflakes
    expect(snowflakeTime('abc')).toBeNull();
  });

  it("keeps the page's time but flags a post whose time disagrees with its id", () => {
    const a = realArticle('real:focused');
    a.querySelector('time')!.setAttribute('datetime', '2025-10-23T18:00:00.000Z');
    const post = xAdapter.parsePost(a).post!;
    expect(post.at).toBe(Date.parse('2025-10-23T18:00:00.000Z'));
    expect(post.timeSkewMs).toBeGreaterThan(TIME_SKEW_TOLERANCE_MS);
  });

  it('does not flag a post within a few minutes of its id time', () => {
    expect(xAdapter.parsePost(realArticle('real:focused')).post!.timeSkewMs).toBeUndefined();
  });
});
