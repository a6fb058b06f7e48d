// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { xAdapter } from '../../../lib/sites/x';
import { lineAbove, lineBelow, snowflakeAt, snowflakeTime, TIME_SKEW_TOLERANCE_MS } from '../../../lib/sites/x/parse';
import { ARTICLE_URL, fixtureDoc, pageDoc, realArticle, realDoc } from './fixtures';

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

  it('changes the signature when X keeps the permalink elements but points them at another post', () => {
    const a = realArticle('real:focused');
    xAdapter.signature(a);
    const time = a.querySelector('a[href*="/status/"] > time')!;
    time.parentElement!.setAttribute('href', '/Other/status/42');
    time.setAttribute('datetime', '2025-10-24T10:00:00.000Z');
    expect(xAdapter.signature(a)).toBe('/Other/status/42|2025-10-24T10:00:00.000Z');
    // …and when the permalink leaves the post, it is searched for again.
    time.parentElement!.remove();
    expect(xAdapter.signature(a)).not.toContain('/Other/status/42');
  });

  it('sees a thread line X draws below a post after the post was first read', () => {
    const doc = fixtureDoc('gen:conversation');
    const article = [...doc.querySelectorAll('article[data-testid="tweet"]')].find((el) => !lineBelow(el))!;
    const avatar = [...article.querySelectorAll('[data-testid="Tweet-User-Avatar"]')][0]!;
    avatar.after(doc.createElement('div'));
    expect(lineBelow(article)).toBe(true);
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

  it('recognises a promoted post by the wrapper inside its own cell, and looks no higher than the cell', () => {
    // The wrapper as X nests it: cell > … > placementTracking > … > article.
    const doc = pageDoc(
      '<div data-testid="cellInnerDiv"><div><div data-testid="placementTracking"><div><div id="ad"></div></div></div></div></div>' +
        // A wrapper above the list cells (X never puts one there) says nothing about the posts in them.
        '<div data-testid="placementTracking"><div data-testid="cellInnerDiv"><div><div id="plain"></div></div></div></div>',
    );
    doc.getElementById('ad')!.append(realArticle('real:quote'));
    doc.getElementById('plain')!.append(realArticle('real:quote'));
    expect(xAdapter.parsePost(doc.querySelector('#ad article')!)).toMatchObject({ post: null, problem: 'promoted' });
    expect(xAdapter.parsePost(doc.querySelector('#plain article')!)).toMatchObject({ problem: null, post: { id: '1983130065320780162' } });
  });

  it('reads the posts of the real captures as not promoted: their cell ends the walk, the video player wrapper inside is never read', () => {
    for (const id of ['real:quote', 'real:quote-video', 'real:article'] as const) {
      const article = realDoc(id).querySelector('article')!;
      expect(article.closest('[data-testid="cellInnerDiv"]'), id).not.toBeNull();
      expect(xAdapter.parsePost(article).problem, id).toBeNull();
    }
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

  it.each([
    ['minutes away from the time in its id', '2025-10-23T18:00:00.000Z'],
    ['in the year 275760 (the largest date JavaScript reads)', '+275760-09-13T00:00:00.000Z'],
    ['before X existed (2006-03-21)', '2006-03-20T12:00:00.000Z'],
    ['more than a day in the future', new Date(Date.now() + 2 * 86_400_000).toISOString()],
  ])('skips a post whose time is %s, and says why', (_label, datetime) => {
    const a = realArticle('real:focused');
    a.querySelector('time')!.setAttribute('datetime', datetime);
    expect(xAdapter.parsePost(a)).toMatchObject({ post: null, problem: 'time-out-of-range' });
  });

  it('keeps a post within a few minutes of its id time', () => {
    const a = realArticle('real:focused');
    const idTime = snowflakeTime('1981398750557065646')!;
    a.querySelector('time')!.setAttribute('datetime', new Date(idTime + TIME_SKEW_TOLERANCE_MS - 1000).toISOString());
    expect(xAdapter.parsePost(a).post!.at).toBe(idTime + TIME_SKEW_TOLERANCE_MS - 1000);
  });
});

describe('reserved paths are never handles', () => {
  const ID = '1981398750557065646';
  const withPermalink = (href: string) => {
    const a = realArticle('real:focused');
    a.querySelector('a[href*="/status/"] > time')!.parentElement!.setAttribute('href', href);
    return a;
  };

  it('takes the author of an /i/status/{id} permalink from the @handle the post shows', () => {
    const post = xAdapter.parsePost(withPermalink(`/i/status/${ID}`)).post!;
    expect(post).toMatchObject({ id: ID, author: 'testuser123', permalink: `https://x.com/TestUser123/status/${ID}` });
  });

  it.each(['i', 'home', 'explore', 'search', 'settings', 'notifications', 'messages', 'compose', 'intent', 'hashtag'])(
    'skips a /%s/status/{id} post that shows no @handle, rather than store that path as its author',
    (reserved) => {
      const a = withPermalink(`/${reserved}/status/${ID}`);
      for (const el of a.querySelectorAll('[data-testid="User-Name"] a')) if (el.textContent!.startsWith('@')) el.remove();
      expect(xAdapter.parsePost(a)).toMatchObject({ post: null, problem: 'no-author' });
    },
  );

  it('never reads a reserved path as the logged-in handle', () => {
    const doc = pageDoc('<a data-testid="AppTabBar_Profile_Link" href="/home">Profile</a>');
    expect(xAdapter.loggedInHandle(doc)).toBeNull();
  });
});

describe('real 2026 markup (real:article, Feb 2026)', () => {
  it('stores an X Article by its title and marks that the body is not captured', () => {
    const doc = realDoc('real:article');
    const read = xAdapter.readThread(doc, new URL(ARTICLE_URL));
    expect(read.layoutOk).toBe(true);
    expect(read.posts).toHaveLength(1);
    expect(read.posts[0]!.role).toBe('focused');
    expect(read.posts[0]!.post).toMatchObject({
      id: '2013045749580259680',
      author: 'arscontexta',
      authorName: 'Heinrich',
      at: Date.parse('2026-01-19T00:28:01.000Z'),
      text: 'obsidian + claude code 101',
      textNote: 'article',
      permalink: 'https://x.com/arscontexta/status/2013045749580259680',
    });
    expect(read.posts[0]!.post!.text).not.toContain('operating system for thinking'); // the body
  });

  it('finds the logged-in account of the 2026 page, which has no profile tab link', () => {
    expect(xAdapter.loggedInHandle(realDoc('real:article'))).toBe('kepano');
  });

  it("stores X's translation without its notice, marked translated", () => {
    const post = xAdapter.parsePost(fixtureDoc('built:translated').querySelector('article')!).post!;
    expect(post.text).toBe('A translated sentence, not the author’s words');
    expect(post.textNote).toBe('translated');
  });

  it('leaves an untranslated post unmarked', () => {
    expect(xAdapter.parsePost(realArticle('real:focused')).post!.textNote).toBeUndefined();
  });

  it('never reads the display name from the time link of a 2026 post card', () => {
    const doc = fixtureDoc('built:card-2026');
    const post = xAdapter.parsePost(doc.querySelector('article')!).post!;
    expect(post.authorName).toBe('Heinrich');
    expect(post.author).toBe('arscontexta');
    expect(post.id).toBe('2013045749580259680');
  });

  it('reads no name at all rather than a date when the card shows only a time link', () => {
    const doc = fixtureDoc('built:card-2026');
    doc.querySelector('[data-testid="User-Name"]')!.firstElementChild!.remove(); // the name block
    expect(xAdapter.parsePost(doc.querySelector('article')!).post!.authorName).toBe('');
  });

  it('strips direction overrides and control characters from a display name', () => {
    const a = realArticle('real:focused');
    const name = a.querySelector('[data-testid="User-Name"] a span span') ?? a.querySelector('[data-testid="User-Name"] a span')!;
    name.textContent = '\u202EAna\u2066 María\u0007';
    expect(xAdapter.parsePost(a).post!.authorName).toBe('Ana María');
  });
});

describe('mentions', () => {
  it('never takes a path X keeps for itself for a mentioned customer', () => {
    const a = realArticle('real:focused');
    a.querySelector('[data-testid="tweetText"]')!.textContent = '@home @dana where is my order';
    expect(xAdapter.parsePost(a).post!.mentions).toEqual(['dana']);
  });
});
