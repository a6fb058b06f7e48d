/**
 * Facebook's sheet for the bar's room (lib/overlay/bar-space.ts says why): the comments that
 * get a bar are 28 px taller from the moment Facebook inserts them, and the bar host sits in
 * those 28 px at the bottom of the comment, under its text and action line.
 */
import { BAR_ROOM_PX, type BarSpaceSpec } from '../../overlay/bar-space';
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
  const css =
    // Facebook's comment articles have no bottom padding of their own; position is set so the
    // host's place never depends on Facebook's classes.
    `${BAR_COMMENTS} { position: relative; padding-bottom: ${BAR_ROOM_PX}px; }\n` +
    `${host} { position: absolute; left: ${BUBBLE_LEFT_PX}px; right: 0; bottom: 2px; margin: 0; }\n`;
  return { posts: BAR_COMMENTS, css, candidates: '[role="article"]' };
}

