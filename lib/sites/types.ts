/**
 * The interface every site adapter implements (X now, Facebook next). Content-script code:
 * no dependencies, no zod, no React. See lib/sites/README.md for the decisions behind it.
 */
import type { Platform, TextNote } from '../schema/taxonomy';

export type PageKind = 'conversation' | 'notifications' | 'other';

export interface ParsedPost {
  /** Status id (digits), only ever read from this article's own permalink time link. */
  id: string;
  /** Stable author key: X the lower-cased handle; Facebook the numeric profile/Page id, else the vanity path. */
  author: string;
  /** Display name, emoji images reassembled from their alt text. */
  authorName: string;
  /** Milliseconds since the epoch: the site's time (DESIGN §3); with precision 'approx', the latest possible. */
  at: number;
  /**
   * 'exact' (X always; Facebook from its own data) or 'approx' (read from a relative time such
   * as "2 h": timed figures leave it out). Absent means exact.
   */
  precision?: 'exact' | 'approx';
  /** With 'approx': the interval the page's relative time allows, its text and when it was first seen. */
  approx?: { from: number; to: number; text: string; seenAt: number };
  /** Visible text, emoji images as their alt text. */
  text: string;
  /** The post shows a "Show more" link: `text` is only what is visible. */
  truncated: boolean;
  /** Absolute `https://x.com/{handle}/status/{id}`. */
  permalink: string;
  /** Lower-cased handles from "Replying to @a @b" and the leading @mentions of the text, in order. */
  mentions: string[];
  /**
   * Set when `text` is not simply the post's words: `translated` (the page shows the site's
   * translation; its notice is left out), `article` (an X Article: `text` is its title, the
   * body is not captured).
   */
  textNote?: TextNote;
}

/**
 * Why a post is skipped. `time-out-of-range`: the time shown is before X existed, more
 * than a day ahead, or minutes away from the time encoded in the post's id.
 * `no-author`: the permalink names no account (`/i/status/{id}`) and the post shows none.
 */
export type Problem = 'no-permalink' | 'no-author' | 'no-time' | 'bad-time' | 'time-out-of-range' | 'unavailable' | 'promoted';

export interface PostSlot {
  /** The top-level article: the bar mounts inside it. */
  element: HTMLElement;
  post: ParsedPost | null;
  /** Why `post` is null (the bar shows "skipped: …"). */
  problem: Problem | null;
}

export type ThreadRole = 'ancestor' | 'focused' | 'reply' | 'timeline';

export interface ThreadPost extends PostSlot {
  role: ThreadRole;
  /**
   * Conversation root: the first ancestor (the focused post when it has none). Null on
   * non-conversation pages and when the top of the conversation is not known (not
   * rendered yet and never seen on this page): null means "unknown", not "this post".
   */
  rootId: string | null;
  /**
   * The post this one answers, from the page structure: ancestors and chain continuations
   * → the post above; a chain start after the focused post → the focused post. Null when
   * the page does not say (a hidden or deleted post in between, signals that disagree).
   */
  inReplyTo: string | null;
}

export interface ThreadRead {
  kind: PageKind;
  /** False when the page no longer looks like what the adapter knows: the bars pause. */
  layoutOk: boolean;
  /** Names of the selectors that found nothing (see the selectors table), for the paused message. */
  missing: string[];
  /** Page order; conversation posts only (stops at "Discover more", no promoted or quoted posts). */
  posts: ThreadPost[];
}

/**
 * What readThread remembers about one conversation between passes, so that posts keep
 * their root, parents and section when X's virtual list drops the cells above them.
 * readThread keeps one per document and conversation by itself; pass your own to control
 * it (tests), or `null` to read the page with no memory at all.
 */
export interface ThreadMemo {
  /** The conversation (focused status id) this memo belongs to; a different id resets it. */
  key: string | null;
  rootId: string | null;
  ancestors: Set<string>;
  /** Parents established while the post above was on the page. */
  parents: Map<string, string>;
  /** Posts seen in the "Discover more" section. */
  discover: Set<string>;
}

export interface Composer {
  /** `el` is, or is inside, the composer's submit button. */
  isSubmit(el: Element): boolean;
  /** `el` is inside a composer text box. */
  isTextbox(el: Element): boolean;
  /** Text of the composer that button or text box belongs to ('' when none). */
  draftText(fromEl: Element, doc: Document): string;
  /** Status id the composer answers: the post shown in a reply dialog, or the focused post for the inline box. */
  replyTarget(fromEl: Element, doc: Document, url: URL): string | null;
  /** The key press sends the draft (X: Ctrl/Cmd+Enter; Facebook: plain Enter, not Shift, not while an IME composes). */
  isSubmitKey(e: KeyboardEvent): boolean;
  /** The draft as it will be posted, for matching the posted reply (X drops the leading @mentions). */
  normaliseDraft(text: string): string;
}

export interface SiteAdapter {
  platform: Platform;
  /** https hosts the adapter reads; the content script's `matches` come from these (lib/sites/registry.ts). */
  hosts: readonly string[];
  /** A dialog can open over any page (Facebook's post dialog): readThread runs whatever pageKind says. */
  readsEveryPage?: boolean;
  matches(url: URL): boolean;
  pageKind(url: URL): PageKind;
  /** The container whose subtree changes when cells are added or recycled (observe it). */
  listRoot(doc: Document): Element | null;
  /**
   * A wider element to observe, holding the list, when the site may put new cells outside the
   * list found so far (Facebook: the post); a change there brings a pass that finds the wider
   * list (lib/overlay/pass-scheduler.ts createListWatcher).
   */
  watchRoot?(doc: Document): Element | null;
  /** Pure function of the element; never throws. */
  parsePost(article: Element): PostSlot;
  /** Cheap string that changes when a recycled article starts showing another post: re-parse then. */
  signature(article: Element): string;
  /** `parse` lets the caller pass a cached parsePost; `memo` see ThreadMemo. Never throws. */
  /**
   * `changed(cell)`: false when the runtime knows a cell of the list (a child of `listRoot`) is
   * unchanged since the last read, so an adapter may keep what it read there (X does).
   */
  readThread(doc: Document, url: URL, parse?: (el: Element) => PostSlot, memo?: ThreadMemo | null, changed?: (cell: Element) => boolean): ThreadRead;
  /** Lower-cased handle of the logged-in account, or null. */
  loggedInHandle(doc: Document): string | null;
  /** When the site created the post, read from its id (X snowflakes); null when the id does not say. */
  idTime(id: string): number | null;
  composer: Composer;
  /**
   * Where the bar goes: it is inserted right after this element (X: the post's action row,
   * so it sits under the post inside its content column). Null: at the end of the post.
   */
  barAnchor?(article: Element): Element | null;
  /**
   * Who sent the agent's own reply (Facebook): the Page id it was sent as, or `sentAsPerson`
   * when it came from the agent's personal profile instead of a Page. Absent: the site has one identity.
   */
  replyIdentity?(doc: Document, url: URL, author: string): { pageId?: string; sentAsPerson?: true };
}

export function createThreadMemo(key: string | null = null): ThreadMemo {
  return { key, rootId: null, ancestors: new Set(), parents: new Map(), discover: new Set() };
}

/** One row of a site's selector table (each site's selectors.ts): a selector and the fixture that proves it. */
export interface SelectorSpec {
  /** Name as reported in the paused message (`missing`) and used in code (key of SEL, or a descriptive name). */
  name: string;
  selector: string;
  /** Fixture id (see the header comment of the site's selectors.ts). */
  fixture: string;
  /** Exactly how many elements the selector finds in that fixture. */
  expectedCount: number;
  /** What the count proves. */
  proves: string;
}
