/**
 * Meta Business Suite inbox (business.facebook.com/latest/inbox/…): the open Messenger thread
 * as messages with Facebook's exact time (`data-utime` on the message group), the direction
 * (customer or Page) and the thread as the case. Identity is the URL's `asset_id` (Business
 * Suite always acts as that Page), never a name. Pure apart from one style read per group
 * (direction exists only as the computed `justify-content` of a row, notes §4); never throws.
 */
import { inboxCaseKey, inboxRefOf } from './ids';
import { textOf } from './parse';
import { MESSAGE_ID_RE, SEL } from './selectors';
import { isCommentTime } from './times';

export type Direction = 'customer' | 'page';
export type InboxProblem = 'no-time' | 'no-direction' | 'bad-id' | 'duplicate' | 'unreadable';

export interface InboxMessage {
  /** `mid.$…` */
  id: string;
  /** Exact time (ms) of the message's group. */
  at: number;
  direction: Direction;
  text: string;
}

export interface InboxSlot {
  element: Element;
  message: InboxMessage | null;
  problem: InboxProblem | null;
}

export interface InboxRead {
  kind: 'conversation' | 'other';
  layoutOk: boolean;
  missing: string[];
  /** The Page (asset_id): the identity every outbound message is sent as. */
  pageId: string | null;
  threadId: string | null;
  /** The thread's case key, as stored (`facebook:<thread>:<thread>`; a new cycle after a resolution, DESIGN §2). */
  caseKey: string | null;
  messages: InboxSlot[];
}

/** `justify-content` of an element (the computed style; jsdom and browsers both honour stylesheets). */
export type StyleOf = (el: Element) => string;
const computedJustify: StyleOf = (el) => el.ownerDocument.defaultView?.getComputedStyle(el).justifyContent ?? '';

/** Customer rows are flex-start, the Page's flex-end; the nearest ancestor that says either, up to the group. */
export function directionOf(bubble: Element, styleOf: StyleOf = computedJustify): Direction | null {
  for (let el: Element | null = bubble; el; el = el.parentElement) {
    const j = styleOf(el);
    if (j === 'flex-start' || j === 'start' || j === 'left') return 'customer';
    if (j === 'flex-end' || j === 'end' || j === 'right') return 'page';
    if (el.hasAttribute('data-utime')) return null;
  }
  return null;
}

/** The open thread's messages, in page order. */
export function readInbox(doc: Document, url: URL, styleOf: StyleOf = computedJustify): InboxRead {
  const ref = inboxRefOf(url);
  const base = { pageId: ref?.pageId ?? null, threadId: ref?.threadId ?? null, caseKey: ref?.threadId ? inboxCaseKey(ref.threadId) : null };
  if (!ref || !ref.threadId) return { kind: 'other', layoutOk: true, missing: [], ...base, messages: [] };
  try {
    const bubbles = [...doc.querySelectorAll(SEL.bsMessage)];
    const missing: string[] = [];
    if (!bubbles.length) {
      // An open thread always shows messages; none means the markup changed (or is still loading: the caller's grace period).
      if (!doc.querySelector(SEL.bsHeader)) missing.push('bsHeader');
      missing.push('bsMessage');
      return { kind: 'conversation', layoutOk: false, missing, ...base, messages: [] };
    }
    const seen = new Set<string>();
    const directions = new Map<Element, Direction | null>();
    const messages = bubbles.map((el): InboxSlot => {
      const id = el.getAttribute('data-message-id') ?? '';
      if (!MESSAGE_ID_RE.test(id)) return { element: el, message: null, problem: 'bad-id' };
      if (seen.has(id)) return { element: el, message: null, problem: 'duplicate' };
      seen.add(id);
      const group = el.closest(SEL.bsGroup);
      const utime = Number(group?.getAttribute('data-utime'));
      if (!group || !isCommentTime(utime)) return { element: el, message: null, problem: 'no-time' };
      let direction = directions.get(el);
      if (direction === undefined) directions.set(el, (direction = directionOf(el, styleOf)));
      if (!direction) return { element: el, message: null, problem: 'no-direction' };
      return { element: el, message: { id, at: utime * 1000, direction, text: textOf(el).trim() }, problem: null };
    });
    if (!messages.some((m) => m.message) && messages.every((m) => m.problem === 'no-time')) missing.push('bsGroup');
    return { kind: 'conversation', layoutOk: missing.length === 0, missing, ...base, messages };
  } catch {
    return { kind: 'conversation', layoutOk: false, missing: ['unreadable'], ...base, messages: [] };
  }
}
