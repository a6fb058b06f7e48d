// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { xAdapter } from '../../../lib/sites/x';
import { standardConversation, standardDialog } from '../../fixtures/x/standard-pages';
import { pageDoc } from './fixtures';

const { composer } = xAdapter;

describe('composer on a status page', () => {
  const page = standardConversation();
  const doc = pageDoc(page.html, page.url);
  const url = new URL(page.url);
  const button = doc.querySelector('[data-testid="tweetButtonInline"]')!;
  const box = doc.querySelector('[data-testid="tweetTextarea_0"]')!;

  it('recognises the submit button, from the button or anything inside it', () => {
    expect(composer.isSubmit(button)).toBe(true);
    expect(composer.isSubmit(button.querySelector('span')!)).toBe(true);
    expect(composer.isSubmit(doc.querySelector('[data-testid="reply"]')!)).toBe(false);
  });

  it('recognises the text box, from the editor or anything inside it', () => {
    expect(composer.isTextbox(box)).toBe(true);
    expect(composer.isTextbox(box.querySelector('span')!)).toBe(true);
    expect(composer.isTextbox(button)).toBe(false);
  });

  it('reads the draft of the composer a button belongs to, line by line', () => {
    box.innerHTML =
      '<div data-contents="true"><div data-block="true" data-offset-key="a-0-0"><div><span>Hi Justin,</span></div></div><div data-block="true" data-offset-key="b-0-0"><div><span>please DM us.</span></div></div></div>';
    expect(composer.draftText(button, doc)).toBe('Hi Justin,\nplease DM us.');
    expect(composer.draftText(box, doc)).toBe('Hi Justin,\nplease DM us.');
    expect(composer.draftText(doc.querySelector('[data-testid="like"]')!, doc)).toBe('Hi Justin,\nplease DM us.'); // nearest composer up the page
  });

  it('the inline reply box answers the focused post', () => {
    expect(composer.replyTarget(button, doc, url)).toBe(page.focusedId);
    expect(composer.replyTarget(box, doc, url)).toBe(page.focusedId);
  });

  it('the inline box still answers the focused post once X has recycled its cell (from the URL)', () => {
    const d = pageDoc(page.html, page.url);
    d.querySelector('article[tabindex="-1"]')!.closest('[data-testid="cellInnerDiv"]')!.remove();
    expect(composer.replyTarget(d.querySelector('[data-testid="tweetButtonInline"]')!, d, url)).toBe(page.focusedId);
  });

  it('a composer off a status page answers nothing', () => {
    expect(composer.replyTarget(button, doc, new URL('https://x.com/home'))).toBeNull();
  });
});

describe('composer in the reply dialog', () => {
  const page = standardDialog();
  const doc = pageDoc(page.html, page.url);
  const url = new URL(page.url);
  const dialog = doc.querySelector('[role="dialog"]')!;
  const button = dialog.querySelector('[data-testid="tweetButton"]')!;
  const target = page.expected.find((e) => e.source === '2')!;

  it('answers the post shown in the dialog, not the focused post', () => {
    expect(composer.isSubmit(button)).toBe(true);
    expect(composer.replyTarget(button, doc, url)).toBe(target.id);
    expect(composer.replyTarget(dialog.querySelector('[data-testid="tweetTextarea_0"]')!, doc, url)).toBe(target.id);
    expect(target.id).not.toBe(page.focusedId);
  });

  it("reads the dialog's own draft, not the inline box's", () => {
    dialog.querySelector('[data-testid="tweetTextarea_0"] span')!.textContent = 'from the dialog';
    doc.querySelector('.tm-composer [data-testid="tweetTextarea_0"] span')!.textContent = 'inline';
    expect(composer.draftText(button, doc)).toBe('from the dialog');
    expect(composer.draftText(doc.querySelector('[data-testid="tweetButtonInline"]')!, doc)).toBe('inline');
  });

  it('a dialog without a post (a new post) answers nothing', () => {
    const d = pageDoc(page.html, page.url);
    d.querySelector('[role="dialog"] article')!.remove();
    expect(composer.replyTarget(d.querySelector('[data-testid="tweetButton"]')!, d, url)).toBeNull();
  });
});
