/**
 * X's sheet for the bar's room (lib/overlay/bar-space.ts says why): the posts that get a bar
 * are 28 px taller from the moment X inserts them, and the bar host sits in those 28 px at the
 * bottom of the post, over the post's content column.
 */
import { PAGE_ATTR, roomRules, type BarSpaceSpec } from '../../overlay/bar-space';
import { BAR_POSTS } from './selectors';

/**
 * Where X's content column starts and ends inside an article: the article's 16 px padding,
 * then, on a timeline or reply post, the 40 px avatar column and its 8 px gap (the action row
 * starts there); a focused post and a withheld one use the full width. Proven against the
 * fixture pages by tests/e2e/chromium-smoke.test.ts (the bar starts where the action row does).
 */
const PAD_PX = 16;
const AVATAR_PX = 40 + 8;

export function xBarSpace(hostTag: string): BarSpaceSpec {
  const kinds = [BAR_POSTS.conversation, BAR_POSTS.notifications];
  // Listed one by one rather than in one :is(): the browser files a rule under its rightmost
  // element, so only articles are ever tested against it.
  const room = kinds.join(',\n');
  // Only a post with a bar holds a host, so the host's rules need not repeat who gets one.
  const host = `html[${PAGE_ATTR}] article > ${hostTag}`;
  const css =
    // X's articles have no bottom padding and are already positioned (React Native Web's
    // `position: relative`).
    roomRules(room, host, { left: PAD_PX + AVATAR_PX, right: PAD_PX }) +
    `html[${PAGE_ATTR}] article:is([tabindex="-1"], :not([data-testid])) > ${hostTag} { left: ${PAD_PX}px; }\n`;
  return { posts: kinds.join(', '), css, candidates: 'article' };
}
