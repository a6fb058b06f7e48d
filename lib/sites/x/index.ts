/** The X (x.com / twitter.com) site adapter. Selectors: ./selectors.ts; decisions: ../README.md. */
import type { SiteAdapter } from '../types';
import { composer } from './composer';
import { HOSTS, SEL } from './selectors';
import { parsePost, signature, snowflakeTime } from './parse';
import { listRoot, loggedInHandle, matches, pageKind, readThread } from './thread';

export const xAdapter: SiteAdapter = {
  platform: 'x',
  hosts: HOSTS,
  matches,
  pageKind,
  listRoot,
  parsePost,
  signature,
  readThread,
  loggedInHandle,
  idTime: snowflakeTime,
  composer,
  barAnchor,
};

/** The post's own action row (not a quoted post's), found by its reply button. */
export function barAnchor(article: Element): Element | null {
  for (const group of article.querySelectorAll(SEL.actions)) {
    if (group.closest('article') === article && group.querySelector(SEL.replyButton)) return group;
  }
  return null;
}

export { parsePost, signature, snowflakeAt, snowflakeTime, lineAbove, lineBelow, textOf } from './parse';
export { listRoot, loggedInHandle, matches, pageKind, readThread, statusIdOf } from './thread';
export { composer } from './composer';
export { SEL, X_SELECTOR_TABLE } from './selectors';
