// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { authorRefOf, cleanPermalink, commentRefOf, decodeCommentToken, inboxRefOf, postRefOf } from '../../../lib/sites/facebook/ids';
import { createCommentReader, parseComment, readComments } from '../../../lib/sites/facebook/parse';
import { standardPostPage } from '../../fixtures/facebook/standard-pages';
import { pageDoc } from './fixtures';
import { fbFixture, fbFixtureDoc } from './facebook-fixtures';

const read = (id: string) => readComments(fbFixtureDoc(id), new URL(fbFixture(id).url));

describe('Facebook ids from URLs', () => {
  it.each([
    ['https://www.facebook.com/permalink.php?story_fbid=pfbid0X&id=1&comment_id=1000000000000020', { id: '1000000000000020', topId: '1000000000000020', isReply: false }],
    ['https://www.facebook.com/shop/posts/123/?comment_id=20&reply_comment_id=21&__cft__[0]=AZ', { id: '21', topId: '20', isReply: true }],
    ['/shop/posts/123/?comment_id=20', { id: '20', topId: '20', isReply: false }],
    ['https://www.facebook.com/profile.php?id=2&comment_id=Y29tbWVudDoxXzI%3D', null],
    ['https://www.facebook.com/x?comment_id=20&reply_comment_id=abc', null],
    ['https://evil.example/shop/posts/1?comment_id=20', null],
    ['http://[broken', null],
    [null, null],
  ] as const)('reads the comment a permalink names: %s', (href, expected) => {
    expect(commentRefOf(href)).toEqual(expected);
  });

  it('decodes the author link token comment:<post>_<comment> and rejects anything else', () => {
    expect(decodeCommentToken('Y29tbWVudDoxMDAwMDAwMDAwMDAwMDEwXzEwMDAwMDAwMDAwMDAwMjA=')).toEqual({ postId: '1000000000000010', commentId: '1000000000000020' });
    expect(decodeCommentToken(btoa('feedback:1_2'))).toBeNull();
    expect(decodeCommentToken('not base64 at all!')).toBeNull();
    expect(decodeCommentToken('')).toBeNull();
  });

  it.each([
    ['https://www.facebook.com/profile.php?id=100000000000002&comment_id=x', { id: '100000000000002', vanity: null, token: null }],
    ['https://www.facebook.com/Customer.Two?comment_id=x', { id: null, vanity: 'customer.two', token: null }],
    ['https://www.facebook.com/permalink.php?story_fbid=1', null],
    ['https://www.facebook.com/profile.php?id=abc', null],
  ] as const)('reads an author from %s', (href, expected) => {
    expect(authorRefOf(href)).toEqual(expected);
  });

  it.each([
    ['https://www.facebook.com/examplebrand/posts/pfbid0AbCdEfGhIjKlMnOp', 'pfbid0AbCdEfGhIjKlMnOp'],
    ['https://www.facebook.com/examplebrand/posts/123456789/', '123456789'],
    ['https://www.facebook.com/permalink.php?story_fbid=pfbid0EXAMPLEPOSTSLUG&id=1', 'pfbid0EXAMPLEPOSTSLUG'],
    ['https://www.facebook.com/story.php?story_fbid=42&id=1', '42'],
    ['https://www.facebook.com/photo/?fbid=555&set=a.1', '555'],
    ['https://www.facebook.com/photo.php?fbid=556', '556'],
    ['https://www.facebook.com/examplebrand/videos/777/', '777'],
    ['https://www.facebook.com/watch/?v=888', '888'],
    ['https://www.facebook.com/reel/999', '999'],
    ['https://www.facebook.com/groups/cats/posts/1234/', '1234'],
    ['https://www.facebook.com/examplebrand', null],
    ['https://www.facebook.com/permalink.php?story_fbid=<script>', null],
  ] as const)('names the post of %s', (href, expected) => {
    expect(postRefOf(href)).toBe(expected);
  });

  it('reads the Page and the thread of a Business Suite inbox URL, and nothing else', () => {
    expect(inboxRefOf(new URL('https://business.facebook.com/latest/inbox/all?asset_id=11&mailbox_id=11&selected_item_id=22&thread_type=FB_MESSAGE'))).toEqual({ pageId: '11', threadId: '22', threadType: 'FB_MESSAGE' });
    expect(inboxRefOf(new URL('https://business.facebook.com/latest/inbox/messenger?asset_id=11'))).toEqual({ pageId: '11', threadId: null, threadType: null });
    expect(inboxRefOf(new URL('https://business.facebook.com/latest/home?asset_id=11'))).toBeNull();
    expect(inboxRefOf(new URL('https://www.facebook.com/latest/inbox/all?asset_id=11'))).toBeNull();
    expect(inboxRefOf(new URL('https://business.facebook.com/latest/inbox/all?asset_id=Page'))).toBeNull();
  });

  it('drops tracking parameters from permalinks', () => {
    expect(cleanPermalink('https://www.facebook.com/s/posts/1/?comment_id=2&__cft__[0]=AZ&__tn__=R]-R')).toBe('https://www.facebook.com/s/posts/1/?comment_id=2');
  });

  it("reads every comment where URLSearchParams' iterators are not iterable, as in a Firefox content script", () => {
    // Firefox hands content scripts Xray-wrapped iterators that for…of and spread cannot use:
    // every comment was 'unreadable' there (found by tests/e2e/firefox-smoke.test.ts).
    const proto = URLSearchParams.prototype as unknown as Record<string | symbol, unknown>;
    const saved = (['keys', 'values', 'entries', Symbol.iterator] as const).map((k) => [k, proto[k]] as const);
    for (const [k] of saved) proto[k] = () => ({ next: () => ({ done: true, value: undefined }) });
    try {
      expect(cleanPermalink('https://www.facebook.com/s/posts/1/?comment_id=2&__cft__[0]=AZ&__tn__=R]-R')).toBe('https://www.facebook.com/s/posts/1/?comment_id=2');
      const page = standardPostPage();
      const slots = readComments(pageDoc(page.html), new URL(page.url)).comments;
      expect(slots.flatMap((s) => (s.comment ? [s.comment.id] : []))).toEqual(page.comments.map((c) => c.id));
      expect(slots.filter((s) => s.problem === 'unreadable')).toEqual([]);
    } finally {
      for (const [k, v] of saved) proto[k] = v;
    }
  });
});

describe('Facebook comments on the hand-written fixtures', () => {
  it('reads the dialog\'s post, not the feed behind it: two comments and the Page\'s reply', () => {
    const r = read('syn:dialog');
    expect(r).toMatchObject({ kind: 'conversation', layoutOk: true, missing: [] });
    expect(r.post).toMatchObject({ id: '1000000000000010', ref: 'pfbid0EXAMPLEPOSTSLUG', ownerId: '100000000000001' });
    expect(r.comments.map((s) => s.comment && [s.comment.id, s.comment.topId, s.comment.parentId, s.comment.depth, s.comment.authorId ?? s.comment.authorVanity, s.comment.timeText])).toEqual([
      ['1000000000000020', '1000000000000020', null, 0, '100000000000002', '1h'],
      ['1000000000000021', '1000000000000020', '1000000000000020', 1, '100000000000001', '30m'],
      ['1000000000000022', '1000000000000022', null, 0, 'customer.two', '5m'],
    ]);
    expect(r.comments[0]!.comment).toMatchObject({ authorName: 'Customer One', text: 'My order has not arrived yet, can you check?', permalink: 'https://www.facebook.com/permalink.php?story_fbid=pfbid0EXAMPLEPOSTSLUG&id=100000000000001&comment_id=1000000000000020' });
  });

  it('reads a permalink page whose top-level comments are wrapped in data-commentid', () => {
    const r = read('syn:sjs');
    expect(r.post).toMatchObject({ id: '1000000000000010', ref: 'pfbid0EXAMPLEPOSTSLUG' });
    expect(r.comments.map((s) => [s.comment?.id, s.comment?.parentId, s.comment?.depth])).toEqual([
      ['1000000000000020', null, 0],
      ['1000000000000021', '1000000000000020', 1],
      ['1000000000000022', null, 0],
    ]);
  });
});

describe('Facebook comments on generated pages (real conversations)', () => {
  it('reads every comment of both threads at depths 0, 1 and 2, with ids, parents, authors, texts and times as drawn', () => {
    const page = standardPostPage();
    const r = readComments(pageDoc(page.html), new URL(page.url));
    const withIds = r.comments.filter((s) => s.comment);
    expect(withIds.map((s) => s.comment)).toEqual(
      page.comments.map((c) =>
        expect.objectContaining({
          id: c.id,
          topId: c.topId,
          parentId: c.parentId,
          depth: c.depth,
          authorId: c.vanity ? null : c.authorId,
          authorVanity: c.vanity,
          authorName: c.authorName,
          postId: page.postId,
          text: c.text,
          timeText: c.relative,
        }),
      ),
    );
    expect(r.post).toMatchObject({ id: page.postId, ref: page.postId, ownerId: page.pageId });
  });

  it('pairs each of several replies to a top-level comment with that comment, not with the reply above it', () => {
    const page = standardPostPage({ depth1: 3 });
    expect(page.comments.filter((c) => c.depth === 1).length).toBeGreaterThanOrEqual(5);
    const r = readComments(pageDoc(page.html), new URL(page.url));
    expect(r.comments.filter((s) => s.comment).map((s) => [s.comment!.id, s.comment!.parentId, s.comment!.depth])).toEqual(page.comments.map((c) => [c.id, c.parentId, c.depth]));
  });

  it('skips the comment still posting (no permalink) and says why, without guessing an id', () => {
    const r = readComments(fbFixtureDoc('gen:post'), new URL(fbFixture('gen:post').url));
    expect(r.comments.filter((s) => !s.comment).map((s) => s.problem)).toEqual(['no-permalink']);
  });

  it.each(['es', 'ro'] as const)('reads the same threads in the %s interface, opened as a dialog over the Page', (locale) => {
    const page = standardPostPage({ locale, dialog: true });
    const r = readComments(pageDoc(page.html), new URL(page.url));
    expect(r.comments.filter((s) => s.comment).map((s) => [s.comment!.id, s.comment!.parentId, s.comment!.depth, s.comment!.timeText])).toEqual(page.comments.map((c) => [c.id, c.parentId, c.depth, c.relative]));
    expect(r.post?.ref).toBe(page.postId); // from the post's own time link: the URL is the Page's
  });
});

describe('Facebook comments read again only when they change (a pass re-reads every comment shown)', () => {
  // The time link is the permalink: a numeric comment_id (the author link carries a base64 token).
  const timeLinkOf = (a: Element): Element => [...a.querySelectorAll('a')].find((l) => /comment_id=\d+(?:&|$)/.test(l.getAttribute('href') ?? ''))!;
  const setup = () => {
    const page = standardPostPage();
    const doc = pageDoc(page.html);
    const reader = createCommentReader();
    const articles = [...doc.querySelectorAll('div[role="main"] div[role="article"] div[role="article"]')];
    const first = articles.find((a) => parseComment(a).comment)!;
    return { page, doc, reader, first };
  };

  it('gives the same reading of an unchanged comment on the next pass, without reading it again', () => {
    const { doc, page, reader, first } = setup();
    const once = readComments(doc, new URL(page.url), reader);
    const twice = readComments(doc, new URL(page.url), reader);
    expect(twice.comments.map((s) => s.comment)).toEqual(once.comments.map((s) => s.comment));
    expect(reader(first)).toBe(reader(first));
  });

  it.each([
    ['its text is edited', (a: Element): void => {
        a.querySelector('span[lang] div[dir="auto"]')!.textContent = 'Edited: still waiting';
      }, (c: { text: string }) => c.text === 'Edited: still waiting'],
    ['its time text moves on', (a: Element): void => {
        timeLinkOf(a).textContent = '9h';
      }, (c: { timeText: string }) => c.timeText === '9h'],
    [
      'the article is reused for another comment',
      (a: Element): void => {
        const link = timeLinkOf(a);
        const fresh = link.cloneNode(true) as Element;
        fresh.setAttribute('href', link.getAttribute('href')!.replace(/comment_id=\d+/, 'comment_id=4242'));
        link.replaceWith(fresh);
      },
      (c: { id: string }) => c.id === '4242',
    ],
  ] as const)('reads a comment again when %s', (_what, change, isNew) => {
    const { reader, first } = setup();
    const before = reader(first).comment!;
    change(first);
    const after = reader(first).comment!;
    expect(isNew(after as never)).toBe(true);
    expect(isNew(before as never)).toBe(false);
  });
});

describe('Facebook comments on unknown or hostile markup', () => {
  const doc = (body: string) => pageDoc(`<!DOCTYPE html><html><body>${body}</body></html>`);
  const url = new URL('https://www.facebook.com/shop/posts/1');

  it('pauses, naming what is missing, when the page has no main column', () => {
    expect(readComments(doc('<div>nothing</div>'), url)).toMatchObject({ layoutOk: false, missing: ['main'], comments: [] });
  });

  it('pauses when comments are drawn without any permalink at all', () => {
    const r = readComments(doc('<div role="main"><div role="article"><div role="article"><span>Ana</span> hi</div></div></div>'), url);
    expect(r).toMatchObject({ layoutOk: false, missing: ['commentLink'] });
    expect(r.comments[0]!.problem).toBe('no-permalink');
  });

  it('reports a second copy of the same comment as a duplicate, never a second comment', () => {
    const page = standardPostPage();
    const d = pageDoc(page.html);
    const first = d.querySelector('[data-commentid]')!;
    first.parentElement!.appendChild(first.cloneNode(true));
    const r = readComments(d, new URL(page.url));
    expect(r.comments.filter((s) => s.comment?.id === page.comments[0]!.id)).toHaveLength(1);
    expect(r.comments.filter((s) => s.problem === 'duplicate')).toHaveLength(1);
  });

  it('leaves a reply\'s parent unknown when the structure places it under another thread', () => {
    const d = doc(
      '<div role="main"><div role="article">' +
        '<div role="article"><a role="link" href="/profile.php?id=1">A</a><a href="/s/posts/1/?comment_id=10">1h</a></div>' +
        '<div><div role="article"><a role="link" href="/profile.php?id=2">B</a><a href="/s/posts/1/?comment_id=99&reply_comment_id=11">1h</a></div></div>' +
        '</div></div>',
    );
    const r = readComments(d, url);
    expect(r.comments[1]!.comment).toMatchObject({ id: '11', topId: '99', parentId: null, depth: null });
  });

  it('skips a comment whose author link is missing, and reads hrefs that are not URLs without throwing', () => {
    const a = doc('<div role="article"><a href="http://[">x</a><a href="/s/posts/1/?comment_id=10">1h</a></div>').querySelector('[role="article"]')!;
    expect(parseComment(a)).toMatchObject({ comment: null, problem: 'no-author' });
  });
});
