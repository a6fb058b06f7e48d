// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createThreadMemo, type ThreadRead } from '../../../lib/sites/types';
import { xAdapter } from '../../../lib/sites/x';
import { snowflakeTime } from '../../../lib/sites/x/parse';
import { loadCareConversations } from '../../fixtures/x/care-data';
import { buildConversationModel, conversationPage, type ConversationPage } from '../../fixtures/x/conversation-page';
import { ADOBE_SESSION, standardConversation, standardNotifications } from '../../fixtures/x/standard-pages';
import { pageDoc } from './fixtures';

function read(page: ConversationPage, mutate?: (doc: Document) => void, memo?: ReturnType<typeof createThreadMemo> | null) {
  const doc = pageDoc(page.html, page.url);
  mutate?.(doc);
  return { doc, read: xAdapter.readThread(doc, new URL(page.url), undefined, memo) };
}

const summary = (r: ThreadRead) => r.posts.map((p) => ({ id: p.post?.id ?? null, role: p.role, rootId: p.rootId, inReplyTo: p.inReplyTo, problem: p.problem }));
const expectedSummary = (page: ConversationPage) =>
  page.expected.map((e) => ({ id: e.id, role: e.role, rootId: e.rootId, inReplyTo: e.inReplyTo, problem: e.problem }));

describe('readThread on a generated conversation page (real markup, real AdobeCare thread)', () => {
  const page = standardConversation();
  const { read: r } = read(page);

  it('recognises a status page whose layout it knows', () => {
    expect(r.kind).toBe('conversation');
    expect(r.layoutOk).toBe(true);
    expect(r.missing).toEqual([]);
  });

  it('lists ancestors, the focused post and the replies in page order, with role, root and parent as drawn', () => {
    expect(summary(r)).toEqual(expectedSummary(page));
    expect(r.posts.map((p) => p.role)).toEqual(expect.arrayContaining(['ancestor', 'focused', 'reply']));
  });

  it('links a chain continuation to the post above it and a new chain to the focused post', () => {
    const replies = r.posts.filter((p) => p.role === 'reply' && p.post);
    const continued = replies.filter((p, i) => i > 0 && p.inReplyTo === replies[i - 1]!.post!.id);
    const chainStarts = replies.filter((p) => p.inReplyTo === page.focusedId);
    expect(continued.length).toBeGreaterThanOrEqual(3);
    expect(chainStarts.length).toBeGreaterThanOrEqual(5); // the thread's first reply and the other customers' chains
    const brandFollowUp = r.posts.find((p) => p.post?.author === 'adobecare' && page.expected.find((e) => e.id === p.post!.id)?.source.endsWith(':brand'));
    expect(brandFollowUp?.inReplyTo).toBe(r.posts[r.posts.indexOf(brandFollowUp!) - 1]!.post!.id);
  });

  it('gives every post the conversation root: the first ancestor', () => {
    expect(new Set(r.posts.map((p) => p.rootId))).toEqual(new Set([page.rootId]));
    expect(page.rootId).toBe(loadCareConversations().find((c) => c.session === ADOBE_SESSION)!.turns[0]!.id);
  });

  it("reads each post's author, name, time, visible text and mentions as the page shows them", () => {
    const got = r.posts.filter((p) => p.post).map(({ post }) => ({
      id: post!.id,
      author: post!.author,
      authorName: post!.authorName,
      at: post!.at,
      text: post!.text,
      truncated: post!.truncated,
      mentions: post!.mentions,
    }));
    const want = page.expected
      .filter((e) => e.id)
      .map((e) => ({ id: e.id, author: e.author, authorName: e.authorName, at: e.at, text: e.text, truncated: e.truncated, mentions: e.mentions }));
    expect(got).toEqual(want);
    expect(r.posts.every((p) => p.problem !== 'time-out-of-range')).toBe(true);
    for (const p of r.posts) if (p.post) expect(p.post.permalink).toMatch(new RegExp(`^https://x\\.com/[A-Za-z0-9_]+/status/${p.post.id}$`));
  });

  it('keeps the real times and gaps of the data (and they agree with the ids)', () => {
    const turns = loadCareConversations().find((c) => c.session === ADOBE_SESSION)!.turns;
    const byId = new Map(r.posts.filter((p) => p.post).map((p) => [p.post!.id, p.post!.at]));
    for (const t of turns) if (byId.has(t.id)) expect(byId.get(t.id)).toBe(Date.parse(t.at));
    for (const p of r.posts) if (p.post) expect(Math.abs(p.post.at - snowflakeTime(p.post.id)!)).toBeLessThan(1000);
  });

  it('stops before the "Discover more" section', () => {
    const ids = r.posts.map((p) => p.post?.id);
    expect(page.discoverIds).toHaveLength(3);
    for (const id of page.discoverIds) expect(ids).not.toContain(id);
  });

  it('leaves promoted posts out', () => {
    expect(page.promotedId).toBeTruthy();
    expect(r.posts.map((p) => p.post?.id)).not.toContain(page.promotedId);
    expect(r.posts.some((p) => p.problem === 'promoted')).toBe(false);
  });

  it('shows a withheld post as skipped (unavailable), and does not guess the parent of the post under it', () => {
    const i = r.posts.findIndex((p) => p.problem === 'unavailable');
    expect(i).toBeGreaterThan(0);
    expect(r.posts[i]!.post).toBeNull();
    expect(r.posts[i]!.element.tagName).toBe('ARTICLE');
    expect(r.posts[i + 1]!.post).not.toBeNull();
    expect(r.posts[i + 1]!.inReplyTo).toBeNull();
  });

  it('does not guess the parent of a reply whose parent hides behind "Show replies"', () => {
    const after = page.expected.findIndex((e) => e.source === '9');
    expect(page.expected.some((e) => e.source === '8')).toBe(false); // the collapsed turn is not on the page
    expect(r.posts[after]!.post?.id).toBe(page.expected[after]!.id);
    expect(r.posts[after]!.inReplyTo).toBeNull();
  });

  it('marks a truncated post and keeps only its visible text', () => {
    const t = r.posts.find((p) => p.post?.truncated);
    expect(t?.post?.text).toBe(page.expected.find((e) => e.truncated)!.text);
  });

  it('reads the quoting post, not the post it quotes', () => {
    const quoting = page.expected.find((e) => e.source === '9')!;
    const got = r.posts.find((p) => p.post?.id === quoting.id)!.post!;
    expect(got.author).toBe('adobecare');
    expect(got.text).toBe(quoting.text);
  });

  it('returns the top-level article of each post, where the bar mounts', () => {
    for (const p of r.posts) {
      expect(p.element.tagName).toBe('ARTICLE');
      expect(p.element.parentElement!.closest('article')).toBeNull();
    }
  });
});

describe('readThread: where the conversation starts', () => {
  const adobe = loadCareConversations().find((c) => c.session === ADOBE_SESSION)!;

  it('uses the focused post as the root when it has no ancestors', () => {
    const page = buildConversationModel(adobe, { focusIndex: 0, discoverMore: false });
    const { read: r } = read(page);
    expect(r.posts[0]!.role).toBe('focused');
    expect(new Set(r.posts.map((p) => p.rootId))).toEqual(new Set([adobe.turns[0]!.id]));
    expect(summary(r)).toEqual(expectedSummary(page));
  });

  it('lets the first post with an id stand in for a withheld root', () => {
    const page = buildConversationModel(adobe, { focusIndex: 3, withheldIndex: 0 });
    const { read: r } = read(page);
    expect(r.posts[0]!.problem).toBe('unavailable');
    expect(r.posts[0]!.role).toBe('ancestor');
    expect(new Set(r.posts.map((p) => p.rootId))).toEqual(new Set([adobe.turns[1]!.id]));
    expect(summary(r)).toEqual(expectedSummary(page));
  });

  it('does not name a root while only a reply is on the page (its ancestors not rendered yet)', () => {
    const page = buildConversationModel(adobe, { focusIndex: 3 });
    const { read: r } = read(page, (doc) => {
      for (const a of [...doc.querySelectorAll('article[data-testid="tweet"][tabindex="0"]')].slice(0, 3)) a.closest('[data-testid="cellInnerDiv"]')!.remove();
      // X draws no line above a focused post whose parent is not there yet
      const focused = doc.querySelector('article[tabindex="-1"]')!;
      const row = focused.firstElementChild!.firstElementChild!.firstElementChild!.firstElementChild!;
      row.firstElementChild!.remove();
    }, null);
    expect(r.posts[0]!.role).toBe('focused');
    expect(r.posts.every((p) => p.rootId === null)).toBe(true);
  });

  it('does not name a root when the top of a long ancestor chain is not rendered', () => {
    const page = buildConversationModel(adobe, { focusIndex: 3 });
    const { read: r } = read(page, (doc) => doc.querySelector('[data-testid="cellInnerDiv"]')!.remove(), null);
    expect(r.posts[0]!.role).toBe('ancestor');
    expect(r.posts[0]!.inReplyTo).toBeNull();
    expect(r.posts.every((p) => p.rootId === null)).toBe(true);
  });

  it('moves the root up when the ancestors render after the focused post', () => {
    const page = buildConversationModel(adobe, { focusIndex: 3, replyingTo: 'inline' });
    const doc = pageDoc(page.html, page.url);
    const url = new URL(page.url);
    const list = doc.querySelector('[data-testid="cellInnerDiv"]')!.parentElement!;
    const ancestors = [...list.children].slice(0, 3);
    const focused = doc.querySelector('article[tabindex="-1"]')!;
    const line = focused.firstElementChild!.firstElementChild!.firstElementChild!.firstElementChild!.firstElementChild!;
    ancestors.forEach((c) => c.remove());
    line.remove();
    expect(xAdapter.readThread(doc, url).posts[0]!.rootId).toBe(page.focusedId); // nothing says it is a reply yet
    ancestors.reverse().forEach((c) => list.prepend(c));
    focused.firstElementChild!.firstElementChild!.firstElementChild!.firstElementChild!.prepend(line);
    expect(new Set(xAdapter.readThread(doc, url).posts.map((p) => p.rootId))).toEqual(new Set([adobe.turns[0]!.id]));
  });

  it('treats a deleted post shown as a cell without article as a gap in the chain', () => {
    const page = buildConversationModel(adobe, { focusIndex: 1, deletedIndex: 4 });
    const { read: r } = read(page, (doc) => {
      const tomb = doc.querySelector('article:not([data-testid])')!;
      expect(tomb.textContent).toContain('deleted by the post author');
      tomb.replaceWith(...tomb.childNodes);
    });
    const want = page.expected.filter((e) => e.source !== '4');
    expect(summary(r)).toEqual(want.map((e) => ({ id: e.id, role: e.role, rootId: e.rootId, inReplyTo: e.inReplyTo, problem: e.problem })));
    expect(r.posts.find((p) => p.post?.id === adobe.turns[5]!.id)!.inReplyTo).toBeNull();
  });

  it('reads replies that keep their @mentions in the text the same way', () => {
    const page = buildConversationModel(adobe, { focusIndex: 1, replyingTo: 'inline' });
    const { read: r } = read(page);
    expect(summary(r)).toEqual(expectedSummary(page));
    const reply = r.posts.find((p) => p.role === 'reply')!;
    expect(reply.post!.text.startsWith('@OGYouTubeGod ')).toBe(true);
    expect(reply.post!.mentions).toEqual(['ogyoutubegod']);
  });

  it('reads "Replying to @a" mentions before the leading @mentions of the text', () => {
    const page = buildConversationModel(adobe, { focusIndex: 1 });
    const { read: r } = read(page);
    expect(r.posts.find((p) => p.role === 'focused')!.post!.mentions).toEqual(['adobe']);
    expect(r.posts.find((p) => p.role === 'reply')!.post!.mentions).toEqual(['ogyoutubegod']);
    expect(r.posts.find((p) => p.role === 'ancestor')!.post!.mentions).toEqual([]);
  });

  it('reassembles display names that contain emoji images', () => {
    const conv = { ...adobe, turns: adobe.turns.map((t) => (t.author === 'OGYouTubeGod' ? { ...t, authorName: 'Justin 🎮 OG✨' } : t)) };
    const page = buildConversationModel(conv, { focusIndex: 1 });
    const doc = pageDoc(page.html, page.url);
    expect([...doc.querySelectorAll('[data-testid="User-Name"] img')].some((img) => img.getAttribute('alt') === '🎮')).toBe(true);
    const r = xAdapter.readThread(doc, new URL(page.url));
    expect(r.posts[0]!.post!.authorName).toBe('Justin 🎮 OG✨');
    expect(r.posts.find((p) => p.post?.author === 'adobecare')!.post!.authorName).toBe('Adobe Care');
  });

  it('reads every conversation of the data set as drawn (525 pages with ../shared/data, else the 12 bundled)', () => {
    let checked = 0;
    for (const conv of loadCareConversations()) {
      const page = buildConversationModel(conv, { focusIndex: Math.min(1, conv.turns.length - 1), discoverMore: checked % 10 === 0, promoted: checked % 7 === 0, script: false });
      const doc = pageDoc(page.html, page.url);
      const r = xAdapter.readThread(doc, new URL(page.url));
      expect(r.layoutOk).toBe(true);
      expect(summary(r)).toEqual(expectedSummary(page));
      expect(r.posts.map((p) => p.post?.text)).toEqual(page.expected.map((e) => e.text));
      checked++;
    }
    expect(checked).toBe(loadCareConversations().length);
    expect([12, 525]).toContain(checked);
  }, 120_000);
});

describe('readThread when the page no longer matches', () => {
  const page = standardConversation();

  it('pauses with "User-Name" when posts lose their author block', () => {
    const { read: r } = read(page, (doc) => doc.querySelectorAll('[data-testid="User-Name"]').forEach((el) => el.removeAttribute('data-testid')));
    expect(r.layoutOk).toBe(false);
    expect(r.missing).toEqual(['User-Name']);
  });

  it('pauses with "timeline" when the list is gone', () => {
    const { read: r } = read(page, (doc) => doc.querySelector('section')!.remove());
    expect(r).toMatchObject({ layoutOk: false, missing: ['timeline'], posts: [] });
  });

  it('pauses with "primaryColumn" when the column is gone', () => {
    const { read: r } = read(page, (doc) => doc.querySelector('[data-testid="primaryColumn"]')!.removeAttribute('data-testid'));
    expect(r).toMatchObject({ layoutOk: false, missing: ['primaryColumn'] });
  });

  it('reports "tweet" while the list has no posts (the caller decides how long to wait)', () => {
    const { read: r } = read(page, (doc) => doc.querySelectorAll('[data-testid="cellInnerDiv"]').forEach((c) => c.remove()));
    expect(r).toMatchObject({ layoutOk: false, missing: ['tweet'], posts: [] });
  });

  it('reports "cell" when the list children are no longer cells', () => {
    const { read: r } = read(page, (doc) => doc.querySelectorAll('[data-testid="cellInnerDiv"]').forEach((c) => c.removeAttribute('data-testid')));
    expect(r).toMatchObject({ layoutOk: false, missing: ['cell'] });
  });

  it('reports "permalinkTime" when no post has a status time link any more', () => {
    const { read: r } = read(page, (doc) => doc.querySelectorAll('time').forEach((t) => t.replaceWith(doc.createElement('span'))));
    expect(r.layoutOk).toBe(false);
    expect(r.missing).toContain('permalinkTime');
    expect(r.posts.every((p) => p.post === null)).toBe(true);
  });

  it('returns nothing while X still shows the previous conversation after a navigation', () => {
    const doc = pageDoc(page.html, page.url);
    const r = xAdapter.readThread(doc, new URL('https://x.com/someone/status/1244000000000000000'));
    expect(r.posts).toEqual([]);
  });

  it('never throws, whatever the page holds', () => {
    const garbage = [
      '<html><body></body></html>',
      '<div data-testid="primaryColumn"><section><h1></h1><div aria-label="x"><div><div data-testid="cellInnerDiv"><article data-testid="tweet"><a href="/a/status/5"><time datetime="nope"></time></a></article></div><div data-testid="cellInnerDiv"><article data-testid="tweet"><time datetime="2020-01-01T00:00:00Z"></time></article></div><div data-testid="cellInnerDiv"><article><article data-testid="tweet"></article></article></div><p>text</p></div></div></section></div>',
      '<div data-testid="primaryColumn"><section><h1></h1><div aria-label="x"><div><div data-testid="cellInnerDiv"><article data-testid="tweet"><a href="/a/status/"><time datetime="2020-01-01T00:00:00Z"></time></a><div data-testid="Tweet-User-Avatar"></div></article></div></div></div></section></div>',
    ];
    for (const html of garbage) {
      const doc = pageDoc(html);
      for (const url of ['https://x.com/a/status/123', 'https://x.com/notifications', 'https://x.com/home', 'https://example.com/a/status/1']) {
        expect(() => xAdapter.readThread(doc, new URL(url))).not.toThrow();
      }
      for (const el of doc.querySelectorAll('*')) expect(() => xAdapter.parsePost(el)).not.toThrow();
    }
    const doc = pageDoc(garbage[1]!);
    const r = xAdapter.readThread(doc, new URL('https://x.com/a/status/123'));
    expect(r.posts.map((p) => p.problem)).toEqual(['bad-time', 'no-permalink', 'unavailable']);
  });
});

describe('readThread with recycled cells', () => {
  const page = standardConversation();

  it('re-parses an article that X reuses for another post (the signature changes)', () => {
    const other = buildConversationModel(loadCareConversations()[0]!, { focusIndex: 0 });
    const donor = pageDoc(other.html, other.url).querySelector('article[data-testid="tweet"][tabindex="-1"]')!;
    const { doc, read: before } = read(page);
    const target = before.posts.find((p) => p.role === 'reply' && p.post)!;
    const sig = xAdapter.signature(target.element);
    const oldId = target.post!.id;
    target.element.innerHTML = donor.innerHTML; // same element, new content
    expect(xAdapter.signature(target.element)).not.toBe(sig);
    const after = xAdapter.readThread(doc, new URL(page.url));
    const same = after.posts.find((p) => p.element === target.element)!;
    expect(same.post!.id).toBe(other.focusedId);
    expect(same.post!.id).not.toBe(oldId);
  });

  it('keeps roles, root and parents when the cells above (focused post included) are dropped', () => {
    const doc = pageDoc(page.html, page.url);
    const url = new URL(page.url);
    const first = xAdapter.readThread(doc, url);
    const cells = [...doc.querySelectorAll('[data-testid="cellInnerDiv"]')];
    cells.slice(0, 6).forEach((c) => c.remove());
    const later = xAdapter.readThread(doc, url);
    expect(later.posts.some((p) => p.role === 'focused')).toBe(false);
    for (const p of later.posts) {
      const before = first.posts.find((q) => q.element === p.element)!;
      expect({ id: p.post?.id, role: p.role, rootId: p.rootId, inReplyTo: p.inReplyTo }).toEqual({
        id: before.post?.id,
        role: before.role,
        rootId: before.rootId,
        inReplyTo: before.inReplyTo,
      });
    }
  });

  it('still cuts "Discover more" once its heading has been dropped', () => {
    const doc = pageDoc(page.html, page.url);
    const url = new URL(page.url);
    xAdapter.readThread(doc, url);
    const cells = [...doc.querySelectorAll('[data-testid="cellInnerDiv"]')];
    const heading = cells.findIndex((c) => c.querySelector('h2[role="heading"]'));
    cells.slice(0, heading + 1).forEach((c) => c.remove());
    const r = xAdapter.readThread(doc, url);
    expect(r.posts).toEqual([]);
  });

  it('without memory, tells ancestors from replies by id order and leaves the root unknown', () => {
    const doc = pageDoc(page.html, page.url);
    doc.querySelectorAll('[data-testid="cellInnerDiv"]')[1]!.remove(); // the focused post
    const r = xAdapter.readThread(doc, new URL(page.url), undefined, null);
    const want = page.expected.filter((e) => e.role !== 'focused');
    expect(r.posts.map((p) => [p.post?.id ?? null, p.role])).toEqual(want.map((e) => [e.id, e.role]));
    expect(r.posts.every((p) => p.rootId === null)).toBe(true);
    const firstReply = r.posts.find((p) => p.role === 'reply')!;
    expect(firstReply.inReplyTo).toBe(page.focusedId); // a chain start still answers the focused post
  });

  it('keeps one memory per conversation: a fresh memo reads the page from scratch', () => {
    const memo = createThreadMemo();
    const { read: r } = read(page, undefined, memo);
    expect(memo.key).toBe(page.focusedId);
    expect(memo.rootId).toBe(page.rootId);
    expect(memo.discover.size).toBe(3);
    expect(r.posts.length).toBe(page.expected.length);
  });
});

describe('readThread on other pages', () => {
  it('reads the mentions timeline as timeline posts without root or parent', () => {
    const n = standardNotifications();
    const doc = pageDoc(n.html, n.url);
    const r = xAdapter.readThread(doc, new URL(n.url));
    expect(r.kind).toBe('notifications');
    expect(r.layoutOk).toBe(true);
    expect(summary(r)).toEqual(n.expected.map((e) => ({ id: e.id, role: 'timeline', rootId: null, inReplyTo: null, problem: null })));
    expect(r.posts.map((p) => p.post!.mentions)).toEqual(n.expected.map((e) => e.mentions));
    expect(r.posts.some((p) => p.post!.mentions.includes('adobecare'))).toBe(true);
  });

  it('reads nothing on pages it does not handle', () => {
    const page = conversationPage(ADOBE_SESSION);
    const doc = pageDoc(page.html, page.url);
    expect(xAdapter.readThread(doc, new URL('https://x.com/home'))).toEqual({ kind: 'other', layoutOk: true, missing: [], posts: [] });
  });
});

describe('readThread told which cells changed since the last read', () => {
  const page = standardConversation();

  it('reads again only the changed cells, and reads the same thread as a full read', () => {
    const doc = pageDoc(page.html, page.url);
    const url = new URL(page.url);
    const parsed: Element[] = [];
    const parse = (el: Element) => (parsed.push(el), xAdapter.parsePost(el));
    const first = xAdapter.readThread(doc, url, parse, null, () => true);
    const cells = [...doc.querySelectorAll('[data-testid="cellInnerDiv"]')];
    const changed = cells.find((c) => c.querySelector('article[data-testid="tweet"]:not([tabindex="-1"])'))!;
    parsed.length = 0;
    const again = xAdapter.readThread(doc, url, parse, null, (cell) => cell === changed);
    // The changed post, and the posts it could not read (withheld, deleted): never the others.
    const unread = first.posts.filter((p) => !p.post).map((p) => p.element);
    expect(parsed).toEqual(expect.arrayContaining([changed.querySelector('article')]));
    expect(parsed.filter((el) => el !== changed.querySelector('article'))).toEqual(unread);
    expect(first.posts.length).toBeGreaterThan(parsed.length + 5);
    expect(summary(again)).toEqual(summary(first));
    expect(summary(again)).toEqual(summary(xAdapter.readThread(doc, url, undefined, null)));
  });

  it('reads again a post it could not read, changed or not (X fills posts in)', () => {
    const doc = pageDoc(page.html, page.url);
    const url = new URL(page.url);
    const article = doc.querySelector('article[data-testid="tweet"]:not([tabindex="-1"])')!;
    const time = article.querySelector('time')!;
    const link = time.closest('a')!;
    const holder = link.parentElement!;
    link.remove();
    const before = xAdapter.readThread(doc, url, undefined, null, () => true);
    expect(before.posts.find((p) => p.element === article)?.post).toBeNull();
    holder.append(link);
    const after = xAdapter.readThread(doc, url, undefined, null, () => false);
    expect(after.posts.find((p) => p.element === article)?.post?.id).toMatch(/^\d+$/);
  });
});
