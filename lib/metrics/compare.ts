/**
 * Change against the previous period of equal length (DESIGN §4). The caller computes the
 * previous figures with from − (to − from) .. from and the same filters.
 */
import type { DurationStats } from './stats';
import type { Change, DurationChange, FigureChanges, Figures, TimeChange, TimeMetric } from './types';

export function change(current: number | null, previous: number | null): Change {
  const delta = current !== null && previous !== null ? current - previous : null;
  return {
    current,
    previous,
    delta,
    relative: delta !== null && previous !== 0 ? delta / previous! : null,
  };
}

function durationChange(a: DurationStats, b: DurationStats): DurationChange {
  return {
    median: change(a.median, b.median),
    p90: change(a.p90, b.p90),
    mean: change(a.mean, b.mean),
    count: change(a.count, b.count),
  };
}

function timeChange(a: TimeMetric, b: TimeMetric): TimeChange {
  return {
    calendar: durationChange(a.calendar, b.calendar),
    business: a.business && b.business ? durationChange(a.business, b.business) : null,
  };
}

export function compareFigures(current: Figures, previous: Figures): FigureChanges {
  const c = current;
  const p = previous;
  return {
    replies: change(c.replies.count, p.replies.count),
    responseTime: timeChange(c.responseTime, p.responseTime),
    firstResponseTime: timeChange(c.firstResponseTime, p.firstResponseTime),
    resolutionTime: timeChange(c.resolutionTime, p.resolutionTime),
    tweetsToResolve: {
      mean: change(c.tweetsToResolve.mean, p.tweetsToResolve.mean),
      median: change(c.tweetsToResolve.median, p.tweetsToResolve.median),
      brandRepliesMean: change(c.tweetsToResolve.brandReplies.mean, p.tweetsToResolve.brandReplies.mean),
      brandRepliesMedian: change(c.tweetsToResolve.brandReplies.median, p.tweetsToResolve.brandReplies.median),
    },
    fcrRate: change(c.fcr.rate, p.fcr.rate),
    sentimentRecoveryRate: change(c.sentimentRecovery.rate, p.sentimentRecovery.rate),
    sla: {
      firstResponseWithinTarget: change(c.sla.firstResponse.withinTarget.rate, p.sla.firstResponse.withinTarget.rate),
      firstResponseWithinLimit: change(c.sla.firstResponse.withinLimit.rate, p.sla.firstResponse.withinLimit.rate),
      allRepliesWithinTarget: change(c.sla.allReplies.withinTarget.rate, p.sla.allReplies.withinTarget.rate),
      allRepliesWithinLimit: change(c.sla.allReplies.withinLimit.rate, p.sla.allReplies.withinLimit.rate),
    },
    escalationRate: change(c.escalation.rate, p.escalation.rate),
    replyRate: change(c.replyRate.rate, p.replyRate.rate),
    costPerResponse: change(c.cost?.perResponse ?? null, p.cost?.perResponse ?? null),
  };
}

/** The previous period of equal length, for compareFigures. */
export function previousPeriod<Q extends { from: number; to: number }>(q: Q): Q {
  return { ...q, from: q.from - (q.to - q.from), to: q.from };
}
