import type { Observation } from '../schema/records';
import type { ReadyPost } from './observation';

/** What the runtime knows about the page it is on; a new one per URL. */
export interface PageSession {
  url: string;
  startedAt: number;
  /** id → signature of the last observation sent from this page. */
  sent: Map<string, string>;
  /** This conversation is stored (a brand post or a tag is in it). */
  tracked: boolean;
  posts: Map<string, ReadyPost>;
  /** The focused post, for posts whose root the adapter does not know. */
  focusedId: string | null;
}

export function newPageSession(url = location.href, now = Date.now()): PageSession {
  return { url, startedAt: now, sent: new Map(), tracked: false, posts: new Map(), focusedId: null };
}

/** What makes an observation worth sending again: anything the background stores from it. */
export function signatureOf(o: Observation): string {
  let sig = signatures.get(o);
  if (sig === undefined) signatures.set(o, (sig = `${o.rootId}|${o.inReplyTo}|${o.fromBrand}|${o.customer}|${o.at}|${o.text.length}`));
  return sig;
}
/** Observations are not changed once built, and the runtime reuses them across passes (./observation.ts). */
const signatures = new WeakMap<Observation, string>();

/**
 * Which posts are stored (README "Decisions"): on a conversation page, all of them once the
 * brand takes part or a post in it is tagged; elsewhere only what the agent tags.
 */
export function storesConversation(kind: string, session: Pick<PageSession, 'tracked'>, observations: readonly Observation[]): boolean {
  return kind === 'conversation' && (session.tracked || observations.some((o) => o.fromBrand));
}
