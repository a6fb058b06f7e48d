import type { Status } from '../schema/taxonomy';

/** The live state of one case, for the clock in a customer message's bar. */
export interface CaseClock {
  caseKey: string;
  /** Start of the current cycle (first customer message after creation or resolution); null when no cycle is open. */
  cycleStart: number | null;
  /** Oldest customer message not yet followed by a brand reply (DESIGN §4); null when nobody waits. */
  waitingSince: number | null;
  /** When the waiting message passes the SLA target (business time when a schedule is set). */
  deadline: number | null;
  /** When it passes the SLA limit. */
  limitAt: number | null;
  /** Messages exchanged (customer and brand, public) in the current cycle. */
  exchanged: number;
  /** Latest status set in the case (by message time). */
  status: Status | null;
  /** The open cycle passed the escalation threshold without being resolved. */
  escalationSuggested: boolean;
}
