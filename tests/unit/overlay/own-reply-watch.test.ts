// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { ReadyPost } from '../../../lib/overlay/observation';
import { createOwnReplyWatch } from '../../../lib/overlay/own-reply-watch';
import { newPageSession } from '../../../lib/overlay/page-session';
import type { Observation } from '../../../lib/schema/records';
import { composer as facebookComposer } from '../../../lib/sites/facebook/composer';
import type { Composer } from '../../../lib/sites/types';
import { composer as xComposer } from '../../../lib/sites/x/composer';

function setup(acts: (e: Event) => boolean = () => true) {
  document.body.innerHTML = '<div role="textbox">@dana Sorry about that, DM us</div><button data-testid="tweetButtonInline">Reply</button>';
  const composer: Composer = {
    isSubmit: (el) => el.matches('button'),
    isTextbox: (el) => el.matches('[role="textbox"]'),
    draftText: (_, doc) => doc.querySelector('[role="textbox"]')!.textContent ?? '',
    replyTarget: () => '100',
    isSubmitKey: xComposer.isSubmitKey,
    normaliseDraft: xComposer.normaliseDraft,
  };
  const page = newPageSession('https://x.com/dana/status/100');
  const watch = createOwnReplyWatch({ platform: 'x', composer, idTime: () => null }, document, acts, () => page);
  const brandPost = (id: string, text: string, fromBrand = true) => {
    page.posts.set(id, { post: { id, author: fromBrand ? 'acme' : 'dana', authorName: 'A', text, mentions: [], at: 1, permalink: 'https://x.com/acme/status/' + id }, inReplyTo: '99', rootId: '100' } as unknown as ReadyPost);
    return { id, text, fromBrand } as Observation;
  };
  return { watch, page, brandPost };
}

describe('the own-reply watch', () => {
  it('claims the brand post that shows the draft the agent submitted, as a reply to the composer target', () => {
    const { watch, page, brandPost } = setup();
    watch.onClick({ target: document.querySelector('button'), isTrusted: true } as unknown as MouseEvent);
    const claims = watch.claims([brandPost('101', 'Sorry about that, DM us')], new Set(['acme']), page);
    expect(claims.map((c) => [c.id, c.inReplyTo])).toEqual([['101', '100']]);
    // A draft is claimed once.
    expect(watch.claims([brandPost('101', 'Sorry about that, DM us')], new Set(['acme']), page)).toEqual([]);
  });

  it("ignores a page script's click() on the submit button", () => {
    const { watch } = setup((e) => e.isTrusted);
    const button = document.querySelector('button')!;
    button.addEventListener('click', watch.onClick);
    button.click();
    expect(watch.pending).toHaveLength(0);
  });

  it('remembers a draft sent with Ctrl+Enter', () => {
    const { watch } = setup();
    watch.onKeyDown({ target: document.querySelector('[role="textbox"]'), key: 'Enter', ctrlKey: true, isTrusted: true } as unknown as KeyboardEvent);
    expect(watch.pending).toHaveLength(1);
  });

  it.each([
    ['Enter alone', false, { key: 'Enter' }],
    ['Shift+Enter', false, { key: 'Enter', shiftKey: true }],
    ['Ctrl+Enter', true, { key: 'Enter', ctrlKey: true }],
    ['Cmd+Enter', true, { key: 'Enter', metaKey: true }],
  ])('on X, %s in the reply box sends the draft: %s', (_label, sends, keys) => {
    const { watch } = setup();
    watch.onKeyDown({ target: document.querySelector('[role="textbox"]'), isTrusted: true, ...keys } as unknown as KeyboardEvent);
    expect(watch.pending).toHaveLength(sends ? 1 : 0);
  });

  it.each([
    ['Enter alone', true, { key: 'Enter' }],
    ['Shift+Enter (a new line)', false, { key: 'Enter', shiftKey: true }],
    ['Enter while an IME composes', false, { key: 'Enter', isComposing: true }],
  ])('on Facebook, %s in the comment box sends the draft: %s', (_label, sends, keys) => {
    document.body.innerHTML = '<form><div role="textbox" contenteditable="true"><p>Sorry about that, DM us</p></div></form>';
    const watch = createOwnReplyWatch({ platform: 'facebook', composer: facebookComposer, idTime: () => null }, document, () => true);
    const box = document.querySelector('[role="textbox"]')!;
    watch.onKeyDown({ target: box, isTrusted: true, ...keys } as unknown as KeyboardEvent);
    expect(watch.pending.map((p) => p.text)).toEqual(sends ? ['Sorry about that, DM us'] : []);
  });

  it('claims nothing without a submit, nor a customer post or one the page showed before the submit', () => {
    const { watch, page, brandPost } = setup();
    expect(watch.claims([brandPost('101', 'Sorry about that, DM us')], new Set(['acme']), page)).toEqual([]);
    const before = brandPost('102', 'Sorry about that, DM us');
    watch.onClick({ target: document.querySelector('button'), isTrusted: true } as unknown as MouseEvent);
    const claims = watch.claims([brandPost('101', 'Sorry about that, DM us', false), before], new Set(['acme']), page);
    expect(claims).toEqual([]);
  });

  it("claims a post that first showed as a customer's and then as the brand's (the identity came after it)", () => {
    const { watch, page, brandPost } = setup();
    watch.onClick({ target: document.querySelector('button'), isTrusted: true } as unknown as MouseEvent);
    expect(watch.claims([brandPost('103', 'Sorry about that, DM us', false)], new Set(['acme']), page)).toEqual([]);
    page.sent.set('103', 'stored as a customer post');
    expect(watch.claims([brandPost('103', 'Sorry about that, DM us')], new Set(['acme']), page).map((c) => c.id)).toEqual(['103']);
  });
});
