/**
 * Whose figure is it? The one attribution rule of DESIGN §4, used by every personal figure
 * (computeFigures with `mine`/`agent`) and by the open-cases list, so their counts agree:
 *
 * - a reply, its response time and a first response belong to the reply's sender;
 * - a cycle (escalation, resolution time, tweets to resolve, FCR, sentiment recovery, an
 *   open cycle's first-response miss) and what still waits in it (a customer waiting past
 *   the deadline, an unanswered message) belong to the cycle's owner: the case's last brand
 *   message at or before the cycle's end (Cycle.owner, set by analyzeCase). A cycle no brand
 *   message touched yet is nobody's: it counts only in team figures.
 */
import type { MessageRecord } from '../schema/records';
import { CREDIT, type CaseIndex, type SenderFilter } from './cases';
import type { Cycle } from './cycles';

/** Whose figures: this browser's agent (`mine`), an agent by name, both, or the team (neither). */
export interface CreditQuery {
  /** Only this browser's agent: brand messages with sentBy === 'me'. */
  mine?: boolean;
  /** Only brand messages whose record.agent equals this (team reports). */
  agent?: string;
}

/** The brand messages a query credits; null = all of them (team figures). */
export function senderFilter({ mine, agent }: CreditQuery): SenderFilter {
  if (mine !== true && agent === undefined) return null;
  // Decision: `mine` and `agent` together mean both; a brand message with sentBy null is a teammate's.
  return (r: MessageRecord) => (mine !== true || r.sentBy === 'me') && (agent === undefined || r.agent === agent);
}

/** Does a cycle belong to the query? `ix` was built with the query's senderFilter (its CREDIT bits). */
export function ownsCycle(ix: CaseIndex, cy: Cycle, filtered: boolean): boolean {
  return !filtered || (cy.owner >= 0 && (ix.code[cy.owner]! & CREDIT) !== 0);
}
