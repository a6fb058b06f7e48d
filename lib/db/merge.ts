import type { MessageRecord, Observation, TagPatch } from '../schema/records';
import { caseKeyOf, messageKey } from '../schema/taxonomy';

/**
 * How a new sighting of a post combines with what is stored. Pure, so the rules are
 * unit-tested without a database. Tags are never touched by a sighting: only the agent
 * sets them (`applyPatch`).
 *
 * A sighting adds knowledge and never takes it away (issue 11 §3): a post once known to
 * be the brand's stays the brand's (a page pass that did not show who is logged in cannot
 * make it a customer post), with its sender, agent and case; a sentiment the agent set
 * stays. A customer post can still turn out to be the brand's (brand handles added later).
 */
export function mergeObservation(
  existing: MessageRecord | undefined,
  obs: Observation,
  now: number,
  parentCustomer?: string,
): MessageRecord {
  // The earliest root seen wins: X shows the whole ancestor chain only on some pages, and a
  // post's conversation never changes, so the oldest id is the truest root.
  const rootId = existing && olderId(existing.rootId, obs.rootId) === existing.rootId ? existing.rootId : obs.rootId;
  const fromBrand = obs.fromBrand || !!existing?.fromBrand;
  const customer = existing?.fromBrand
    ? // An established brand reply keeps its customer unless this page names one.
      (obs.fromBrand ? obs.customer : null) ?? existing.customer
    : fromBrand
      ? (obs.customer ?? parentCustomer ?? '')
      : obs.author;
  const exactKept = existing?.atPrecision === 'exact' && obs.atPrecision === 'approx';
  return {
    key: messageKey(obs.platform, obs.id),
    platform: obs.platform,
    id: obs.id,
    rootId,
    caseKey: caseKeyOf(obs.platform, rootId, customer),
    inReplyTo: existing?.inReplyTo ?? obs.inReplyTo,
    author: obs.author,
    authorName: obs.authorName || existing?.authorName || '',
    fromBrand,
    customer,
    at: exactKept ? existing.at : obs.at,
    atPrecision: exactKept ? 'exact' : obs.atPrecision,
    // The interval goes with the approximate time it bounds; an exact time replaces both.
    ...(!exactKept && obs.atPrecision === 'approx' && obs.approxFrom !== undefined ? { approxFrom: obs.approxFrom, approxTo: obs.approxTo } : {}),
    // The Page a reply was sent as, and "sent as you": learnt once, kept by later sightings.
    ...((obs.pageId ?? existing?.pageId) ? { pageId: obs.pageId ?? existing?.pageId } : {}),
    ...((obs.sentAsPerson ?? existing?.sentAsPerson) ? { sentAsPerson: true as const } : {}),
    text: obs.text,
    ...(obs.textNote ? { textNote: obs.textNote } : {}),
    permalink: obs.permalink,
    // A brand post nobody claimed was sent by a teammate; a claim is never undone by a sighting.
    sentBy: fromBrand ? (existing?.sentBy ?? 'teammate') : null,
    agent: fromBrand ? (existing?.agent ?? null) : null,
    queryType: existing?.queryType ?? null,
    status: existing?.status ?? null,
    channel: existing?.channel ?? null,
    // Only the agent sets or clears a sentiment (applyPatch); a sighting keeps it.
    sentiment: existing?.sentiment ?? null,
    noReplyNeeded: existing?.noReplyNeeded ?? false,
    firstSeenAt: existing?.firstSeenAt ?? now,
    taggedAt: existing?.taggedAt ?? null,
    updatedAt: now,
  };
}

/**
 * A post whose page did not show the top of its conversation carries a stand-in root (the
 * conversation in the URL). When that stand-in is itself stored under an older root, the
 * post belongs there: adopt it, so a case never splits under two keys (issue 11 §5).
 */
export function adoptStoredRoot(obs: Observation, storedRoot: MessageRecord | undefined): Observation {
  if (!storedRoot || storedRoot.rootId === obs.rootId || olderId(storedRoot.rootId, obs.rootId) !== storedRoot.rootId) return obs;
  return { ...obs, rootId: storedRoot.rootId };
}

/** `record` moved under an older root with the rest of its case; null when `rootId` is not older. */
export function reroot(record: MessageRecord, rootId: string, now: number): MessageRecord | null {
  if (record.rootId === rootId || olderId(record.rootId, rootId) !== rootId) return null;
  return { ...record, rootId, caseKey: caseKeyOf(record.platform, rootId, record.customer), updatedAt: now };
}

export class PatchError extends Error {}

/** Applies the agent's tags. Throws PatchError (with a message for the bar) on a patch that makes no sense. */
export function applyPatch(record: MessageRecord, patch: TagPatch, now: number, agentName: string): MessageRecord {
  if (patch.sentiment != null && record.fromBrand) throw new PatchError('sentiment is set on customer messages only');
  if (patch.sentBy !== undefined && !record.fromBrand) throw new PatchError('only brand replies have a sender');
  if (patch.channel != null && (patch.status ?? record.status) !== 'escalated') {
    throw new PatchError('a channel goes with the escalated status');
  }
  const next: MessageRecord = { ...record, taggedAt: now, updatedAt: now };
  if (patch.queryType !== undefined) next.queryType = patch.queryType;
  if (patch.status !== undefined) {
    next.status = patch.status;
    if (patch.status !== 'escalated') next.channel = null;
  }
  if (patch.channel !== undefined) next.channel = patch.channel;
  if (patch.sentiment !== undefined) next.sentiment = patch.sentiment;
  if (patch.noReplyNeeded !== undefined) next.noReplyNeeded = patch.noReplyNeeded;
  if (patch.sentBy !== undefined) {
    next.sentBy = patch.sentBy;
    next.agent = patch.sentBy === 'me' ? agentName : null;
  }
  return next;
}

/** True when two records say the same thing (ignoring bookkeeping), so unchanged sightings cost no write. */
export function sameContent(a: MessageRecord, b: MessageRecord): boolean {
  const keys = Object.keys(a) as (keyof MessageRecord)[];
  if (Object.keys(b).length !== keys.length) return false; // an optional field came or went
  for (const k of keys) {
    if (k === 'updatedAt') continue;
    if (a[k] !== b[k]) return false;
  }
  return true;
}

/** Of two platform ids, the older one (numeric ids are time-ordered; others keep the first). */
export function olderId(a: string, b: string): string {
  if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return a;
  if (a.length !== b.length) return a.length < b.length ? a : b;
  return a <= b ? a : b;
}
