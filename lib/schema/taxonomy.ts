/**
 * The shared vocabulary (DESIGN §2) as plain constants. Kept free of zod so the
 * content script can import it without pulling a validator into every X page load.
 */
export const PLATFORMS = ['x', 'facebook'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** The six seed query types stay in every build so that agents' exports merge. */
export const QUERY_TYPES = [
  'complaint',
  'feedback',
  'recommendation',
  'technical_question',
  'response',
  'other',
] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

export const STATUSES = ['open', 'pending', 'escalated', 'resolved'] as const;
export type Status = (typeof STATUSES)[number];

/** Where an escalated case went. */
export const CHANNELS = ['dm', 'phone', 'email', 'chat'] as const;
export type Channel = (typeof CHANNELS)[number];

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** Who sent a brand message: this browser's agent, or someone else on the brand account. */
export const SENDERS = ['me', 'teammate'] as const;
export type Sender = (typeof SENDERS)[number];

/** Why a stored text is not the post's own words in full (see observationSchema `textNote`). */
export const TEXT_NOTES = ['translated', 'article'] as const;
export type TextNote = (typeof TEXT_NOTES)[number];

/** X handles: letters, digits and underscore, at most 15 (X's own rule). */
export const X_HANDLE_RE = /^[A-Za-z0-9_]{1,15}$/;

export function messageKey(platform: Platform, id: string): string {
  return `${platform}:${id}`;
}

/** A case is one customer's thread with the brand (DESIGN §2). */
export function caseKeyOf(platform: Platform, rootId: string, customer: string): string {
  return `${platform}:${rootId}:${customer}`;
}
