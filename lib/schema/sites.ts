/**
 * What each site allows in the fields the page hands us: handles, permalink hosts and
 * times. One table per platform, so Facebook is added here and nowhere else. Zod-free: the
 * content script imports it to clean what it reads, the schemas import it to refuse.
 */
import { HOSTS as FACEBOOK_HOSTS } from '../sites/facebook/selectors';
import { X_HANDLE_RE, type Platform } from './taxonomy';

export interface SiteRules {
  /** A user id as the site spells it (X: the handle, lower-cased by the adapter). */
  handle: RegExp;
  /** Lower-case words shaped like handles that are the site's own paths, never accounts. */
  reserved: ReadonlySet<string>;
  /** Hosts a permalink may point to (https only, no port, no credentials). */
  permalinkHosts: readonly string[];
}

/**
 * X's first path segments that are its own pages: `/i/status/{id}` is a permalink without
 * a handle, `/home`, `/explore`… are nav links (issue 11 §5: a post once stored author `i`).
 */
export const X_RESERVED_PATHS: ReadonlySet<string> = new Set([
  'i', 'home', 'explore', 'search', 'settings', 'notifications', 'messages', 'compose', 'intent', 'hashtag',
  'share', 'login', 'logout', 'signup', 'tos', 'privacy', 'about', 'account', 'download', 'jobs', 'lists',
  'communities', 'bookmarks', 'topics', 'premium', 'verified', 'who_to_follow', 'connect_people', 'follower_requests',
  'display', 'keyboard_shortcuts', 'personalization', 'jf', 'onboarding', 'twitter', 'x', 'grok', 'tweet', 'status',
]);

/** A Facebook author: numeric profile or Page id, or a vanity name (letters, digits, dots). */
export const FACEBOOK_AUTHOR_RE = /^(?:\d{1,25}|[A-Za-z0-9.]{2,80})$/;

/** Facebook's first path segments that are its own pages, never a profile (as lib/sites/facebook/ids.ts). */
export const FACEBOOK_RESERVED_PATHS: ReadonlySet<string> = new Set([
  'permalink.php', 'story.php', 'photo', 'photo.php', 'watch', 'groups', 'reel', 'hashtag', 'events', 'pages', 'share',
  'login', 'l.php', 'profile.php', 'home.php', 'messages', 'notifications', 'settings', 'marketplace', 'gaming', 'latest',
]);

export const SITE_RULES: Record<Platform, SiteRules> = {
  x: { handle: X_HANDLE_RE, reserved: X_RESERVED_PATHS, permalinkHosts: ['x.com', 'twitter.com'] },
  // Facebook authors are a numeric profile/Page id or a vanity path (lower-cased by the
  // adapter); permalinks point to the hosts the adapter runs on (lib/sites/facebook/selectors).
  facebook: { handle: FACEBOOK_AUTHOR_RE, reserved: FACEBOOK_RESERVED_PATHS, permalinkHosts: FACEBOOK_HOSTS },
};

/** X launched on 2006-03-21: no post is older. */
export const EARLIEST_POST_MS = Date.UTC(2006, 2, 21);
/** A post may carry a time up to a day ahead of this computer's clock (a clock set wrong), no more. */
export const FUTURE_MARGIN_MS = 86_400_000;

/** A site time (ms) that can be a real post's: after X existed and not more than a day ahead. */
export function isSaneTime(ms: number, now = Date.now()): boolean {
  return Number.isFinite(ms) && ms >= EARLIEST_POST_MS && ms <= now + FUTURE_MARGIN_MS;
}

export function isHandle(platform: Platform, handle: string): boolean {
  const rules = SITE_RULES[platform];
  return rules.handle.test(handle) && !rules.reserved.has(handle.toLowerCase());
}

/** `https://{allowed host}/…` only: the popup opens permalinks in a tab, so never `javascript:` or another site. */
export function isPermalink(platform: Platform, href: string): boolean {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    SITE_RULES[platform].permalinkHosts.includes(url.hostname) &&
    // new URL lower-cases the host: make sure the text itself starts the same way.
    href.toLowerCase().startsWith(`https://${url.hostname}/`)
  );
}

/**
 * C0/C1 controls and the bidirectional embedding, override and isolate characters: in a
 * display name they can reorder what is shown next to it ("Ana" that reads as another name).
 */
// eslint-disable-next-line no-control-regex
export const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_NAME_CHARS_ALL = new RegExp(UNSAFE_NAME_CHARS.source, 'g');

/** A display name with the unsafe characters removed and spaces folded. */
export function cleanDisplayName(name: string): string {
  return name.replace(UNSAFE_NAME_CHARS_ALL, '').replace(/\s+/g, ' ').trim();
}
