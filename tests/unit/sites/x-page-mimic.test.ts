// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { xAdapter } from '../../../lib/sites/x';
import { snowflakeTime } from '../../../lib/sites/x/parse';
import { careConversation } from '../../fixtures/x/care-data';
import { buildConversationModel, type PageOptions } from '../../fixtures/x/conversation-page';
import { ADOBE_SESSION, STANDARD_CONVERSATION } from '../../fixtures/x/standard-pages';
import { pageWindow } from './fixtures';

interface FixtureApi {
  ready: boolean;
  posted: { id: string; text: string; inReplyTo: string; at: number }[];
  insertPosts(n: number, opts?: { batch?: number; interval?: number }): Promise<string[]>;
  insertPostsNow(n: number): string[];
  recycle(keep: number): number;
}

function open(opts: PageOptions = STANDARD_CONVERSATION) {
  const page = buildConversationModel(careConversation(ADOBE_SESSION), { ...opts, postDelayMs: 30 });
  const win = pageWindow(page.html, page.url, true);
  const api = (win as unknown as { __fixture: FixtureApi }).__fixture;
  const url = new URL(page.url);
  const read = () => xAdapter.readThread(win.document, url);
  return { page, win, doc: win.document, api, url, read };
}

/** Types into a Draft.js box the way the page keeps it: text in the block's span. */
function type(box: Element, text: string) {
  box.querySelector('span[data-offset-key]')!.textContent = text;
  box.dispatchEvent(new box.ownerDocument.defaultView!.Event('input', { bubbles: true }));
}

const settle = (ms = 80) => new Promise((r) => setTimeout(r, ms));

describe('the fixture page mimics X when the agent posts', () => {
  it('runs its script without network and exposes window.__fixture', () => {
    const { api, doc } = open();
    expect(api.ready).toBe(true);
    expect(doc.querySelectorAll('script[src], link[href], img[src^="http"]')).toHaveLength(0);
  });

  it('clicking Reply in the inline box clears it and shows the new reply by the logged-in account, with a fresh id', async () => {
    const { doc, read, page } = open();
    const before = read().posts.length;
    const box = doc.querySelector('[data-testid="tweetTextarea_0"]')!;
    type(box, 'Thanks Justin, could you send us a DM with your OS version? ^TM');
    const button = doc.querySelector('[data-testid="tweetButtonInline"]') as HTMLElement;
    expect(xAdapter.composer.draftText(button, doc)).toBe('Thanks Justin, could you send us a DM with your OS version? ^TM');
    const t0 = Date.now();
    button.click();
    expect(xAdapter.composer.draftText(button, doc)).toBe(''); // X clears the composer at once
    expect(read().posts).toHaveLength(before); // …and the post appears a moment later
    await settle();
    const r = read();
    expect(r.posts).toHaveLength(before + 1);
    const mine = r.posts.find((p) => p.post?.text === 'Thanks Justin, could you send us a DM with your OS version? ^TM')!;
    expect(mine.post!.author).toBe(xAdapter.loggedInHandle(doc));
    expect(mine.post!.author).toBe('adobecare');
    expect(mine.role).toBe('reply');
    expect(mine.inReplyTo).toBe(page.focusedId);
    expect(mine.rootId).toBe(page.rootId);
    expect(mine.post!.mentions).toEqual(['ogyoutubegod']);
    const idTime = snowflakeTime(mine.post!.id)!;
    expect(Math.abs(idTime - t0)).toBeLessThan(2000);
    expect(Math.abs(mine.post!.at - idTime)).toBeLessThan(1000);
    // right under the composer, as X shows your own reply
    const composerCell = doc.querySelector('[data-testid="tweetTextarea_0"]')!.closest('[data-testid="cellInnerDiv"]')!;
    expect(composerCell.nextElementSibling!.contains(mine.element)).toBe(true);
  });

  it('posts with Ctrl+Enter in the text box too', async () => {
    const { doc, win, read } = open();
    const box = doc.querySelector('[data-testid="tweetTextarea_0"]')!;
    type(box, 'Sent from the keyboard');
    box.dispatchEvent(new win.KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    await settle();
    expect(read().posts.some((p) => p.post?.text === 'Sent from the keyboard' && p.post.author === 'adobecare')).toBe(true);
  });

  it('posts nothing for an empty box', async () => {
    const { doc, read } = open();
    const before = read().posts.length;
    (doc.querySelector('[data-testid="tweetButtonInline"]') as HTMLElement).click();
    await settle();
    expect(read().posts).toHaveLength(before);
  });

  it('a reply from the dialog on the last post of a chain continues that chain', async () => {
    const { doc, read } = open();
    const r0 = read();
    const last = r0.posts.filter((p) => p.post && p.post.author === 'adobecare' && p.role === 'reply').find((p) => {
      const next = p.element.closest('[data-testid="cellInnerDiv"]')!.nextElementSibling;
      return !next?.querySelector('article[data-testid="tweet"]') || next.querySelector('[data-testid="placementTracking"]');
    })!;
    (last.element.querySelector('[data-testid="reply"]') as HTMLElement).click();
    const dialog = doc.querySelector('[role="dialog"]')!;
    expect(dialog).not.toBeNull();
    const button = dialog.querySelector('[data-testid="tweetButton"]')!;
    expect(xAdapter.composer.replyTarget(button, doc, new URL(doc.URL))).toBe(last.post!.id);
    type(dialog.querySelector('[data-testid="tweetTextarea_0"]')!, 'Following up: did clearing the cache help?');
    (button as HTMLElement).click();
    expect(doc.querySelector('[role="dialog"]')).toBeNull();
    await settle();
    const mine = read().posts.find((p) => p.post?.text === 'Following up: did clearing the cache help?')!;
    expect(mine.inReplyTo).toBe(last.post!.id);
    expect(mine.role).toBe('reply');
  });

  it('insertPosts appends replies in batches before "Discover more", each a new chain under the focused post', async () => {
    const { api, read, page } = open();
    const before = read().posts.length;
    const ids = await api.insertPosts(25, { batch: 10, interval: 1 });
    expect(ids).toHaveLength(25);
    const r = read();
    expect(r.posts).toHaveLength(before + 25);
    const added = r.posts.filter((p) => ids.includes(p.post?.id ?? ''));
    expect(added).toHaveLength(25);
    expect(added.every((p) => p.role === 'reply' && p.inReplyTo === page.focusedId && p.rootId === page.rootId)).toBe(true);
    expect(new Set(ids).size).toBe(25);
    for (const p of added) expect(Math.abs(p.post!.at - snowflakeTime(p.post!.id)!)).toBeLessThan(1000);
  });

  it('in recycle mode drops the top cells like X, and the posts keep their root and parents', async () => {
    const { api, read, doc, page } = open({ ...STANDARD_CONVERSATION, recycle: 20 });
    const first = read();
    await api.insertPosts(30, { batch: 10, interval: 1 });
    expect(doc.querySelectorAll('[data-testid="cellInnerDiv"]')).toHaveLength(20);
    const r = read();
    expect(r.posts.some((p) => p.role === 'focused')).toBe(false);
    expect(r.posts.every((p) => p.rootId === page.rootId)).toBe(true);
    for (const p of r.posts) {
      const was = first.posts.find((q) => q.post && q.post.id === p.post?.id);
      if (was) expect(p.inReplyTo).toBe(was.inReplyTo);
      else expect(p.inReplyTo).toBe(page.focusedId);
    }
  });
});
