/**
 * Every selector, regex and structural path the X adapter uses, in one place, each with the
 * fixture that proves it (refined-github style: "selectors with test URLs"). The table
 * `X_SELECTOR_TABLE` is checked by tests/unit/sites/x-selectors.test.ts: each selector is
 * run against its fixture and must find exactly `expectedCount` elements.
 *
 * Fixture ids (loaded by tests/unit/sites/fixtures.ts):
 *   real:focused      tests/fixtures/x/dom/x-status-focused-tweet.tweetyoink.html   (real x.com capture, Oct 2025)
 *   real:quote        tests/fixtures/x/dom/x-timeline-cell-quote-tweet.tweetyoink.html
 *   real:quote-video  tests/fixtures/x/dom/x-timeline-cell-quote-video.tweetyoink.html
 *   gen:conversation  tests/fixtures/x/standard-pages.ts `conversation` (real markup + the bundled real
 *                     AdobeCare conversation: ancestors, focused post, chained replies, new
 *                     chains, withheld post, "Show more replies", promoted post, Discover more)
 *   gen:dialog        tests/fixtures/x/standard-pages.ts `dialog` (the same page with the reply dialog open)
 *   gen:notifications tests/fixtures/x/standard-pages.ts `notifications` (mentions timeline)
 *   real:article      tests/fixtures/x/dom/x-status-article-2026-02.defuddle.html (real logged-in status page,
 *                     Feb 2026, kepano/defuddle, MIT): the focused post is an X Article, no tweetText
 *   built:translated  real:focused with X's translation notice inside tweetText (tests/fixtures/x/variants-2026.ts)
 *   built:card-2026   real:article as a 2026 post card: name and handle plain text, time link in User-Name (idem)
 *
 * Evidence beyond the fixtures is in ../shared/notes/x-facebook-dom.md (§1): CPFT =
 * insin/control-panel-for-twitter `script.js`, rvinowise = rvinowise/twitter_bot.
 *
 * Rule: never select on classes (X's atomic classes are generated). Only data-testid,
 * roles, href shapes, `time[datetime]` and element nesting.
 */

import { X_RESERVED_PATHS } from '../../schema/sites';
import type { SelectorSpec } from '../types';

/** The data-testids the adapter reads. SEL builds its selectors from them; parse.ts matches them while walking a post once. */
export const TESTID = {
  cell: 'cellInnerDiv',
  tweet: 'tweet',
  userName: 'User-Name',
  text: 'tweetText',
  showMore: 'tweet-text-show-more-link',
  avatar: 'Tweet-User-Avatar',
  promoted: 'placementTracking',
  /** X Article (long-form post): its title and its body, in place of tweetText (real:article). */
  articleTitle: 'twitter-article-title',
  articleBody: 'twitterArticleRichTextView',
} as const;

export const SEL = {
  /** CPFT `Selectors.PRIMARY_COLUMN`. */
  primaryColumn: 'div[data-testid="primaryColumn"]',
  /** CPFT `Selectors.TIMELINE`: its children are the virtual-list cells. aria-label is localised, so any. */
  timeline: 'div[data-testid="primaryColumn"] section > h1 + div[aria-label] > div',
  /** Virtual-list cell (absolute, translateY). CPFT, rvinowise, real:quote. */
  cell: `div[data-testid="${TESTID.cell}"]`,
  /** A post. CPFT `Selectors.TWEET`, all real captures. */
  tweet: `article[data-testid="${TESTID.tweet}"]`,
  /** Any article: a bare `article` without data-testid is an unavailable/withheld post (CPFT `UNAVAILABLE`). */
  article: 'article',
  /** The focused post of a status page (CPFT `isFocusedTweet`: tabIndex == -1), real:focused. */
  focusedTweet: `article[data-testid="${TESTID.tweet}"][tabindex="-1"]`,
  /** Author block; first link = display name, `@handle` link, then (timeline layout) the time link. */
  userName: `[data-testid="${TESTID.userName}"]`,
  /** Links inside a block; the first of User-Name is the display name. */
  roleLink: 'a[role="link"]',
  /** Candidate permalink times: `time[datetime]` inside a status link (filtered by STATUS_PATH_RE and owner article). */
  permalinkTime: 'a[href*="/status/"] > time',
  time: 'time',
  text: `[data-testid="${TESTID.text}"]`,
  /** "Show more" on truncated posts (CPFT, tweetyoink `tweet-extractor.ts`); link or button depending on the build. */
  showMore: `[data-testid="${TESTID.showMore}"]`,
  avatar: `[data-testid="${TESTID.avatar}"]`,
  /** An X Article shows its title here and has no tweetText (real:article, Feb 2026). */
  articleTitle: `[data-testid="${TESTID.articleTitle}"]`,
  /** …and its body here; Threadmark does not store it (the bar says so). */
  articleBody: `[data-testid="${TESTID.articleBody}"]`,
  /**
   * X's auto-translation notice ("Translated from …" + "Show original") sits inside tweetText
   * (issue 11): the only control X puts inside a post's text, so any button there marks the
   * text as X's translation (the phrase itself is localised). built:translated.
   */
  translationControl: `[data-testid="${TESTID.text}"] :is(button, [role="button"]):not([data-testid="${TESTID.showMore}"])`,
  /** The same, searched from the post's own tweetText element (parse.ts). */
  textControl: `:is(button, [role="button"]):not([data-testid="${TESTID.showMore}"])`,
  /** A quoted post is a `div[role="link"]` block holding its own User-Name / tweetText / time (real:quote). */
  quoteBlock: 'div[role="link"]',
  /** Promoted wrapper, tested on the article's parents only: it also appears *inside* video players (real:quote-video). CPFT `PROMOTED_TWEET_CONTAINER`. */
  promoted: `[data-testid="${TESTID.promoted}"]`,
  /** Section headings inside the list; on a status page the first one after the replies is "Discover more". CPFT `TIMELINE_HEADING`. */
  heading: 'h2[role="heading"]',
  /** Composer text boxes: Draft.js `div[role="textbox"][data-testid="tweetTextarea_0"]`, its container `…_0RichTextInputContainer`, label `…_0_label`. CPFT, many bots. */
  textarea: '[data-testid^="tweetTextarea_"]',
  textbox: '[data-testid^="tweetTextarea_"][role="textbox"], [data-testid^="tweetTextarea_"] [role="textbox"]',
  /** Submit: inline reply box / modal composer. `button` now, `div[role=button]` in 2023 builds, so no tag. */
  submit: '[data-testid="tweetButtonInline"], [data-testid="tweetButton"]',
  dialog: '[role="dialog"]',
  /** The action row (reply, repost, like, …): the bar goes right under it, inside the post's content column. */
  actions: '[role="group"]',
  replyButton: '[data-testid="reply"]',
  /** Own-profile nav link, `href="/handle"` (also in the mobile bottom bar). */
  profileLink: 'a[data-testid="AppTabBar_Profile_Link"]',
  /** Fallback for the own handle: the account switcher's avatar container testid suffix. */
  accountSwitcherAvatar: '[data-testid="SideNav_AccountSwitcher_Button"] [data-testid^="UserAvatar-Container-"]',
} as const;

/**
 * The posts that get a bar (readThread's rule, in CSS, so the bar's room is reserved before X
 * measures a new cell; lib/sites/x/bar-space.ts): the cell's own article (not one nested in
 * it, not a promoted one) in the list; on a conversation page any article (a withheld post is
 * a bare one), on the mentions timeline tweets only. "Discover more" posts match too: the
 * runtime marks them (`data-threadmark-nobar`) when it sees they get no bar.
 */
const LIST_ARTICLE = `${SEL.timeline} > ${SEL.cell} article:not(article article):not(${SEL.promoted} article):not([data-threadmark-nobar])`;
export const BAR_POSTS = {
  conversation: `html[data-threadmark="conversation"] ${LIST_ARTICLE}`,
  notifications: `html[data-threadmark="notifications"] ${LIST_ARTICLE}[data-testid="${TESTID.tweet}"]`,
} as const;

export type SelectorName = keyof typeof SEL;

/**
 * CPFT `URL_TWEET_BASE_RE`: a permalink path. Group 1 handle (or a reserved path such as
 * `i`: check with isReservedPath), group 2 status id. Handles are 1–15 characters (X's rule).
 */
export const STATUS_PATH_RE = /^\/([A-Za-z0-9_]{1,15})\/status\/(\d{1,25})(?:[/?#]|$)/;
/** A first path segment that is one of X's own pages (`/i/status/{id}`, `/home`…), never an account. */
export function isReservedPath(segment: string): boolean {
  return X_RESERVED_PATHS.has(segment.toLowerCase());
}
/** Status pages: `/{handle}/status/{id}` plus `/photo/1`, `/analytics`, …; `/i/web/status/{id}`, `/i/status/{id}`. */
export const STATUS_PAGE_RE = /^\/(?:i\/web|i|([A-Za-z0-9_]{1,15}))\/status\/(\d{1,25})(?:\/|$)/;
export const NOTIFICATIONS_PAGE_RE = /^\/notifications(?:\/mentions|\/verified)?\/?$/;
/** A profile path `/handle` (profile link, mention links). */
export const PROFILE_PATH_RE = /^\/([A-Za-z0-9_]{1,15})\/?$/;
/** `@handle` as link text (mention links in "Replying to" and in the text). */
export const AT_HANDLE_RE = /^@([A-Za-z0-9_]{1,15})$/;
/** Leading @mentions of a text. */
export const LEADING_MENTIONS_RE = /^(?:\s*@[A-Za-z0-9_]{1,15}\b)+/;
export const HOSTS = ['x.com', 'twitter.com', 'mobile.x.com', 'mobile.twitter.com', 'www.x.com', 'www.twitter.com'] as const;

/**
 * Structural paths (no selector can express them). Both proven on gen:conversation, both
 * absent from the three real captures (single posts, no chain):
 *
 * - LINE ABOVE (this post continues the post above; CPFT `isReplyToPreviousTweet`: six
 *   `firstElementChild` steps from the article, then a 2px-wide element; rvinowise
 *   `post_has_linked_post_before`: the first child of the top spacer row has children).
 *   article > div > div > div(spacer) > div(row) > div(avatar-width column) > div(the line).
 *   The row's first child is an empty `div` when there is no line (real:focused, real:quote).
 *   We require the line to be a bare element (no children) instead of measuring its
 *   width: getComputedStyle costs a layout per post, and the only other thing X puts
 *   there (the repost/pin icon column of social context) holds an svg.
 * - LINE BELOW (the post below continues this one; rvinowise `post_has_linked_post_after`):
 *   the parent of the article's own Tweet-User-Avatar has a second child, a bare element
 *   (the line running down from the avatar).
 */
export const LINE_ABOVE_DEPTH = 6;

export type { SelectorSpec };

/** Every selector with the fixture(s) that prove it. Some selectors appear twice: a positive and a negative proof. */
export const X_SELECTOR_TABLE: readonly SelectorSpec[] = [
  { name: 'primaryColumn', selector: SEL.primaryColumn, fixture: 'gen:conversation', expectedCount: 1, proves: 'the page column' },
  { name: 'timeline', selector: SEL.timeline, fixture: 'gen:conversation', expectedCount: 1, proves: 'the list root whose children are the cells' },
  { name: 'timeline', selector: SEL.timeline, fixture: 'gen:notifications', expectedCount: 1, proves: 'the same list root on the mentions timeline' },
  { name: 'cell', selector: SEL.cell, fixture: 'real:quote', expectedCount: 1, proves: 'a real timeline cell' },
  { name: 'cell', selector: `${SEL.timeline} > ${SEL.cell}`, fixture: 'gen:conversation', expectedCount: 24, proves: 'cells are the direct children of the list root (12 turns, composer, promoted, 5 other replies, show more, heading, 3 discover)' },
  { name: 'tweet', selector: SEL.tweet, fixture: 'real:focused', expectedCount: 1, proves: 'the focused post is a tweet article' },
  { name: 'tweet', selector: SEL.tweet, fixture: 'real:quote', expectedCount: 1, proves: 'a quoted post is not a second tweet article' },
  { name: 'tweet', selector: SEL.tweet, fixture: 'gen:conversation', expectedCount: 19, proves: 'posts of the generated page: 10 turns (1 withheld, 1 collapsed), promoted, 5 other replies, 3 discover' },
  { name: 'article', selector: `${SEL.cell} > div > div > div > article:not([data-testid])`, fixture: 'gen:conversation', expectedCount: 1, proves: 'a withheld post is a bare article (CPFT UNAVAILABLE path)' },
  { name: 'focusedTweet', selector: SEL.focusedTweet, fixture: 'real:focused', expectedCount: 1, proves: 'tabindex=-1 marks the focused post' },
  { name: 'focusedTweet', selector: SEL.focusedTweet, fixture: 'real:quote', expectedCount: 0, proves: 'timeline posts have tabindex=0' },
  { name: 'focusedTweet', selector: SEL.focusedTweet, fixture: 'gen:conversation', expectedCount: 1, proves: 'one focused post per status page' },
  { name: 'User-Name', selector: SEL.userName, fixture: 'real:focused', expectedCount: 1, proves: 'author block' },
  { name: 'User-Name', selector: SEL.userName, fixture: 'real:quote', expectedCount: 2, proves: 'the quoted post has its own author block (must be skipped)' },
  { name: 'roleLink', selector: `${SEL.userName} ${SEL.roleLink}`, fixture: 'real:focused', expectedCount: 2, proves: 'display-name link first, then the @handle link' },
  { name: 'permalinkTime', selector: SEL.permalinkTime, fixture: 'real:focused', expectedCount: 1, proves: 'the focused post time sits in its status link (detail row)' },
  { name: 'permalinkTime', selector: SEL.permalinkTime, fixture: 'real:quote', expectedCount: 1, proves: 'the quoted time is not in a status link' },
  { name: 'permalinkTime', selector: SEL.permalinkTime, fixture: 'real:quote-video', expectedCount: 1, proves: 'idem, quote with video' },
  { name: 'time', selector: SEL.time, fixture: 'real:quote', expectedCount: 2, proves: 'the quoted post has a time of its own' },
  { name: 'tweetText', selector: SEL.text, fixture: 'real:quote', expectedCount: 2, proves: 'outer and quoted text' },
  { name: 'tweetText', selector: SEL.text, fixture: 'real:focused', expectedCount: 1, proves: 'focused text' },
  { name: 'showMore', selector: SEL.showMore, fixture: 'gen:conversation', expectedCount: 1, proves: 'truncated post (not in the real captures; CPFT/tweetyoink evidence)' },
  { name: 'avatar', selector: SEL.avatar, fixture: 'real:quote', expectedCount: 2, proves: 'outer and quoted avatar: take the first not in a quote' },
  { name: 'quoteBlock', selector: `${SEL.quoteBlock} ${SEL.userName}`, fixture: 'real:quote', expectedCount: 1, proves: 'the quoted post lives in a div[role=link]' },
  { name: 'quoteBlock', selector: `${SEL.quoteBlock} ${SEL.userName}`, fixture: 'real:focused', expectedCount: 0, proves: 'the verified badge is a div[role=link] too, but holds no User-Name' },
  { name: 'promoted', selector: SEL.promoted, fixture: 'real:quote-video', expectedCount: 1, proves: 'placementTracking also wraps video players: never querySelector it' },
  { name: 'promoted', selector: `${SEL.promoted} ${SEL.tweet}`, fixture: 'real:quote-video', expectedCount: 0, proves: '…so a post is promoted only when the wrapper encloses its article' },
  { name: 'promoted', selector: `${SEL.promoted} ${SEL.tweet}`, fixture: 'gen:conversation', expectedCount: 1, proves: 'the promoted cell' },
  { name: 'heading', selector: `${SEL.cell} ${SEL.heading}`, fixture: 'gen:conversation', expectedCount: 1, proves: '"Discover more" is the only heading inside the list' },
  { name: 'textarea', selector: SEL.textarea, fixture: 'gen:conversation', expectedCount: 2, proves: 'editor and its RichTextInputContainer' },
  { name: 'textbox', selector: SEL.textbox, fixture: 'gen:conversation', expectedCount: 1, proves: 'the inline reply box' },
  { name: 'textbox', selector: SEL.textbox, fixture: 'gen:dialog', expectedCount: 2, proves: 'inline box + dialog box' },
  { name: 'submit', selector: SEL.submit, fixture: 'gen:conversation', expectedCount: 1, proves: 'tweetButtonInline' },
  { name: 'submit', selector: SEL.submit, fixture: 'gen:dialog', expectedCount: 2, proves: 'tweetButtonInline + tweetButton' },
  { name: 'dialog', selector: `${SEL.dialog} ${SEL.tweet}`, fixture: 'gen:dialog', expectedCount: 1, proves: 'the reply dialog shows the post it answers' },
  { name: 'actions', selector: `${SEL.actions}`, fixture: 'real:focused', expectedCount: 1, proves: 'one action row (reply, repost, like, bookmark, share)' },
  { name: 'actions', selector: `${SEL.actions} ${SEL.replyButton}`, fixture: 'real:quote', expectedCount: 1, proves: 'the quoted post has no action row of its own' },
  { name: 'profileLink', selector: SEL.profileLink, fixture: 'gen:conversation', expectedCount: 1, proves: 'own handle in the nav' },
  { name: 'profileLink', selector: SEL.profileLink, fixture: 'real:article', expectedCount: 0, proves: 'the Feb 2026 page has no profile tab link: the account switcher is the only source' },
  { name: 'accountSwitcherAvatar', selector: SEL.accountSwitcherAvatar, fixture: 'real:article', expectedCount: 1, proves: 'own handle on the Feb 2026 page' },
  { name: 'tweetText', selector: SEL.text, fixture: 'real:article', expectedCount: 0, proves: 'an X Article has no tweetText' },
  { name: 'articleTitle', selector: SEL.articleTitle, fixture: 'real:article', expectedCount: 1, proves: 'the Article title, stored as its text' },
  { name: 'articleBody', selector: `${SEL.tweet} ${SEL.articleBody}`, fixture: 'real:article', expectedCount: 1, proves: 'the Article body is inside the post (not stored; the bar says so)' },
  { name: 'translationControl', selector: SEL.translationControl, fixture: 'built:translated', expectedCount: 1, proves: '"Show original" inside tweetText marks X\'s translation' },
  { name: 'translationControl', selector: SEL.translationControl, fixture: 'real:quote', expectedCount: 0, proves: 'an untranslated post has no control inside its text' },
  { name: 'textControl', selector: `${SEL.text} ${SEL.textControl}`, fixture: 'built:translated', expectedCount: 1, proves: 'idem, as parse.ts asks it' },
  { name: 'textControl', selector: `${SEL.text} ${SEL.textControl}`, fixture: 'gen:conversation', expectedCount: 0, proves: '"Show more" (a button after the text) is not a translation' },
  { name: 'roleLink', selector: `${SEL.userName} ${SEL.roleLink}`, fixture: 'built:card-2026', expectedCount: 1, proves: 'in a 2026 post card the only link of User-Name is the time permalink: never a name' },
  { name: 'tweet', selector: SEL.tweet, fixture: 'real:article', expectedCount: 1, proves: 'the Feb 2026 page: one post, the focused Article' },
  { name: 'timeline', selector: SEL.timeline, fixture: 'real:article', expectedCount: 1, proves: 'the list root on the Feb 2026 page' },
  { name: 'accountSwitcherAvatar', selector: SEL.accountSwitcherAvatar, fixture: 'gen:conversation', expectedCount: 1, proves: 'own handle fallback' },
];
