// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createFacebookAdapter, facebookAdapter, type FacebookPost } from '../../../lib/sites/facebook';
import { summarise, TAP_SOURCE } from '../../../lib/sites/facebook/tap';
import { createTapReceiver } from '../../../lib/sites/facebook/tap-receiver';
import { standardInboxPage, standardPostPage } from '../../fixtures/facebook/standard-pages';
import { pageDoc, pageWindow } from './fixtures';
import { toObservations } from '../../../lib/overlay/observation';
import { mergeObservation } from '../../../lib/db/merge';
import { readInbox } from '../../../lib/sites/facebook/inbox';

const H = 3600_000;

function setup() {
  const page = standardPostPage();
  const win = { location: { origin: 'https://www.facebook.com' } };
  const tap = createTapReceiver(win);
  let clock = page.now;
  const adapter = createFacebookAdapter({ now: () => clock, tap });
  const doc = pageDoc(page.html);
  const send = (data: unknown) => tap.receive({ source: win, origin: win.location.origin, data });
  return { page, adapter, doc, send, tick: (ms: number) => (clock += ms), url: new URL(page.url) };
}

const fbPosts = (posts: { post: unknown }[]) => posts.flatMap((p) => (p.post ? [p.post as FacebookPost] : []));

describe('Facebook adapter: hosts and pages', () => {
  it('matches facebook.com and business.facebook.com over https only', () => {
    for (const u of ['https://www.facebook.com/', 'https://facebook.com/x', 'https://web.facebook.com/', 'https://m.facebook.com/', 'https://business.facebook.com/latest/inbox/all']) expect(facebookAdapter.matches(new URL(u))).toBe(true);
    for (const u of ['http://www.facebook.com/', 'https://www.facebook.com.evil.io/', 'https://evilfacebook.com/', 'https://developers.facebook.com/']) expect(facebookAdapter.matches(new URL(u))).toBe(false);
  });

  it.each([
    ['https://www.facebook.com/spotifycares/posts/100003858688855', 'conversation'],
    ['https://www.facebook.com/permalink.php?story_fbid=pfbid0EXAMPLEPOSTSLUG&id=1', 'conversation'],
    ['https://www.facebook.com/photo/?fbid=555', 'conversation'],
    ['https://business.facebook.com/latest/inbox/all?asset_id=1&selected_item_id=2', 'conversation'],
    ['https://business.facebook.com/latest/inbox/all?asset_id=1', 'other'],
    ['https://www.facebook.com/spotifycares', 'other'],
    ['https://www.facebook.com/', 'other'],
  ] as const)('%s is a %s page', (u, kind) => {
    expect(facebookAdapter.pageKind(new URL(u))).toBe(kind);
  });
});

describe('Facebook adapter: times', () => {
  it('gives preloaded comments their exact time, the rest an interval around the real time, marked approximate', () => {
    const { page, adapter, doc, url } = setup();
    const read = adapter.readThread(doc, url);
    expect(read).toMatchObject({ kind: 'conversation', layoutOk: true });
    const posts = fbPosts(read.posts);
    expect(posts).toHaveLength(page.comments.length);
    for (const p of posts) {
      const real = page.comments.find((c) => c.id === p.id)!.createdTime * 1000;
      if (page.preloadedIds.includes(p.id)) expect(p, p.id).toMatchObject({ precision: 'exact', at: real });
      else {
        expect(p.precision, p.id).toBe('approx');
        expect(p.approx!.from).toBeLessThanOrEqual(real);
        expect(p.approx!.to).toBeGreaterThanOrEqual(real);
        expect(p.at).toBe(p.approx!.to);
      }
    }
  });

  it('replaces approximate times by the exact ones as the GraphQL responses arrive through the tap', () => {
    const { page, adapter, doc, url, send } = setup();
    adapter.readThread(doc, url);
    send(summarise(page.graphql.moreComments, page.pageId));
    send(summarise(page.graphql.replies, page.pageId));
    const posts = fbPosts(adapter.readThread(doc, url).posts);
    expect(posts.map((p) => [p.id, p.precision, p.at])).toEqual(page.comments.map((c) => [c.id, 'exact', c.createdTime * 1000]));
  });

  it('keeps the approximate time, flagged, when a time from the page\'s data contradicts what the page shows', () => {
    const { page, adapter, doc, url, send } = setup();
    const victim = page.comments.find((c) => !page.preloadedIds.includes(c.id))!;
    send({ source: TAP_SOURCE, v: 1, items: [{ id: victim.id, createdTime: victim.createdTime - 30 * 86400 }] });
    const p = fbPosts(adapter.readThread(doc, url).posts).find((x) => x.id === victim.id)!;
    expect(p).toMatchObject({ precision: 'approx', timeConflict: true });
  });

  it('never uses a hint for a comment the page does not show', () => {
    const { adapter, doc, url, send } = setup();
    send({ source: TAP_SOURCE, v: 1, items: [{ id: '424242', createdTime: 1767261600 }] });
    adapter.readThread(doc, url);
    expect(adapter.exactTimes().has('424242')).toBe(false);
  });

  it('measures a relative time from when that text was first seen, and restarts when the text changes', () => {
    const { page, adapter, doc, url, tick } = setup();
    const id = page.comments.at(-1)!.id;
    const first = fbPosts(adapter.readThread(doc, url).posts).find((p) => p.id === id)!;
    tick(10 * 60_000);
    expect(fbPosts(adapter.readThread(doc, url).posts).find((p) => p.id === id)!.approx).toEqual(first.approx);
    const link = [...doc.querySelectorAll(`a[href*="${id}"]`)].find((a) => a.textContent === first.approx!.text)!;
    link.textContent = '9h';
    const later = fbPosts(adapter.readThread(doc, url).posts).find((p) => p.id === id)!;
    expect(later.approx!.seenAt).toBe(first.approx!.seenAt + 10 * 60_000);
    expect(later.approx!.to).toBe(later.approx!.seenAt - 9 * H);
  });
});

describe('Facebook adapter: threads and cases', () => {
  it('makes each top-level comment the root of its case and pairs replies with their direct parent', () => {
    const { page, adapter, doc, url } = setup();
    const read = adapter.readThread(doc, url);
    const withPosts = read.posts.filter((p) => p.post);
    expect(withPosts.map((p) => [p.post!.id, p.rootId, p.inReplyTo])).toEqual(page.comments.map((c) => [c.id, c.topId, c.parentId]));
    expect(fbPosts(read.posts).map((p) => [p.author, p.depth, p.postId])).toEqual(page.comments.map((c) => [c.vanity ?? c.authorId, c.depth, page.postId]));
    expect(read.posts.filter((p) => !p.post).map((p) => p.problem)).toEqual(['no-permalink']);
  });

  it('reads the Business Suite thread: exact times, the Page or the customer as author, the thread as the root', () => {
    const page = standardInboxPage();
    const doc = pageWindow(page.html, page.url).document;
    const read = createFacebookAdapter().readThread(doc, new URL(page.url));
    expect(fbPosts(read.posts).map((p) => [p.id, p.at, p.author, p.rootId, p.precision])).toEqual(page.messages.map((m) => [m.id, m.utime * 1000, m.fromPage ? page.pageId : page.threadId, page.threadId, 'exact']));
    const bubble = doc.querySelector('[data-message-id]')!;
    expect(createFacebookAdapter().parsePost(bubble).post).toMatchObject({ id: page.messages[0]!.id, direction: page.messages[0]!.fromPage ? 'page' : 'customer' });
    expect(facebookAdapter.listRoot(doc)?.getAttribute('role')).toBe('region');
  });
});

describe('Facebook adapter: identity', () => {
  it('acts as the Business Suite asset, else the actor of the latest request, else i_user; never a name', () => {
    const inbox = standardInboxPage();
    const a = createFacebookAdapter();
    const bs = pageWindow(inbox.html, inbox.url).document;
    expect(a.identity(bs, new URL(inbox.url))).toMatchObject({ actorId: inbox.pageId, source: 'asset_id' });
    expect(a.loggedInHandle(bs)).toBe(inbox.pageId);

    const w = pageWindow('<!DOCTYPE html><html><body></body></html>', 'https://www.facebook.com/');
    w.document.cookie = 'c_user=100000000000777';
    w.document.cookie = 'i_user=100000000000001';
    const url = new URL('https://www.facebook.com/');
    expect(a.identity(w.document, url)).toEqual({ actorId: '100000000000001', source: 'i_user', personId: '100000000000777' });
    // The request's actor (av, through the tap) wins over the cookie: the agent may have switched Page in another tab.
    const tap = createTapReceiver(w as unknown as { location: { origin: string } });
    tap.receive({ source: w, origin: url.origin, data: { source: TAP_SOURCE, v: 1, actor: '100000000000002', items: [{ id: '1', createdTime: 1767261600 }] } });
    expect(createFacebookAdapter({ tap }).identity(w.document, url)).toEqual({ actorId: '100000000000002', source: 'request', personId: '100000000000777' });
    expect(a.identity(pageDoc('<html></html>'), url)).toEqual({ actorId: null, source: null, personId: null });
  });
});

describe('Facebook adapter: a Business Suite thread is one case', () => {
  it("puts the Page's messages in the customer's case, not in a case of their own", () => {
    const inbox = standardInboxPage();
    const w = pageWindow(inbox.html, inbox.url);
    const read = createFacebookAdapter().readThread(w.document, new URL(inbox.url));
    const ready = read.posts.filter((p): p is typeof p & { post: NonNullable<typeof p.post> } => !!p.post);
    const obs = toObservations('facebook', ready, new Set([inbox.pageId]), null);
    expect(obs.length).toBe(inbox.messages.length);
    // The case key is built from (rootId, customer) (lib/db/merge.ts): both must be the thread's for every message.
    expect(new Set(obs.map((o) => `${o.rootId}|${o.customer}`))).toEqual(new Set([`${inbox.threadId}|${inbox.threadId}`]));
  });

  it('stores every message of the thread under the one case key the adapter names for it', () => {
    const inbox = standardInboxPage();
    const w = pageWindow(inbox.html, inbox.url);
    const url = new URL(inbox.url);
    const read = createFacebookAdapter().readThread(w.document, url);
    const ready = read.posts.filter((p): p is typeof p & { post: NonNullable<typeof p.post> } => !!p.post);
    const records = toObservations('facebook', ready, new Set([inbox.pageId]), null).map((o) => mergeObservation(undefined, o, Date.now()));
    expect(new Set(records.map((r) => r.caseKey))).toEqual(new Set([readInbox(w.document, url).caseKey]));
  });
});

describe('Facebook adapter: who sent the agent\'s own reply', () => {
  const url = new URL('https://www.facebook.com/');
  const signedIn = () => {
    const w = pageWindow('<!DOCTYPE html><html><body></body></html>', url.href);
    w.document.cookie = 'c_user=100000000000777';
    w.document.cookie = 'i_user=100000000000001';
    return w.document;
  };
  it.each([
    ['the Page it was sent as', '100000000000001', { pageId: '100000000000001' }],
    ['"sent as you, not as the Page" when the author is the person (c_user)', '100000000000777', { sentAsPerson: true }],
    ['nothing when the author is a vanity path, not an id', 'acme.support', {}],
  ])('records %s', (_label, author, expected) => {
    expect(createFacebookAdapter().replyIdentity!(signedIn(), url, author)).toEqual(expected);
  });
});

describe('Facebook adapter: composer (plain Enter sends)', () => {
  const page = standardPostPage();
  const doc = pageDoc(page.html);
  const box = doc.querySelector('form [role="textbox"]')!;
  const { composer } = facebookAdapter;

  it.each([
    [{ key: 'Enter' }, true],
    [{ key: 'Enter', shiftKey: true }, false],
    [{ key: 'Enter', ctrlKey: true }, false],
    [{ key: 'Enter', metaKey: true }, false],
    [{ key: 'Enter', isComposing: true }, false],
    [{ key: 'a' }, false],
  ])('a key press %j in the comment box sends: %s', (e, yes) => {
    expect(composer.isSubmitKey({ ...e, target: box })).toBe(yes);
  });

  it('does not treat Enter outside a comment box as sending', () => {
    expect(composer.isSubmitKey({ key: 'Enter', target: doc.querySelector('[role="article"]') })).toBe(false);
  });

  it('knows the submit button by its label, not the emoji button nor a comment\'s Reply action', () => {
    const [emoji, submit] = [...doc.querySelectorAll('form [role="button"]')];
    expect(composer.isSubmit(submit!)).toBe(true);
    expect(composer.isSubmit(emoji!)).toBe(false);
    const replyAction = [...doc.querySelectorAll('ul [role="button"]')].find((b) => b.textContent === 'Reply')!;
    expect(composer.isSubmit(replyAction)).toBe(false);
    expect(composer.isTextbox(box)).toBe(true);
  });

  it('reads a multi-line Lexical draft without zero-width characters', () => {
    const d = pageDoc(page.html);
    const b = d.querySelector('form [role="textbox"]')!;
    b.innerHTML = '<p><span>\u200bHello</span></p><p><span>second line </span></p>';
    expect(composer.draftText(b, d)).toBe('Hello\nsecond line');
    expect(composer.normaliseDraft('\ufeff hi \u200b')).toBe('hi');
  });

  it('answers no comment from the post\'s own box, the thread\'s top-level comment from a reply box, the thread in Business Suite', () => {
    const d = pageDoc(page.html);
    const url = new URL(page.url);
    expect(composer.replyTarget(d.querySelector('form [role="textbox"]')!, d, url)).toBeNull();
    const thread = d.querySelectorAll('[data-commentid]')[1]!.parentElement!;
    thread.insertAdjacentHTML('beforeend', '<form><div role="textbox" contenteditable="true" data-lexical-editor="true"><p>ok</p></div></form>');
    expect(composer.replyTarget(thread.querySelector('form [role="textbox"]')!, d, url)).toBe(page.comments.find((c) => c.depth === 0 && c.id !== page.comments[0]!.id)!.id);
    const inbox = standardInboxPage();
    const bs = pageDoc(inbox.html);
    expect(composer.replyTarget(bs.querySelector('[role="textbox"]')!, bs, new URL(inbox.url))).toBe(inbox.threadId);
    expect(composer.isSubmit(bs.querySelector('[aria-label="Send"]')!)).toBe(true);
  });
});

describe('Facebook adapter: bar place and recycled elements', () => {
  it('puts the bar after the comment\'s own action row', () => {
    const doc = pageDoc(standardPostPage().html);
    const a = doc.querySelector('[data-commentid] [role="article"]')!;
    expect(facebookAdapter.barAnchor!(a)?.tagName).toBe('UL');
  });

  it('changes the signature when an article starts showing another comment', () => {
    const doc = pageDoc(standardPostPage().html);
    const a = doc.querySelector('[data-commentid] [role="article"]')!;
    const before = facebookAdapter.signature(a);
    const link = a.querySelector('ul a')!;
    link.setAttribute('href', link.getAttribute('href')!.replace(/comment_id=\d+/, 'comment_id=123'));
    expect(facebookAdapter.signature(a)).not.toBe(before);
  });
});
