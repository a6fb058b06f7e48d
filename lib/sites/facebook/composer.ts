/**
 * Facebook's composers: the Lexical comment box of a post (and of a reply under a comment),
 * and the Business Suite reply box. Facebook sends on plain Enter (Shift+Enter is a new
 * line), which the shared runtime's Ctrl/Cmd+Enter rule does not cover: `isSubmitKey`.
 * Only reads the DOM; never throws.
 */
import type { Composer } from '../types';
import { inboxRefOf } from './ids';
import { parseComment, postArticle } from './parse';
import { isLabel, SEL } from './selectors';

export interface KeyLike {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  isComposing?: boolean;
  target?: EventTarget | null;
}

export interface FacebookComposer extends Composer {
  /** The key press sends the draft: plain Enter in a comment or message box (not while an IME composes). */
  isSubmitKey(e: KeyLike): boolean;
  /** The draft as it will be posted: zero-width characters dropped, whitespace trimmed. */
  normaliseDraft(text: string): string;
}

const asElement = (t: EventTarget | null | undefined): Element | null => (t && typeof (t as Element).closest === 'function' ? (t as Element) : null);

function isTextbox(el: Element): boolean {
  return !!el.closest?.(SEL.bsTextbox);
}

/** A composer button whose label says submit (Comment / Comentar / Comentează, Send …), inside the box's form or the BS composer. */
function isSubmit(el: Element): boolean {
  const button = el.closest?.(SEL.button);
  if (!button || !isLabel('submit', button.getAttribute('aria-label') ?? button.textContent)) return false;
  return !!(button.closest(SEL.composerForm)?.querySelector(SEL.bsTextbox) || button.parentElement?.querySelector(SEL.bsTextbox));
}

function isSubmitKey(e: KeyLike): boolean {
  if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return false;
  const t = asElement(e.target);
  return !!t && isTextbox(t);
}

function boxOf(fromEl: Element): Element | null {
  const inside = fromEl.closest(SEL.bsTextbox);
  if (inside) return inside;
  for (let scope = fromEl.parentElement; scope; scope = scope.parentElement) {
    const box = scope.querySelector(SEL.bsTextbox);
    if (box) return box;
  }
  return null;
}

/** Lexical keeps one `<p>` per line. */
function draftText(fromEl: Element, _doc: Document): string {
  try {
    const box = boxOf(fromEl);
    if (!box) return '';
    const lines = box.querySelectorAll('p');
    const text = lines.length ? [...lines].map((p) => p.textContent ?? '').join('\n') : (box.textContent ?? '');
    return normaliseDraft(text);
  } catch {
    return '';
  }
}

function normaliseDraft(text: string): string {
  return text.replace(/[\u200b-\u200d\ufeff]/g, '').trim();
}

/**
 * What the composer answers:
 * - Business Suite: the thread (`selected_item_id`): the case is the thread;
 * - a reply box inside a comment thread: that thread's top-level comment (the case root; the
 *   new comment's own parent comes from Facebook's response, through the tap);
 * - the post's own comment box (no comment shares an ancestor with it below the post): null,
 *   a new top-level comment starts its own thread.
 */
function replyTarget(fromEl: Element, doc: Document, url: URL): string | null {
  try {
    const inbox = inboxRefOf(url);
    if (inbox) return inbox.threadId;
    const { post } = postArticle(doc);
    if (!post || !post.contains(fromEl)) return null;
    for (let a = fromEl.parentElement; a && a !== post; a = a.parentElement) {
      const first = a.querySelector(SEL.article);
      if (first) return parseComment(first).comment?.topId ?? null;
    }
    return null;
  } catch {
    return null;
  }
}

export const composer: FacebookComposer = { isSubmit, isTextbox, draftText, replyTarget, isSubmitKey, normaliseDraft };
