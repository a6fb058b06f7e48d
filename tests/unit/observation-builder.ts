import type { Observation } from '../../lib/schema/records';

/** A customer post by @dana in conversation 100, unless told otherwise. */
export function obs(over: Partial<Observation> = {}): Observation {
  return {
    platform: 'x',
    id: '101',
    rootId: '100',
    inReplyTo: '100',
    author: 'dana',
    authorName: 'Dana',
    fromBrand: false,
    customer: 'dana',
    at: Date.UTC(2026, 10, 2, 10, 0),
    atPrecision: 'exact',
    text: 'my order never arrived',
    permalink: 'https://x.com/dana/status/101',
    ...over,
  };
}
