/**
 * Facebook's sheet for the bar's room (lib/overlay/bar-space.ts says why): the comments that
 * get a bar are 28 px taller from the moment Facebook inserts them, and the bar host sits in
 * those 28 px at the bottom of the comment, under its text and action line.
 */
import { roomRules, type BarSpaceSpec } from '../../overlay/bar-space';
import { BAR_COMMENTS } from './selectors';

/**
 * Where the comment's bubble starts inside its article. In the fixtures (the only layout we
 * can prove, notes §8: no capture of facebook.com) the bubble and the action line start at the
 * article's left edge; tests/e2e/facebook.test.ts checks the bar starts where they do.
 */
const BUBBLE_LEFT_PX = 0;

export function facebookBarSpace(hostTag: string): BarSpaceSpec {
  // Only the host of a comment with room is placed in it: a bar Facebook shows elsewhere (a
  // Business Suite message) stays in the flow, as before.
  const host = `${BAR_COMMENTS} > ${hostTag}`;
  // Facebook's comment articles have no bottom padding of their own.
  const css = roomRules(BAR_COMMENTS, host, { left: BUBBLE_LEFT_PX, right: 0 });
  return { posts: BAR_COMMENTS, css, candidates: '[role="article"]' };
}
