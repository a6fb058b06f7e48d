// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { toObservation, type ReadyPost } from '../../../lib/overlay/observation';
import type { ParsedPost } from '../../../lib/sites/types';

const T = Date.UTC(2026, 10, 3, 12, 0);

function ready(over: Partial<ParsedPost>): ReadyPost {
  const post: ParsedPost = {
    id: '9001',
    author: 'customer.two',
    authorName: 'Customer Two',
    at: T,
    text: 'Where is my parcel?',
    truncated: false,
    permalink: 'https://www.facebook.com/acme/posts/1?comment_id=9001',
    mentions: [],
    ...over,
  };
  return { element: {} as HTMLElement, post, problem: null, role: 'reply', rootId: '9001', inReplyTo: null };
}

describe('observations keep how precise the site time is', () => {
  it.each([
    ['a post with no precision (X: always its own datetime)', 'exact', {}],
    ['a comment with Facebook’s own time', 'exact', { precision: 'exact' as const }],
    ['a comment timed only by "2 h"', 'approx', { precision: 'approx' as const, approx: { from: T - 3 * 3_600_000, to: T - 2 * 3_600_000, text: '2 h', seenAt: T } }],
  ])('%s is stored as %s', (_label, precision, over) => {
    expect(toObservation('facebook', ready(over), new Set()).atPrecision).toBe(precision);
  });
});
