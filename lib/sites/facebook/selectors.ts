/**
 * Every selector, URL rule and label the Facebook adapter reads, in one place, each with the
 * fixture that proves it. `FB_SELECTOR_TABLE` is checked by
 * tests/unit/sites/facebook-selectors.test.ts: each selector runs against its fixture and
 * must find exactly `expectedCount` elements.
 *
 * Fixture ids (loaded by tests/unit/sites/facebook-fixtures.ts):
 *   syn:dialog   tests/fixtures/facebook/dom/fb-post-dialog-comments.synthetic.html (post dialog over the feed)
 *   syn:sjs      tests/fixtures/facebook/dom/fb-sjs-prefetch-comments.synthetic.html (permalink + data-sjs JSON)
 *   gen:post     tests/fixtures/facebook/post-page.ts `standardPostPage()` (real conversations as a Page post,
 *                comments at depths 0, 1, 2, a comment whose id is hidden, the embedded JSON, a composer)
 *   gen:inbox    tests/fixtures/facebook/inbox-page.ts `standardInboxPage()` (Business Suite Messenger thread)
 * The synthetic files are hand-written from public observations (../shared/fixtures/dom/SOURCES.md);
 * no licensed capture of facebook.com exists (../shared/notes/facebook-2026.md §8).
 *
 * Rules: never select on classes (Comet's atomic classes rotate). Structure first (roles,
 * href parameters, data-* attributes, nesting); text last, and then only from LABELS, which
 * holds the English, Spanish and Romanian variants (es/ro are unverified guesses, notes §5).
 */

import type { SelectorSpec } from '../types';
export const SEL = {
  /** The page column on facebook.com (feed, Page timeline, permalink). */
  main: 'div[role="main"]',
  /** The post dialog opened over the feed / Page timeline: it holds the post being read. */
  dialog: 'div[role="dialog"]',
  /** Posts and comments are both `div[role=article]`; a post is one with no article above it. */
  article: 'div[role="article"]',
  /** Feed / timeline posts carry aria-posinset; a permalink's post may not. */
  feedPost: 'div[role="article"][aria-posinset]',
  /** Links carrying a comment id: the time link (numeric) and the author link (base64 token). */
  commentLink: 'a[href*="comment_id="]',
  /** Top-level comments are also wrapped in `div[data-commentid]` (public-crm, 2026-09). */
  commentWrapper: '[data-commentid]',
  /** Comment text: the `span[lang] div[dir=auto]` after the author name. */
  commentText: 'span[lang] div[dir="auto"]',
  /** Post text. */
  postMessage: '[data-ad-preview="message"], [data-ad-comet-preview="message"]',
  /** The Lexical comment box (also used by Messenger; disambiguated by its container). */
  textbox: 'div[role="textbox"][contenteditable="true"][data-lexical-editor="true"]',
  /** The comment box's form: the textbox and its buttons (emoji, photo, submit). */
  composerForm: 'form',
  /** Buttons of the composer form; the submit one is told apart by its label (LABELS.submit). */
  button: 'div[role="button"]',
  /** First-load JSON blocks; only `data-sjs` ones hold server data (Relay preloads). */
  jsonScript: 'script[type="application/json"]',
  sjsScript: 'script[type="application/json"][data-sjs]',

  /**
   * The post whose comments get a bar, as CSS can say it (readComments' rule, lib/sites/facebook/bar-space.ts):
   * an article in the post dialog or the page column, but not a feed post (`div[role=feed]`),
   * whose comments are read only when it is the page's first post.
   */
  barPost: ':is(div[role="dialog"], div[role="main"]) div[role="article"]:not(div[role="feed"] div[role="article"])',

  /** Business Suite: the thread list rows (no id, no href: the id is only in the URL). */
  bsThreadRow: '[data-surface*="/bizweb_inbox:thread_list/thread_row"]:not([data-surface$="/lib:thread_title"])',
  /** Business Suite: the open thread's header (customer name). */
  bsHeader: '[data-surface$="/lib:inbox:detail_view_header"]',
  /** Business Suite: message groups carry the exact time in Unix seconds. */
  bsGroup: '[data-utime]',
  /** Business Suite: one bubble per message, `mid.$…` ids. */
  bsMessage: '[data-message-id]',
  /** Business Suite: the reply box (a plain contenteditable textbox under the message list). */
  bsTextbox: 'div[role="textbox"][contenteditable="true"]',
} as const;

export type SelectorName = keyof typeof SEL;

/**
 * The comments that get a bar, in CSS, so their room is reserved before Facebook lays a new
 * comment out (lib/sites/facebook/bar-space.ts): every article inside a post that `barPost`
 * names, while bars show on a conversation. A comment that matches but gets no bar (the feed's
 * post behind a dialog, a permalink's comments behind one) is marked `data-threadmark-nobar`
 * by the runtime and gives the room back.
 */
export const BAR_COMMENTS = `html[data-threadmark="conversation"] ${SEL.barPost} ${SEL.article}:not([data-threadmark-nobar])`;

/** Hosts the adapter runs on (https only). */
export const HOSTS = ['www.facebook.com', 'facebook.com', 'web.facebook.com', 'm.facebook.com', 'business.facebook.com'] as const;
export const BUSINESS_HOST = 'business.facebook.com';

/** Facebook numeric ids: users, Pages, posts and comments (legacy fbids). */
export const NUMERIC_ID_RE = /^\d{1,25}$/;
/** Post slug form (`pfbid…`), an alias of a numeric post id: never a record id. */
export const PFBID_RE = /^pfbid[0-9A-Za-z]{10,80}$/;
/** The base64 token of author links: `comment:<postId>_<commentId>`. */
export const COMMENT_TOKEN_RE = /^comment:(\d{1,25})_(\d{1,25})$/;
/** Messenger / Business Suite message id. */
export const MESSAGE_ID_RE = /^m(?:id)?\.\$?[A-Za-z0-9_.$:-]{4,200}$/;

/**
 * Post pages, each yielding a post id or slug (group 1):
 * `/<page>/posts/<id|pfbid>`, `/groups/<g>/posts/<id>`, `/<page>/videos/<id>`, `/reel/<id>`.
 * Query forms (`permalink.php?story_fbid=`, `story.php?story_fbid=`, `photo/?fbid=`,
 * `photo.php?fbid=`, `watch/?v=`) are in POST_QUERY_PAGES.
 */
export const POST_PATH_RE = /^\/(?:[A-Za-z0-9.\-_]{1,80}\/posts|groups\/[A-Za-z0-9.\-_]{1,80}\/posts|[A-Za-z0-9.\-_]{1,80}\/videos|reel)\/(\d{1,25}|pfbid[0-9A-Za-z]{10,80})\/?$/;
export const POST_QUERY_PAGES: Readonly<Record<string, string>> = {
  '/permalink.php': 'story_fbid',
  '/story.php': 'story_fbid',
  '/photo/': 'fbid',
  '/photo': 'fbid',
  '/photo.php': 'fbid',
  '/watch/': 'v',
  '/watch': 'v',
};
/** Business Suite inbox (`/latest/inbox/all|messenger|facebook|instagram`). */
export const BS_INBOX_PATH_RE = /^\/latest\/inbox(?:\/[a-z_]+)?\/?$/;

/**
 * Labels, read only where structure cannot tell (text last). es/ro are guesses (notes §5):
 * matching is by prefix, case-insensitive, so a variant that never occurs costs nothing.
 */
export const LABELS = {
  /** aria-label of the composer's submit button. */
  submit: { en: ['Comment', 'Reply', 'Post', 'Send'], es: ['Comentar', 'Responder', 'Publicar', 'Enviar'], ro: ['Comentează', 'Răspunde', 'Publică', 'Trimite'] },
  /** aria-label of the comment box: the acting identity's name follows (display hint only, never identity). */
  commentAs: { en: ['Comment as', 'Answer as', 'Reply as'], es: ['Comentar como', 'Responder como'], ro: ['Comentează ca', 'Răspunde ca'] },
} as const;

export type LabelName = keyof typeof LABELS;

/** Every variant of a label, all languages. */
export function labelVariants(name: LabelName): string[] {
  const l = LABELS[name];
  return [...l.en, ...l.es, ...l.ro];
}

/** `text` is exactly one of the label's variants (case-insensitive, trimmed). */
export function isLabel(name: LabelName, text: string | null | undefined): boolean {
  if (!text) return false;
  const t = text.trim().toLocaleLowerCase();
  return labelVariants(name).some((v) => v.toLocaleLowerCase() === t);
}

/**
 * Relative-time words in en/es/ro, unit → spellings (short and long forms; plurals
 * included). Used by relative-time.ts. es/ro: guesses, notes §5.
 */
export const TIME_WORDS = {
  second: ['s', 'sec', 'secs', 'second', 'seconds', 'seg', 'segundo', 'segundos', 'sec.', 'secundă', 'secunde'],
  minute: ['m', 'min', 'mins', 'minute', 'minutes', 'minuto', 'minutos', 'min.', 'minut', 'minute'],
  hour: ['h', 'hr', 'hrs', 'hour', 'hours', 'hora', 'horas', 'oră', 'ora', 'ore'],
  day: ['d', 'day', 'days', 'día', 'dia', 'días', 'dias', 'z', 'zi', 'zile'],
  week: ['w', 'wk', 'wks', 'week', 'weeks', 'sem', 'sem.', 'semana', 'semanas', 'săpt', 'săpt.', 'săptămână', 'săptămâni'],
  year: ['y', 'yr', 'yrs', 'year', 'years', 'a', 'año', 'años', 'an', 'ani'],
} as const;
/** "ago" wrappers: `hace 2 h` (es), `acum 2 ore` (ro), `2 hours ago` (en). */
export const TIME_AGO = { prefixes: ['hace', 'acum'], suffixes: ['ago'] } as const;
/** Words that stand for "1" in long forms: "an hour ago", "hace una hora", "acum o oră", "acum un an". */
export const TIME_ONE = ['a', 'an', 'one', 'un', 'una', 'uno', 'o'] as const;
/** "now" (age under a minute). */
export const TIME_NOW = ['just now', 'now', 'a few seconds ago', 'ahora', 'justo ahora', 'ahora mismo', 'hace unos segundos', 'acum', 'chiar acum', 'acum câteva secunde'] as const;
/** "Yesterday at 10:15" / "Ayer a las 10:15" / "Ieri la 10:15". */
export const TIME_YESTERDAY = { words: ['yesterday', 'ayer', 'ieri'], at: ['at', 'a las', 'a la', 'la', 'ora'] } as const;

export type { SelectorSpec };

/** Every selector with the fixture(s) that prove it; some have a positive and a negative proof. */
export const FB_SELECTOR_TABLE: readonly SelectorSpec[] = [
  { name: 'main', selector: SEL.main, fixture: 'syn:dialog', expectedCount: 1, proves: 'the feed column stays behind the dialog' },
  { name: 'dialog', selector: SEL.dialog, fixture: 'syn:dialog', expectedCount: 1, proves: 'the post dialog over the feed' },
  { name: 'dialog', selector: SEL.dialog, fixture: 'syn:sjs', expectedCount: 0, proves: 'a permalink page has no dialog: read div[role=main]' },
  { name: 'article', selector: SEL.article, fixture: 'syn:dialog', expectedCount: 5, proves: 'feed post + dialog post + 3 comments: posts and comments share the role' },
  { name: 'article', selector: `${SEL.dialog} ${SEL.article} ${SEL.article}`, fixture: 'syn:dialog', expectedCount: 3, proves: 'comments are articles nested in the post article' },
  { name: 'feedPost', selector: SEL.feedPost, fixture: 'syn:dialog', expectedCount: 2, proves: 'the feed post and the dialog post both have aria-posinset (comments do not)' },
  { name: 'commentLink', selector: SEL.commentLink, fixture: 'syn:dialog', expectedCount: 6, proves: 'each comment has an author link (base64) and a time link (numeric)' },
  { name: 'commentLink', selector: `${SEL.commentLink}[href*="reply_comment_id="]`, fixture: 'syn:dialog', expectedCount: 1, proves: 'a reply\'s time link adds reply_comment_id' },
  { name: 'commentWrapper', selector: `${SEL.commentWrapper} > ${SEL.article}`, fixture: 'syn:sjs', expectedCount: 2, proves: 'top-level comments are wrapped in data-commentid; replies are not' },
  { name: 'commentText', selector: SEL.commentText, fixture: 'syn:dialog', expectedCount: 3, proves: 'one text per comment' },
  { name: 'postMessage', selector: SEL.postMessage, fixture: 'syn:dialog', expectedCount: 2, proves: 'feed post and dialog post texts' },
  { name: 'textbox', selector: SEL.textbox, fixture: 'syn:dialog', expectedCount: 1, proves: 'the Lexical comment box in the dialog' },
  { name: 'jsonScript', selector: SEL.jsonScript, fixture: 'syn:sjs', expectedCount: 3, proves: 'first-load JSON blocks, one of them broken' },
  { name: 'sjsScript', selector: SEL.sjsScript, fixture: 'syn:sjs', expectedCount: 2, proves: 'data-sjs blocks: one decoy without Relay data, one with the comments' },
  // Generated pages (real conversations, tests/fixtures/facebook/).
  { name: 'main', selector: SEL.main, fixture: 'gen:post', expectedCount: 1, proves: 'a permalink page' },
  { name: 'article', selector: `${SEL.main} ${SEL.article}`, fixture: 'gen:post', expectedCount: 12, proves: 'the post + 11 comments (two real threads and a comment shown without its id)' },
  { name: 'commentLink', selector: `${SEL.commentLink}[href*="reply_comment_id="]`, fixture: 'gen:post', expectedCount: 8, proves: 'the time links of the 8 replies (depths 1 and 2); author links carry only the base64 token' },
  { name: 'commentWrapper', selector: `${SEL.commentWrapper} > ${SEL.article}`, fixture: 'gen:post', expectedCount: 2, proves: 'the two top-level comments with an id; the one still posting has no wrapper' },
  { name: 'commentText', selector: SEL.commentText, fixture: 'gen:post', expectedCount: 11, proves: 'one text per comment' },
  { name: 'composerForm', selector: `${SEL.composerForm} ${SEL.textbox}`, fixture: 'gen:post', expectedCount: 1, proves: 'the post\'s comment box sits in a form' },
  { name: 'button', selector: `${SEL.composerForm} ${SEL.button}[aria-label]`, fixture: 'gen:post', expectedCount: 2, proves: 'emoji + submit buttons in the composer form: the submit one is told by LABELS.submit' },
  { name: 'sjsScript', selector: SEL.sjsScript, fixture: 'gen:post', expectedCount: 1, proves: 'the first-load comments' },
  { name: 'barPost', selector: `${SEL.barPost} ${SEL.article}`, fixture: 'syn:dialog', expectedCount: 3, proves: 'the dialog post\'s 3 comments; the feed post behind it is no bar post' },
  { name: 'barPost', selector: `${SEL.barPost} ${SEL.article}`, fixture: 'gen:post', expectedCount: 11, proves: 'every comment of a permalink post (its post has aria-posinset too: only role=feed tells a feed post)' },
  { name: 'bsThreadRow', selector: SEL.bsThreadRow, fixture: 'gen:inbox', expectedCount: 3, proves: 'three thread rows, none with an id' },
  { name: 'bsHeader', selector: SEL.bsHeader, fixture: 'gen:inbox', expectedCount: 1, proves: 'the open thread\'s header' },
  { name: 'bsGroup', selector: SEL.bsGroup, fixture: 'gen:inbox', expectedCount: 6, proves: 'one group per turn, each with data-utime' },
  { name: 'bsMessage', selector: SEL.bsMessage, fixture: 'gen:inbox', expectedCount: 11, proves: 'one bubble per message: 6 turns, long ones sent as two messages' },
  { name: 'bsMessage', selector: SEL.bsMessage, fixture: 'syn:dialog', expectedCount: 0, proves: 'facebook.com comments have no message ids' },
  { name: 'bsTextbox', selector: SEL.bsTextbox, fixture: 'gen:inbox', expectedCount: 1, proves: 'the reply box' },
];
