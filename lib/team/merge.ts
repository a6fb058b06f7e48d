/**
 * How agents' records of the same message merge in the team store (issue 9; rules in
 * README "Team import"). Pure, so each rule is unit-tested without a database.
 *
 * - Facts of the post (time, root, text…) merge: an exact time beats an approximate one,
 *   the oldest root id wins, the earliest first sighting and the latest update are kept.
 * - Tags (query type, status, channel, sentiment, no reply needed) come whole from the
 *   record tagged last (`taggedAt`; ties go to the agent name first in alphabetical
 *   order, so the result does not depend on the order files are imported in). A value the
 *   other agent set differently is listed as a disagreement for the lead.
 * - Credit for a brand reply: the agents whose files say "I sent it" are its claimants.
 *   One claimant: theirs. Two or more: nobody's (`agent` null) until the lead settles it;
 *   last-writer-wins never moves credit between agents.
 */
import type { MessageRecord } from '../schema/records';
import { caseKeyOf } from '../schema/taxonomy';
import { olderId } from '../db/merge';

export const TAG_FIELDS = ['queryType', 'status', 'channel', 'sentiment', 'noReplyNeeded'] as const;
export type TagField = (typeof TAG_FIELDS)[number];

/** A message in the team store: the merged record plus who said what. */
export interface TeamRecord extends MessageRecord {
  /** Agent whose tags the record carries (null: nobody tagged it). */
  tagBy: string | null;
  /** Agents whose files claim this brand reply as their own, sorted. */
  claimants: string[];
  /** The lead's choice when several agents claimed the reply. */
  settledAgent: string | null;
}

/** Two agents tagged one message differently: what was kept and what lost. */
export interface Disagreement {
  /** `${key}|${field}|${agents sorted}`: the same disagreement found twice is stored once. */
  id: string;
  key: string;
  field: TagField | 'credit';
  kept: { agent: string | null; value: string | boolean | null; at: number | null };
  other: { agent: string | null; value: string | boolean | null; at: number | null };
}

/** A record from `agent`'s file as the team store keeps it. */
export function fromAgentFile(r: MessageRecord, agent: string): TeamRecord {
  const claimants = r.sentBy === 'me' ? [agent] : [];
  const { sentBy, agent: credited } = credit(claimants, null, r.fromBrand);
  return teamRow(r, {
    rootId: r.rootId,
    caseKey: r.caseKey,
    inReplyTo: r.inReplyTo,
    at: r.at,
    atPrecision: r.atPrecision,
    authorName: r.authorName,
    text: r.text,
    permalink: r.permalink,
    firstSeenAt: r.firstSeenAt,
    updatedAt: r.updatedAt,
    tags: r,
    taggedAt: r.taggedAt,
    tagBy: r.taggedAt === null ? null : agent,
    claimants,
    settledAgent: null,
    sentBy,
    agent: credited,
  });
}

/** What a merge decides; the rest of the row is the stored record's. */
interface RowParts {
  rootId: string;
  caseKey: string;
  inReplyTo: string | null;
  at: number;
  atPrecision: MessageRecord['atPrecision'];
  authorName: string;
  text: string;
  permalink: string;
  firstSeenAt: number;
  updatedAt: number;
  tags: Pick<MessageRecord, TagField>;
  taggedAt: number | null;
  tagBy: string | null;
  claimants: string[];
  settledAgent: string | null;
  sentBy: MessageRecord['sentBy'];
  agent: string | null;
}

/**
 * One team row, every field written out: a 2M-record import builds 2M of these, and
 * `{ ...r, …more }` (spread then further keys) took V8's slow path, ~10 µs a row. The
 * optional fields are only present when the record has them, as in the agent's file.
 */
function teamRow(base: MessageRecord, p: RowParts): TeamRecord {
  const row: TeamRecord = {
    platform: base.platform,
    id: base.id,
    rootId: p.rootId,
    inReplyTo: p.inReplyTo,
    author: base.author,
    authorName: p.authorName,
    fromBrand: base.fromBrand,
    customer: base.customer,
    at: p.at,
    atPrecision: p.atPrecision,
    text: p.text,
    permalink: p.permalink,
    key: base.key,
    caseKey: p.caseKey,
    sentBy: p.sentBy,
    agent: p.agent,
    queryType: p.tags.queryType,
    status: p.tags.status,
    channel: p.tags.channel,
    sentiment: p.tags.sentiment,
    noReplyNeeded: p.tags.noReplyNeeded,
    firstSeenAt: p.firstSeenAt,
    taggedAt: p.taggedAt,
    updatedAt: p.updatedAt,
    tagBy: p.tagBy,
    claimants: p.claimants,
    settledAgent: p.settledAgent,
  };
  if (base.textNote !== undefined) row.textNote = base.textNote;
  if (base.approxFrom !== undefined) row.approxFrom = base.approxFrom;
  if (base.approxTo !== undefined) row.approxTo = base.approxTo;
  if (base.pageId !== undefined) row.pageId = base.pageId;
  if (base.sentAsPerson !== undefined) row.sentAsPerson = base.sentAsPerson;
  return row;
}

function credit(claimants: readonly string[], settled: string | null, fromBrand: boolean): Pick<MessageRecord, 'sentBy' | 'agent'> {
  if (!fromBrand) return { sentBy: null, agent: null };
  const agent = settled ?? (claimants.length === 1 ? claimants[0]! : null);
  return agent === null ? { sentBy: 'teammate', agent: null } : { sentBy: 'me', agent };
}

/** Does b's tagging win over a's? Later taggedAt; on a tie, the agent name first alphabetically. */
function laterTag(a: TeamRecord, b: TeamRecord): boolean {
  if (b.taggedAt === null) return false;
  if (a.taggedAt === null) return true;
  if (b.taggedAt !== a.taggedAt) return b.taggedAt > a.taggedAt;
  return (b.tagBy ?? '') < (a.tagBy ?? '');
}

export function mergeTeamRecord(existing: TeamRecord | undefined, incoming: TeamRecord): { row: TeamRecord; disagreements: Disagreement[] } {
  if (!existing) return { row: incoming, disagreements: [] };
  const a = existing;
  const b = incoming;
  const disagreements: Disagreement[] = [];

  const incomingTags = laterTag(a, b);
  const winner = incomingTags ? b : a;
  const loser = incomingTags ? a : b;
  if (loser.taggedAt !== null && loser.tagBy !== winner.tagBy) {
    for (const field of TAG_FIELDS) {
      if (winner[field] !== loser[field]) {
        disagreements.push({
          id: `${a.key}|${field}|${[winner.tagBy, loser.tagBy].sort().join('|')}`,
          key: a.key,
          field,
          kept: { agent: winner.tagBy, value: winner[field], at: winner.taggedAt },
          other: { agent: loser.tagBy, value: loser[field], at: loser.taggedAt },
        });
      }
    }
  }

  const claimants = [...new Set([...a.claimants, ...b.claimants])].sort();
  if (claimants.length > 1 && a.claimants.join() !== claimants.join()) {
    disagreements.push({
      id: `${a.key}|credit|${claimants.join('|')}`,
      key: a.key,
      field: 'credit',
      kept: { agent: null, value: null, at: null },
      other: { agent: claimants.join(', '), value: 'me', at: null },
    });
  }

  const exactB = b.atPrecision === 'exact' && a.atPrecision === 'approx';
  const rootId = olderId(a.rootId, b.rootId);
  const settled = credit(claimants, a.settledAgent, a.fromBrand);
  const row = teamRow(a, {
    rootId,
    caseKey: caseKeyOf(a.platform, rootId, a.customer),
    inReplyTo: a.inReplyTo ?? b.inReplyTo,
    at: exactB ? b.at : a.at,
    atPrecision: exactB ? 'exact' : a.atPrecision,
    authorName: a.authorName || b.authorName,
    text: a.text || b.text,
    permalink: a.permalink || b.permalink,
    firstSeenAt: Math.min(a.firstSeenAt, b.firstSeenAt),
    updatedAt: Math.max(a.updatedAt, b.updatedAt),
    tags: winner,
    taggedAt: winner.taggedAt,
    tagBy: winner.tagBy,
    claimants,
    settledAgent: a.settledAgent,
    sentBy: settled.sentBy,
    agent: settled.agent,
  });
  return { row, disagreements };
}

/** The lead credits a disputed reply to one of its claimants. */
export function settleCredit(row: TeamRecord, agent: string): TeamRecord {
  if (!row.claimants.includes(agent)) throw new Error(`${agent} did not claim ${row.key}`);
  return { ...row, settledAgent: agent, ...credit(row.claimants, agent, row.fromBrand) };
}
