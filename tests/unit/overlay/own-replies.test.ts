// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { matchPending, PENDING_WINDOW_MS } from '../../../lib/overlay/own-replies';

const T = 1_000_000;
const draft = (text: string, submittedAt = T) => ({ text, replyTo: '101', submittedAt });

describe('recognising my own reply', () => {
  it('matches the post that carries the text I just sent', () => {
    expect(matchPending([draft('Sorry about that! DM us your order number.')], 'Sorry about that!  DM us your order number.', T + 2000)).toBe(0);
  });

  it('ignores the @mentions X shows as "Replying to"', () => {
    expect(matchPending([draft('@dana Sorry about that')], 'Sorry about that', T + 1000)).toBe(0);
  });

  it('matches a long post that X shows truncated', () => {
    expect(matchPending([draft('a '.repeat(200) + 'end')], 'a '.repeat(100), T + 1000)).toBe(0);
  });

  it('does not claim a teammate post with other text', () => {
    expect(matchPending([draft('Sorry about that')], 'Thanks for waiting', T + 1000)).toBe(-1);
  });

  it('does not claim a matching post that appears long after the submit', () => {
    expect(matchPending([draft('Sorry about that')], 'Sorry about that', T + PENDING_WINDOW_MS + 1)).toBe(-1);
  });
});
