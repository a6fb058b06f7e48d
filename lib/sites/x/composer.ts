/**
 * X's composers: the inline reply box under the focused post (`tweetButtonInline`) and the
 * modal composer of the reply dialog (`tweetButton`). Only reads the DOM.
 */
import type { Composer } from '../types';
import { isTopLevelArticle, parsePost } from './parse';
import { SEL } from './selectors';
import { pageKind, statusIdOf } from './thread';

function isSubmit(el: Element): boolean {
  return !!el.closest?.(SEL.submit);
}

function isTextbox(el: Element): boolean {
  return !!el.closest?.(SEL.textarea);
}

/** The text boxes of the composer `fromEl` belongs to: the nearest ancestor that holds one. */
function textboxesOf(fromEl: Element): Element[] {
  const inside = fromEl.closest(SEL.textarea);
  if (inside) {
    const box = inside.matches('[role="textbox"]') ? inside : (inside.querySelector('[role="textbox"]') ?? inside.closest('[role="textbox"]'));
    return box ? [box] : [inside];
  }
  for (let scope = fromEl.parentElement; scope; scope = scope.parentElement) {
    const boxes = scope.querySelectorAll(SEL.textbox);
    if (boxes.length) return [...boxes].filter((b) => !b.parentElement?.closest('[role="textbox"]'));
  }
  return [];
}

/** Draft.js keeps one `[data-block]` per line; a plain contenteditable has text and <br>/<div> lines. */
function boxText(box: Element): string {
  const blocks = box.querySelectorAll('[data-block="true"]');
  if (blocks.length) return [...blocks].map((b) => b.textContent ?? '').join('\n');
  const inner = (box as HTMLElement).innerText;
  return typeof inner === 'string' && inner !== '' ? inner : (box.textContent ?? '');
}

function draftText(fromEl: Element, _doc: Document): string {
  try {
    return textboxesOf(fromEl)
      .map(boxText)
      .join('\n\n')
      .replace(/\u200b/g, '')
      .trim();
  } catch {
    return '';
  }
}

/**
 * The status id a composer answers:
 * - in a dialog (the reply modal): the post shown in it, above its text box;
 * - the inline box of a status page: the focused post (the URL's status id when the
 *   focused article has been recycled off the page);
 * - anything else (home composer, a new-post modal): null.
 */
function replyTarget(fromEl: Element, doc: Document, url: URL): string | null {
  try {
    const dialog = fromEl.closest(SEL.dialog);
    if (dialog) {
      const box = textboxesOf(fromEl)[0] ?? null;
      let target: string | null = null;
      const articles = dialog.querySelectorAll(SEL.tweet);
      for (let i = 0; i < articles.length; i++) {
        const a = articles[i]!;
        if (!isTopLevelArticle(a)) continue;
        // The post answered is the last one shown before the text box.
        if (box && a.compareDocumentPosition(box) & 2 /* box precedes the article */) break;
        target = parsePost(a).post?.id ?? target;
      }
      return target;
    }
    if (pageKind(url) !== 'conversation') return null;
    const id = statusIdOf(url);
    const focused = doc.querySelector(SEL.focusedTweet);
    const shown = focused ? parsePost(focused).post?.id : null;
    return shown ?? id;
  } catch {
    return null;
  }
}

/** X sends a reply on Ctrl+Enter (Cmd+Enter on a Mac); plain Enter is a new line. */
function isSubmitKey(e: KeyboardEvent): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey);
}

/** X may drop the leading @mentions it shows as "Replying to": compare drafts without them. */
function normaliseDraft(text: string): string {
  return text.replace(/^(\s*@[A-Za-z0-9_]+)+/, '').trim();
}

export const composer: Composer = { isSubmit, isTextbox, draftText, replyTarget, isSubmitKey, normaliseDraft };
