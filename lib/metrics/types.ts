import type { Channel, Platform, QueryType, Sender, Status } from '../schema/taxonomy';
import type { CreditQuery } from './credit';
import type { DurationStats } from './stats';

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

/** One case whose current cycle is open with a customer waiting (popup list, toolbar badge). */
export interface OpenCase {
  caseKey: string;
  platform: Platform;
  rootId: string;
  customer: string;
  /** Oldest customer message not yet followed by a brand reply. */
  waitingSince: number;
  /** SLA target deadline (business time when a schedule is set); null if the schedule never opens. */
  deadline: number | null;
  limitAt: number | null;
  /** now > deadline. */
  overdue: boolean;
  exchanged: number;
  escalationSuggested: boolean;
  /** Of the oldest waiting customer message. */
  permalink: string;
  text: string;
  queryType: QueryType | null;
  /** Latest status set in the case. */
  status: Status | null;
  /** Who the case's open cycle belongs to (DESIGN §4: its last brand message so far); null when no brand message came yet. */
  owner: { sentBy: Sender | null; agent: string | null } | null;
  /** It belongs to the agent openCases was asked about (always true when it was asked about nobody). */
  credited: boolean;
}

export interface FigureQuery extends CreditQuery {
  /** ms epoch, half-open [from, to). */
  from: number;
  to: number;
  /** For open-cycle misses and the provisional FCR flag. */
  now: number;
  platform?: Platform;
  queryType?: QueryType;
  /** For per-day counts; default settings.schedule?.timeZone ?? the runtime's zone. */
  timeZone?: string;
}

/** A duration metric in calendar time and, when a schedule is set, in business time. */
export interface TimeMetric {
  calendar: DurationStats;
  /** null when no schedule is set. */
  business: DurationStats | null;
}

/** met ÷ total; rate null when total is 0. */
export interface Share {
  met: number;
  total: number;
  rate: number | null;
  /** Misses counted "now": customers still waiting past the deadline (included in total). */
  missedNow: number;
}

export interface Figures {
  period: { from: number; to: number; now: number; days: number; timeZone: string };
  replies: {
    count: number;
    /** Every local day of the period (zeros included) when it spans ≤ 1000 days, else only days with replies. */
    perDay: { day: string; count: number }[];
    perPlatform: Record<Platform, number>;
    perQueryType: Record<QueryType, number>;
    /** Replies whose cycle (or own tag) has no query type. */
    noQueryType: number;
    /** Replies with nobody waiting (follow-ups, proactive posts): no response time. */
    followUps: number;
  };
  /**
   * Messages of the period (in the query's cases) whose site time is only approximate
   * (Facebook's relative "2 h"): the timed figures (response, first-response and resolution
   * times, the SLA shares they judge) leave out every measurement that starts or ends at one.
   */
  approximateTimes: number;
  responseTime: TimeMetric;
  firstResponseTime: TimeMetric;
  resolutionTime: TimeMetric;
  tweetsToResolve: {
    count: number;
    mean: number | null;
    median: number | null;
    /** Resolved cycles needing 1, 2, 3, 4, 5+ messages (aligned with TWEET_BUCKETS). */
    distribution: number[];
    brandReplies: { mean: number | null; median: number | null };
  };
  fcr: {
    numerator: number;
    denominator: number;
    rate: number | null;
    /** Some counted first-contact resolution is less than 7 days old and could still be reopened. */
    provisional: boolean;
  };
  sentimentRecovery: {
    recovered: number;
    negativeStarts: number;
    rate: number | null;
    /** Resolved cycles left out because a needed sentiment is not set. */
    unknown: number;
  };
  sla: {
    firstResponse: { withinTarget: Share; withinLimit: Share };
    allReplies: { withinTarget: Share; withinLimit: Share };
  };
  escalation: {
    escalated: number;
    cycles: number;
    rate: number | null;
    byChannel: Record<Channel | 'unknown', number>;
  };
  replyRate: { answered: number; customerMessages: number; rate: number | null };
  /** null unless settings.cost is set. */
  cost: { hourly: number; hoursWorked: number; total: number; perResponse: number | null } | null;
}

/** A figure now and in the previous period of equal length. */
export interface Change {
  current: number | null;
  previous: number | null;
  /** current − previous (rates: in rate units, 0.05 = 5 points); null when either is null. */
  delta: number | null;
  /** delta ÷ previous; null when either is null or previous is 0. */
  relative: number | null;
}

export interface DurationChange {
  median: Change;
  p90: Change;
  mean: Change;
  count: Change;
}

export interface TimeChange {
  calendar: DurationChange;
  /** null when either period has no business figures. */
  business: DurationChange | null;
}

export interface FigureChanges {
  replies: Change;
  responseTime: TimeChange;
  firstResponseTime: TimeChange;
  resolutionTime: TimeChange;
  tweetsToResolve: { mean: Change; median: Change; brandRepliesMean: Change; brandRepliesMedian: Change };
  fcrRate: Change;
  sentimentRecoveryRate: Change;
  sla: {
    firstResponseWithinTarget: Change;
    firstResponseWithinLimit: Change;
    allRepliesWithinTarget: Change;
    allRepliesWithinLimit: Change;
  };
  escalationRate: Change;
  replyRate: Change;
  costPerResponse: Change;
}
