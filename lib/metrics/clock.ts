/**
 * The live clock of one case (the bar on a customer message) and the list of open cases
 * (popup, toolbar badge).
 */
import type { MessageRecord, Settings } from '../schema/records';
import { addBusinessMs } from './business-time';
import { indexCases, indexOneCase, platformIndex, queryTypeName, statusName, type CaseIndex } from './cases';
import { ownsCycle, senderFilter, type CreditQuery } from './credit';
import { analyzeCase, newAnalysis, type CaseAnalysis } from './cycles';
import { withScratch, type Scratch } from './scratch';
import { slaIndex, slaTable, type SlaTable } from './sla';
import type { CaseClock, OpenCase } from './types';

/**
 * How long a case stays on the open list without any message: the popup's list and the
 * toolbar badge both stop counting a case whose last message is older (the badge reads
 * this much history; the popup reads 60 days for its comparisons and must not list more).
 */
export const OPEN_CASE_HORIZON_MS = 30 * 24 * 3600_000;

interface ClockParts {
  clock: CaseClock;
  /** Position of the oldest waiting message, -1 when nobody waits. */
  waitingFrom: number;
  queryType: OpenCase['queryType'];
}

function clockOf(ix: CaseIndex, c: number, an: CaseAnalysis, settings: Settings, sla: SlaTable): ClockParts {
  analyzeCase(ix, c, an);
  return clockFrom(ix, c, an, settings, sla);
}

/** The clock of case c from its analysis (analyzeCase(ix, c, an) already done). */
function clockFrom(ix: CaseIndex, c: number, an: CaseAnalysis, settings: Settings, sla: SlaTable): ClockParts {
  const { records, order, at, code } = ix;
  const first = records[order[ix.starts[c]!]!]!;
  const last = an.count > 0 ? an.cycles[an.count - 1]! : null;
  const open = last !== null && !last.resolved ? last : null;
  const waitingSince = an.waitingFrom >= 0 ? at[an.waitingFrom]! : null;
  let deadline: number | null = null;
  let limitAt: number | null = null;
  if (open && waitingSince !== null) {
    const rule = slaIndex(platformIndex(code[ix.starts[c]!]!), open.queryType);
    deadline = finite(addBusinessMs(waitingSince, sla.targetMs[rule]!, settings.schedule));
    limitAt = finite(addBusinessMs(waitingSince, sla.limitMs[rule]!, settings.schedule));
  }
  const exchanged = open ? open.messages : 0;
  return {
    clock: {
      caseKey: first.caseKey,
      cycleStart: open ? at[open.start]! : null,
      waitingSince,
      deadline,
      limitAt,
      exchanged,
      status: statusName(an.status),
      // Decision: "passes N exchanged messages" means more than N; a cycle already
      // escalated gets no further suggestion.
      escalationSuggested: open !== null && !open.escalated && exchanged > settings.escalationThreshold,
    },
    waitingFrom: an.waitingFrom,
    queryType: open ? queryTypeName(open.queryType) : null,
  };
}

const finite = (t: number): number | null => (Number.isFinite(t) ? t : null);

/** The clock of ONE case, from its records in any order. */
export function caseClock(caseRecords: readonly MessageRecord[], settings: Settings, now: number): CaseClock {
  void now; // The clock holds instants; "overdue" is the caller's comparison with its own now.
  if (caseRecords.length === 0) {
    return {
      caseKey: '',
      cycleStart: null,
      waitingSince: null,
      deadline: null,
      limitAt: null,
      exchanged: 0,
      status: null,
      escalationSuggested: false,
    };
  }
  return clockOf(indexOneCase(caseRecords), 0, newAnalysis(), settings, slaTable(settings)).clock;
}

/**
 * Cases whose current cycle is open with a customer waiting, most urgent first: overdue
 * before due, then by deadline (the most overdue first), then by waiting time and caseKey.
 * Decision: overdue means now > deadline (a reply at the deadline is still on time); a
 * schedule that never opens gives no deadline, and such cases sort last. A case whose
 * last message is more than OPEN_CASE_HORIZON_MS old is not listed, whatever history the
 * caller read, so the popup and the badge count the same cases.
 *
 * Every case is listed; `credited` says whether it belongs to `credit` (the agent whose
 * figures are shown) by the same rule as computeFigures (credit.ts), so the list and the
 * personal figures count the same cases.
 */
export function openCases(records: readonly MessageRecord[], settings: Settings, now: number, credit: CreditQuery = {}): OpenCase[] {
  return withScratch((scratch) => listOpenCases(records, settings, now, credit, scratch));
}

function listOpenCases(records: readonly MessageRecord[], settings: Settings, now: number, credit: CreditQuery, scratch: Scratch): OpenCase[] {
  const filter = senderFilter(credit);
  const ix = indexCases(records, filter, scratch);
  const { order, starts, cases } = ix;
  const an = newAnalysis();
  const sla = slaTable(settings);
  const out: OpenCase[] = [];
  const since = now - OPEN_CASE_HORIZON_MS;
  for (let c = 0; c < cases; c++) {
    if (ix.at[starts[c + 1]! - 1]! < since) continue;
    analyzeCase(ix, c, an);
    // Only a case whose last cycle is open with a customer waiting is listed: skip the
    // others before building their clock (most of a long history is resolved).
    const last = an.count > 0 ? an.cycles[an.count - 1]! : null;
    if (last === null || last.resolved || an.waitingFrom < 0) continue;
    const { clock, waitingFrom, queryType } = clockFrom(ix, c, an, settings, sla);
    if (clock.cycleStart === null || clock.waitingSince === null) continue;
    const first = records[order[starts[c]!]!]!;
    const waiting = records[order[waitingFrom]!]!;
    const owner = last.owner >= 0 ? records[order[last.owner]!]! : null;
    out.push({
      caseKey: clock.caseKey,
      platform: first.platform,
      rootId: first.rootId,
      customer: first.customer,
      waitingSince: clock.waitingSince,
      deadline: clock.deadline,
      limitAt: clock.limitAt,
      overdue: clock.deadline !== null && now > clock.deadline,
      exchanged: clock.exchanged,
      escalationSuggested: clock.escalationSuggested,
      permalink: waiting.permalink,
      text: waiting.text,
      queryType,
      status: clock.status,
      owner: owner && { sentBy: owner.sentBy, agent: owner.agent },
      credited: ownsCycle(ix, last, filter !== null),
    });
  }
  return out.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.deadline ?? Infinity) - (b.deadline ?? Infinity) ||
      a.waitingSince - b.waitingSince ||
      (a.caseKey < b.caseKey ? -1 : a.caseKey > b.caseKey ? 1 : 0),
  );
}
