/**
 * Cutting one case into cycles (DESIGN §2, §4).
 *
 * Positions below are positions in a CaseIndex (its `at` and `code` columns; the record
 * is records[order[p]]). Decision: customer messages marked "no reply needed" are invisible
 * here: they start nothing, wait for nothing, count nowhere, and their tags (status
 * included) are ignored, because they "leave every metric".
 */
import {
  channelCode,
  FROM_BRAND,
  queryTypeCode,
  S_ESCALATED,
  S_RESOLVED,
  sentimentCode,
  SKIPPED,
  statusCode,
  type CaseIndex,
} from './cases';

export interface Cycle {
  /** Position of the first customer message (the cycle start). */
  start: number;
  /** Position of the resolving message, or of the last message of a cycle still open. */
  end: number;
  resolved: boolean;
  /** First cycle of a case the brand started (brand message before any customer one): no first response time. */
  proactive: boolean;
  /** Query type code of the first customer message that has one, else of the first tagged message; 0 = none. */
  queryType: number;
  /** Messages (customer and brand) from start through end. */
  messages: number;
  brandReplies: number;
  firstBrand: number;
  /**
   * Who the cycle belongs to (DESIGN §4, the one attribution rule of every personal figure):
   * the last brand message of the CASE at or before the cycle's end. That is the resolving
   * message when the brand resolved, else the last brand reply before the resolution, else
   * (nobody answered in this cycle) whoever last replied earlier in the case. For the open
   * last cycle it is the case's last brand message, so a customer still waiting and an
   * unanswered message belong to the same person as their cycle. -1: no brand message yet
   * (team figures only).
   */
  owner: number;
  /** Last customer message strictly before `end` (-1 when none), for FCR. */
  lastCustomerBeforeEnd: number;
  /** Sentiment codes of the first and last customer messages through end (0 = unknown). */
  firstSentiment: number;
  lastSentiment: number;
  escalated: boolean;
  /** Channel code of the first escalated message that names one (0 = unknown). */
  channel: number;
  /** Time of the next cycle's start (the reopening), Infinity when none. */
  nextStartAt: number;
}

export interface CaseAnalysis {
  /** Reused pool: only the first `count` entries belong to the current case. */
  cycles: Cycle[];
  count: number;
  /** Position of the oldest customer message still waiting at the end of the case, or -1. */
  waitingFrom: number;
  /** Latest status code set in the case (by message order), ignoring no-reply-needed messages. */
  status: number;
  /** Last brand message of the case, -1 when none. */
  lastBrand: number;
}

export function newAnalysis(): CaseAnalysis {
  return { cycles: [], count: 0, waitingFrom: -1, status: 0, lastBrand: -1 };
}

function nextCycle(out: CaseAnalysis, start: number, proactive: boolean, sentiment: number): Cycle {
  let c = out.cycles[out.count];
  if (!c) {
    c = {
      start: 0,
      end: 0,
      resolved: false,
      proactive: false,
      queryType: 0,
      messages: 0,
      brandReplies: 0,
      firstBrand: -1,
      owner: -1,
      lastCustomerBeforeEnd: -1,
      firstSentiment: 0,
      lastSentiment: 0,
      escalated: false,
      channel: 0,
      nextStartAt: Infinity,
    };
    out.cycles.push(c);
  }
  out.count++;
  c.start = start;
  c.end = start;
  c.resolved = false;
  c.proactive = proactive;
  c.queryType = 0;
  c.messages = 0;
  c.brandReplies = 0;
  c.firstBrand = -1;
  c.owner = -1;
  c.lastCustomerBeforeEnd = -1;
  c.firstSentiment = sentiment;
  c.lastSentiment = sentiment;
  c.escalated = false;
  c.channel = 0;
  c.nextStartAt = Infinity;
  return c;
}

/** Fills `out` with the cycles of case `c` of the index. */
export function analyzeCase(ix: CaseIndex, c: number, out: CaseAnalysis): CaseAnalysis {
  const { at, code } = ix;
  const from = ix.starts[c]!;
  const to = ix.starts[c + 1]!;
  out.count = 0;
  out.status = 0;
  out.lastBrand = -1;
  let cur: Cycle | null = null;
  let sawBrand = false;
  let lastCustomer = -1;
  let firstTaggedQt = 0;
  let waiting = -1;
  for (let p = from; p < to; p++) {
    const k = code[p]!;
    if (k & SKIPPED) continue;
    const status = statusCode(k);
    if (status) out.status = status;
    if (k & FROM_BRAND) {
      sawBrand = true;
      out.lastBrand = p;
      waiting = -1;
      if (cur) {
        cur.messages++;
        cur.brandReplies++;
        if (cur.firstBrand < 0) cur.firstBrand = p;
      }
    } else {
      const sentiment = sentimentCode(k);
      if (!cur) {
        if (out.count > 0) out.cycles[out.count - 1]!.nextStartAt = at[p]!;
        cur = nextCycle(out, p, out.count === 0 && sawBrand, sentiment);
        firstTaggedQt = 0;
        lastCustomer = -1;
      }
      cur.messages++;
      cur.lastSentiment = sentiment;
      if (cur.queryType === 0) cur.queryType = queryTypeCode(k);
      if (waiting < 0) waiting = p;
    }
    // Decision: a brand message outside any cycle (proactive post, follow-up after a
    // resolution) shapes no cycle: its 'resolved' or 'escalated' tag is ignored.
    if (!cur) continue;
    if (firstTaggedQt === 0) firstTaggedQt = queryTypeCode(k);
    // Decision: the channel of an escalated cycle is that of its first escalated message naming one.
    if (status === S_ESCALATED) {
      cur.escalated = true;
      if (cur.channel === 0) cur.channel = channelCode(k);
    }
    cur.end = p;
    if (status === S_RESOLVED) {
      cur.resolved = true;
      cur.owner = out.lastBrand;
      // Decision: a resolving customer message ("thanks, it works") is the resolution itself,
      // not a customer message "between" the reply and the resolution (FCR); lastCustomer
      // does not include p yet.
      cur.lastCustomerBeforeEnd = lastCustomer;
      if (cur.queryType === 0) cur.queryType = firstTaggedQt;
      cur = null;
      waiting = -1; // Decision: a resolved cycle has nobody waiting
      continue;
    }
    if (!(k & FROM_BRAND)) lastCustomer = p;
  }
  if (cur) {
    if (cur.queryType === 0) cur.queryType = firstTaggedQt;
    cur.owner = out.lastBrand;
  }
  out.waitingFrom = waiting;
  return out;
}
