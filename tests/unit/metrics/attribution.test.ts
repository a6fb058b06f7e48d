// @vitest-environment node
/**
 * DESIGN §4: every personal figure follows one attribution rule, so the popup's cards and its
 * open-cases list count the same cycles (issue 11, item 8). Built from real conversations
 * (tests/fixtures/data, Apache-2.0) with business hours set: an agent answering, escalating,
 * resolving, and a customer reopening a case nobody answers. The expected denominators come
 * from a naive, independent reading of the rule below, not from lib/metrics.
 */
import { describe, expect, it } from 'vitest';
import { computeFigures, OPEN_CASE_HORIZON_MS, openCases, type FigureQuery, type Figures } from '../../../lib/metrics';
import type { MessageRecord } from '../../../lib/schema/records';
import { caseKeyOf, messageKey, type Sentiment } from '../../../lib/schema/taxonomy';
import { loadSampleConversations } from '../../fixtures/x/care-data';
import { DAY_MS, HOUR, officeHours, settings } from './build';

type Sender = 'me' | 'teammate';
const ME = 'Ana';

/** One real conversation as stored records; `sender(i)` says who sent its i-th brand turn. */
function storedCase(convIndex: number, sender: (brandTurn: number) => Sender, extra: (recs: MessageRecord[]) => void = () => {}): MessageRecord[] {
  const conv = loadSampleConversations()[convIndex]!;
  const rootId = conv.turns[0]!.id;
  let brandTurn = 0;
  const recs = conv.turns.map((t): MessageRecord => {
    const fromBrand = t.author === conv.brand;
    const who = fromBrand ? sender(brandTurn++) : null;
    return {
      platform: 'x',
      id: t.id,
      rootId,
      inReplyTo: null,
      author: t.author,
      authorName: t.authorName,
      fromBrand,
      customer: conv.customer,
      at: Date.parse(t.at),
      atPrecision: 'exact',
      text: t.text,
      permalink: `https://x.com/${t.author}/status/${t.id}`,
      key: messageKey('x', t.id),
      caseKey: caseKeyOf('x', rootId, conv.customer),
      sentBy: who,
      agent: who === 'me' ? ME : null,
      queryType: null,
      status: null,
      channel: null,
      sentiment: null,
      noReplyNeeded: false,
      firstSeenAt: Date.parse(t.at),
      taggedAt: null,
      updatedAt: Date.parse(t.at),
    };
  });
  const customers = recs.filter((r) => !r.fromBrand);
  customers[0]!.sentiment = 'negative';
  if (convIndex % 2 === 0) customers[customers.length - 1]!.sentiment = 'positive';
  extra(recs);
  return recs;
}

const lastBrand = (recs: MessageRecord[]) => recs.filter((r) => r.fromBrand).at(-1)!;
const firstBrand = (recs: MessageRecord[]) => recs.find((r) => r.fromBrand)!;
const resolveAtLastReply = (recs: MessageRecord[]) => void (lastBrand(recs).status = 'resolved');
const escalateFirstReply = (recs: MessageRecord[]) => Object.assign(firstBrand(recs), { status: 'escalated', channel: 'dm' });

/** A customer message `after` its case's last message (a reopening when the case was resolved). */
function customerAfter(recs: MessageRecord[], after: number, sentiment: Sentiment | null = null): MessageRecord {
  const last = recs.reduce((a, b) => (a.at > b.at ? a : b));
  const cust = recs.find((r) => !r.fromBrand)!;
  const id = String(BigInt(last.id) + BigInt(after) * 4_194_304n); // a snowflake `after` ms later
  return { ...cust, id, key: messageKey('x', id), at: last.at + after, text: 'still broken', status: null, sentiment, firstSeenAt: last.at + after, updatedAt: last.at + after };
}
function brandAfter(recs: MessageRecord[], after: number, who: Sender): MessageRecord {
  const tmpl = customerAfter(recs, after);
  const brand = recs.find((r) => r.fromBrand)!;
  return { ...tmpl, author: brand.author, authorName: brand.authorName, fromBrand: true, sentBy: who, agent: who === 'me' ? ME : null, text: 'on it' };
}

const allMe = () => 'me' as const;
const allTeammate = () => 'teammate' as const;

/** The escalated, resolved, then reopened and unanswered case of the issue (my last reply). */
const reopenedUnanswered = storedCase(0, allMe, (recs) => {
  escalateFirstReply(recs);
  resolveAtLastReply(recs);
});
const reopening = customerAfter(reopenedUnanswered, 2 * DAY_MS, 'negative');

const records: MessageRecord[] = [
  ...reopenedUnanswered,
  reopening,
  ...storedCase(1, allMe, (recs) => {
    escalateFirstReply(recs);
    resolveAtLastReply(recs);
  }),
  ...[2, 3, 4, 5, 6].flatMap((i) => storedCase(i, allMe, resolveAtLastReply)),
  // Teammates' cases: escalated or not, they are not mine.
  ...storedCase(7, allTeammate, (recs) => {
    escalateFirstReply(recs);
    resolveAtLastReply(recs);
  }),
  ...storedCase(8, allTeammate, resolveAtLastReply),
  // A teammate answered first, I resolved: the cycle is mine, its first response is not.
  ...storedCase(9, (k) => (k === 0 ? 'teammate' : 'me'), resolveAtLastReply),
  // I resolved, the customer reopened and a teammate took it over; the customer waits again.
  ...storedCase(10, allMe, (recs) => {
    resolveAtLastReply(recs);
    const again = customerAfter(recs, DAY_MS);
    const teammate = brandAfter([...recs, again], HOUR, 'teammate');
    recs.push(again, teammate, customerAfter([...recs, again, teammate], HOUR));
  }),
  // Nobody answered this customer yet: nobody's.
  ...storedCase(11, allMe, (recs) => recs.splice(0, recs.length, ...recs.filter((r) => !r.fromBrand))),
];

const end = Math.max(...records.map((r) => r.at));
const now = end + 7 * DAY_MS;
const s = settings({ agentName: ME, schedule: officeHours('America/New_York') });
const query: FigureQuery = { from: 0, to: now, now, mine: true, timeZone: 'UTC' };

/** DESIGN §4, read naively: cycles of each case, and whose each cycle is. */
interface RefCycle {
  recs: MessageRecord[];
  resolved: boolean;
  owner: MessageRecord | null;
  open: boolean;
}
function referenceCycles(all: MessageRecord[]) {
  const byCase = new Map<string, MessageRecord[]>();
  for (const r of all) byCase.set(r.caseKey, [...(byCase.get(r.caseKey) ?? []), r]);
  const cycles: RefCycle[] = [];
  const timed: MessageRecord[] = []; // replies with somebody waiting
  const answeredBy: MessageRecord[] = []; // for each answered customer message, the reply that answered it
  const unanswered: { owner: MessageRecord | null }[] = [];
  const stillWaiting: { owner: MessageRecord | null; lastAt: number }[] = [];
  for (const recs of byCase.values()) {
    recs.sort((a, b) => a.at - b.at || (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    let cur: RefCycle | null = null;
    let lastBrandSoFar: MessageRecord | null = null;
    let waiting = false;
    let pending: MessageRecord[] = [];
    for (const r of recs) {
      if (r.fromBrand) {
        lastBrandSoFar = r;
        if (waiting) timed.push(r);
        waiting = false;
        for (const _ of pending) answeredBy.push(r);
        pending = [];
      } else {
        if (!cur) cycles.push((cur = { recs: [], resolved: false, owner: null, open: true }));
        waiting = true;
        pending.push(r);
      }
      cur?.recs.push(r);
      if (cur && r.status === 'resolved') {
        Object.assign(cur, { resolved: true, open: false, owner: lastBrandSoFar });
        cur = null;
        waiting = false;
      }
    }
    if (cur) cur.owner = lastBrandSoFar;
    const caseOwner = lastBrandSoFar;
    for (const _ of pending) unanswered.push({ owner: caseOwner });
    if (waiting) stillWaiting.push({ owner: caseOwner, lastAt: recs[recs.length - 1]!.at });
  }
  return { cycles, timed, answeredBy, unanswered, stillWaiting };
}

const mine = (r: MessageRecord | null) => r?.sentBy === 'me';

/** Every card's denominator, by the rule. Times are all long past their deadlines at `now`. */
function expectedDenominators(all: MessageRecord[]) {
  const ref = referenceCycles(all);
  const myCycles = ref.cycles.filter((c) => mine(c.owner));
  const myResolved = myCycles.filter((c) => c.resolved);
  const firstReplies = ref.cycles.map((c) => c.recs.find((r) => r.fromBrand) ?? null);
  const myFirstResponses = firstReplies.filter(mine).length;
  const myUnansweredOpenCycles = myCycles.filter((c) => c.open && !c.recs.some((r) => r.fromBrand)).length;
  const sentimentsOf = (c: RefCycle) => c.recs.filter((r) => !r.fromBrand).map((r) => r.sentiment);
  const startsNegative = myResolved.filter((c) => sentimentsOf(c)[0] === 'negative' && sentimentsOf(c).at(-1) !== null);
  return {
    replies: all.filter((r) => r.fromBrand && mine(r)).length,
    responseTime: ref.timed.filter(mine).length,
    firstResponseTime: myFirstResponses,
    resolutionTime: myResolved.length,
    tweetsToResolve: myResolved.length,
    fcr: myResolved.filter((c) => c.recs.some((r) => r.fromBrand)).length,
    sentimentRecovery: startsNegative.length,
    slaFirst: myFirstResponses + myUnansweredOpenCycles,
    slaAll: ref.timed.filter(mine).length + ref.stillWaiting.filter((w) => mine(w.owner)).length,
    escalation: myCycles.length,
    escalated: myCycles.filter((c) => c.recs.some((r) => r.status === 'escalated')).length,
    replyRate: ref.answeredBy.filter(mine).length + ref.unanswered.filter((u) => mine(u.owner)).length,
    openCases: ref.stillWaiting.filter((w) => mine(w.owner) && w.lastAt >= now - OPEN_CASE_HORIZON_MS).length,
  };
}

function denominators(f: Figures, all: MessageRecord[]) {
  return {
    replies: f.replies.count,
    responseTime: f.responseTime.calendar.count,
    firstResponseTime: f.firstResponseTime.calendar.count,
    resolutionTime: f.resolutionTime.calendar.count,
    tweetsToResolve: f.tweetsToResolve.count,
    fcr: f.fcr.denominator,
    sentimentRecovery: f.sentimentRecovery.negativeStarts,
    slaFirst: f.sla.firstResponse.withinTarget.total,
    slaAll: f.sla.allReplies.withinTarget.total,
    escalation: f.escalation.cycles,
    escalated: f.escalation.escalated,
    replyRate: f.replyRate.customerMessages,
    openCases: openCases(all, s, now, { mine: true }).filter((c) => c.credited).length,
  };
}

describe('one attribution rule for every personal figure (DESIGN §4)', () => {
  const f = computeFigures(records, s, query);

  it('gives every card the denominator the rule gives it, open-cases list included', () => {
    expect(denominators(f, records)).toEqual(expectedDenominators(records));
  });

  it('counts an unanswered reopened cycle as the last replier’s in Escalated, the SLA shares and the open cases alike', () => {
    const withoutReopen = records.filter((r) => r !== reopening);
    const before = denominators(computeFigures(withoutReopen, s, query), withoutReopen);
    const after = denominators(f, records);
    // The reopened cycle is mine (I replied last in the case): one more cycle everywhere a cycle counts.
    expect(after.escalation - before.escalation).toBe(1);
    expect(after.slaFirst - before.slaFirst).toBe(1);
    expect(after.slaAll - before.slaAll).toBe(1);
    expect(after.replyRate - before.replyRate).toBe(1);
    expect(after.openCases - before.openCases).toBe(1);
    // Nothing resolved changed, and the escalation stays with its (resolved) cycle.
    expect(after.escalated).toBe(before.escalated);
    expect(after.resolutionTime).toBe(before.resolutionTime);
  });

  it('keeps business-time figures over exactly the same cycles as calendar ones', () => {
    for (const m of [f.responseTime, f.firstResponseTime, f.resolutionTime]) expect(m.business!.count).toBe(m.calendar.count);
  });

  it('leaves teammates’ and nobody’s cases out of my list, and every case in the team’s', () => {
    const team = openCases(records, s, now);
    const ref = referenceCycles(records);
    // Listed: the waiting cases with a message within the open-case horizon (the badge's).
    const recent = ref.stillWaiting.filter((w) => w.lastAt >= now - OPEN_CASE_HORIZON_MS);
    expect(recent.length).toBeGreaterThan(0);
    expect(team).toHaveLength(recent.length);
    expect(team.every((c) => c.credited)).toBe(true);
    // Case 10 (a teammate's) and case 11 (nobody's) still wait: each is listed, not mine, a day after its last message.
    for (const [index, owner] of [[10, 'teammate'], [11, null]] as const) {
      const rootId = loadSampleConversations()[index]!.turns[0]!.id;
      const own = records.filter((r) => r.rootId === rootId);
      const listed = openCases(records, s, Math.max(...own.map((r) => r.at)) + DAY_MS, { mine: true }).find((c) => c.caseKey === own[0]!.caseKey);
      expect(listed?.credited).toBe(false);
      expect(listed?.owner?.sentBy ?? null).toBe(owner);
    }
  });

  it('credits a cycle resolved without any brand reply in it to whoever last replied in the case', () => {
    const recs = storedCase(2, allMe, resolveAtLastReply);
    const back = customerAfter(recs, DAY_MS);
    const thanks = { ...customerAfter([...recs, back], HOUR), status: 'resolved' as const };
    const all = [...recs, back, thanks];
    expect(denominators(computeFigures(all, s, query), all)).toEqual(expectedDenominators(all));
    expect(computeFigures(all, s, query).resolutionTime.calendar.count).toBe(2);
  });
});
