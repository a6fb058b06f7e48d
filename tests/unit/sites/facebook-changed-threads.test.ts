// @vitest-environment jsdom
/**
 * A pass reads only the comment threads Facebook changed (as X's adapter reads only changed
 * cells): the adapter's list root is the post's comment list, so the runtime's list watcher
 * names the threads a change touched, and readThread keeps what it read in the others.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createListWatcher } from '../../../lib/overlay/pass-scheduler';
import { createFacebookAdapter, type FacebookPost } from '../../../lib/sites/facebook';
import { summarise } from '../../../lib/sites/facebook/tap';
import { createTapReceiver } from '../../../lib/sites/facebook/tap-receiver';
import type { ThreadRead } from '../../../lib/sites/types';
import { buildPostPage } from '../../fixtures/facebook/post-page';
import { APPLE_SESSION, DROPBOX_SESSION, STANDARD_POST, SPOTIFY_SESSION, standardPostPage } from '../../fixtures/facebook/standard-pages';
import { careConversation } from '../../fixtures/x/care-data';

const page = standardPostPage();
const url = new URL(page.url);

/** The page in the test's own document (the list watcher observes `document`). */
function load(html = page.html): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.replaceChild(document.importNode(parsed.documentElement, true), document.documentElement);
}
afterEach(() => load('<!DOCTYPE html><html><head></head><body></body></html>'));

const summary = (r: ThreadRead) =>
  r.posts.map((p) => {
    const f = p.post as FacebookPost | null;
    return { problem: p.problem, id: f?.id ?? null, parentId: f?.parentId ?? null, depth: f?.depth ?? null, text: f?.text ?? null, rootId: p.rootId };
  });
const threads = () => [...document.querySelectorAll('[data-tm-thread]')];
const textOf = (thread: Element) => thread.querySelector('span[lang] div[dir="auto"]')!;

describe('Facebook: a pass reads only the threads the page changed', () => {
  it('watches the post\'s comment list, so a change names the threads it touched, not the whole post', () => {
    load();
    const adapter = createFacebookAdapter({ now: () => page.now });
    const root = adapter.listRoot(document)!;
    expect([...root.children]).toEqual(expect.arrayContaining(threads()));
    const w = createListWatcher(() => adapter.listRoot(document), () => {});
    w.attach();
    w.takeChanges();
    const [first, second] = threads();
    textOf(second!).append(document.createElement('br'));
    expect(w.takeChanges()).toEqual(new Set([second]));
    // "View more comments": a batch of threads added at the end of the list.
    root.insertAdjacentHTML('beforeend', '<div data-tm-thread="new"></div>');
    expect(w.takeChanges()).toEqual(new Set([root.lastElementChild]));
    expect(first).toBeDefined();
    w.disconnect();
  });

  it('brings a pass for a page of comments put outside the list found so far, and that pass reads it', async () => {
    // Three threads, so the list is an element inside the post (with two, one left would make the post the list).
    const three = buildPostPage([SPOTIFY_SESSION, DROPBOX_SESSION, APPLE_SESSION].map(careConversation), STANDARD_POST);
    load(three.html);
    const adapter = createFacebookAdapter({ now: () => three.now });
    const list = adapter.listRoot(document)!;
    // The next page of comments, not on the page yet.
    const later = threads().at(-1)!;
    expect(later.parentElement).toBe(list);
    later.remove();
    expect(adapter.listRoot(document)).toBe(list);
    let passes = 0;
    const w = createListWatcher(() => adapter.listRoot(document), () => passes++, () => false, () => adapter.watchRoot!(document));
    w.attach();
    w.takeChanges();
    // No capture says where facebook.com appends it: here in a container of its own, beside the list.
    const box = document.createElement('div');
    list.after(box);
    box.append(later);
    await Promise.resolve();
    expect(passes).toBe(1);
    // The pass: the first and last threads now share a wider list, so every thread is read.
    w.attach();
    expect(adapter.listRoot(document)).not.toBe(list);
    const changes = w.takeChanges();
    expect(changes).toBeNull();
    const ids = (r: ThreadRead) => summary(r).flatMap((p) => (p.id ? [p.id] : []));
    const at = new URL(three.url);
    const laterIds = adapter.readThread(document, at).posts.flatMap((p) => (p.post && later.contains(p.element) ? [p.post.id] : []));
    expect(laterIds.length).toBeGreaterThan(0);
    expect(ids(adapter.readThread(document, at, undefined, undefined, changes ? (c) => changes.has(c) : undefined))).toEqual(expect.arrayContaining(laterIds));
    w.disconnect();
  });

  it('watches the post itself while it shows a single thread', () => {
    load();
    threads().slice(1).forEach((t) => t.remove());
    const adapter = createFacebookAdapter({ now: () => page.now });
    expect(adapter.listRoot(document)?.matches('[role="article"][aria-posinset]')).toBe(true);
    expect(summary(adapter.readThread(document, url, undefined, undefined, () => false)).filter((p) => p.id).length).toBeGreaterThan(0);
  });

  it('keeps what it read in a thread the runtime says is unchanged, and reads a changed thread again', () => {
    load();
    const adapter = createFacebookAdapter({ now: () => page.now });
    const full = adapter.readThread(document, url, undefined, undefined, () => true);
    const [first, second] = threads();
    // The same reading as a read with no memory, replies placed at their depths.
    expect(summary(adapter.readThread(document, url, undefined, undefined, () => false))).toEqual(summary(full));
    expect(summary(full).some((p) => p.depth === 2)).toBe(true);
    textOf(first!).textContent = 'Edited in the first thread';
    textOf(second!).textContent = 'Edited in the second thread';
    const texts = summary(adapter.readThread(document, url, undefined, undefined, (cell) => cell === first)).map((p) => p.text);
    expect(texts).toContain('Edited in the first thread');
    expect(texts).not.toContain('Edited in the second thread');
    // Told nothing (a new list, a forgotten pass): every thread is read.
    expect(summary(adapter.readThread(document, url)).map((p) => p.text)).toContain('Edited in the second thread');
  });

  it('reads a thread again on every pass while it holds a comment it could not read (its permalink comes later)', () => {
    load(standardPostPage({ hiddenComment: true }).html);
    const adapter = createFacebookAdapter({ now: () => page.now });
    const before = adapter.readThread(document, url, undefined, undefined, () => true);
    const pending = before.posts.find((p) => p.problem === 'no-permalink')!;
    expect(pending).toBeDefined();
    const time = pending.element.querySelector('ul li span')!;
    const link = document.createElement('a');
    link.setAttribute('role', 'link');
    link.setAttribute('href', `${page.url}?comment_id=987654321`);
    link.textContent = time.textContent;
    time.replaceWith(link);
    const after = adapter.readThread(document, url, undefined, undefined, () => false);
    expect(after.posts.find((p) => p.element === pending.element)?.post?.id).toBe('987654321');
  });

  it('reads a thread shown twice as duplicates, and as itself once the first copy is gone', () => {
    load();
    const adapter = createFacebookAdapter({ now: () => page.now });
    const full = summary(adapter.readThread(document, url, undefined, undefined, () => true));
    const [first] = threads();
    const copy = first!.cloneNode(true) as Element;
    first!.parentElement!.append(copy);
    const twice = adapter.readThread(document, url, undefined, undefined, (cell) => cell === copy);
    const copied = twice.posts.filter((p) => copy.contains(p.element));
    expect(copied.length).toBeGreaterThan(0);
    expect(copied.every((p) => p.post === null && p.problem !== null)).toBe(true);
    // Removing a thread changes no remaining cell: the copy must still be read again.
    first!.remove();
    const once = adapter.readThread(document, url, undefined, undefined, () => false);
    const byId = new Map(summary(once).map((p) => [p.id, p]));
    for (const p of full.filter((x) => x.id && copy.querySelector(`a[href*="${x.id}"]`))) expect(byId.get(p.id)).toEqual(p);
  });

  it('turns a kept thread\'s comments exact as soon as Facebook\'s data for them arrives, with no change on the page', () => {
    load();
    const win = { location: { origin: 'https://www.facebook.com' } };
    const tap = createTapReceiver(win);
    const adapter = createFacebookAdapter({ now: () => page.now, tap });
    const before = adapter.readThread(document, url, undefined, undefined, () => true).posts.flatMap((p) => (p.post ? [p.post as FacebookPost] : []));
    expect(before.some((p) => p.precision === 'approx')).toBe(true);
    for (const body of [page.graphql.moreComments, page.graphql.replies]) tap.receive({ source: win, origin: win.location.origin, data: summarise(body, page.pageId) });
    const after = adapter.readThread(document, url, undefined, undefined, () => false).posts.flatMap((p) => (p.post ? [p.post as FacebookPost] : []));
    expect(after.map((p) => [p.id, p.precision, p.at])).toEqual(page.comments.map((c) => [c.id, 'exact', c.createdTime * 1000]));
  });
});
