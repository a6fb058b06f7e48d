// @vitest-environment node
/**
 * Properties that must hold on any data, checked on a seeded random data set: the worked
 * examples in the other files pin the numbers, these pin the bookkeeping.
 */
import { describe, expect, it } from 'vitest';
import { caseClock, computeFigures, openCases, type FigureQuery } from '../../../lib/metrics';
import type { MessageRecord } from '../../../lib/schema/records';
import { PLATFORMS, QUERY_TYPES, SENTIMENTS, type QueryType } from '../../../lib/schema/taxonomy';
import { at, conversation, MIN, officeHours, settings, type Step } from './build';

let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

function randomCase(): MessageRecord[] {
  const n = 1 + Math.floor(rnd() * 40); // some cases longer than the insertion-sort cut-off
  let t = at('2024-03-04 08:00') + Math.floor(rnd() * 14 * 24 * 60) * MIN;
  const steps: Step[] = [];
  for (let i = 0; i < n; i++) {
    t += Math.floor(rnd() * 600) * MIN * (rnd() < 0.1 ? 0 : 1); // some equal times
    const who = pick(['customer', 'customer', 'me', 'teammate'] as const);
    const r = rnd();
    steps.push([
      who,
      t,
      {
        status: r < 0.15 ? 'resolved' : r < 0.2 ? 'escalated' : r < 0.25 ? 'pending' : null,
        queryType: rnd() < 0.3 ? pick(QUERY_TYPES) : null,
        sentiment: who === 'customer' && rnd() < 0.7 ? pick(SENTIMENTS) : null,
        noReplyNeeded: who === 'customer' && rnd() < 0.05,
      },
    ]);
  }
  return conversation(steps, { platform: pick(PLATFORMS) });
}

const records = Array.from({ length: 300 }, randomCase).flat();
const shuffled = [...records].sort(() => rnd() - 0.5);
const s = settings({ schedule: officeHours('Europe/Bucharest') });
const query: FigureQuery = { from: at('2024-03-04 00:00'), to: at('2024-03-25 00:00'), now: at('2024-03-20 12:00'), timeZone: 'UTC' };

describe('on random data', () => {
  const f = computeFigures(records, s, query);

  it('does not depend on the order of the records', () => {
    expect(computeFigures(shuffled, s, query)).toEqual(f);
    expect(openCases(shuffled, s, query.now)).toEqual(openCases(records, s, query.now));
  });

  it('splits replies exactly by platform, query type and day', () => {
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(f.replies.count).toBeGreaterThan(100);
    expect(sum(Object.values(f.replies.perPlatform))).toBe(f.replies.count);
    expect(sum(Object.values(f.replies.perQueryType)) + f.replies.noQueryType).toBe(f.replies.count);
    expect(sum(f.replies.perDay.map((d) => d.count))).toBe(f.replies.count);
    for (const m of [f.responseTime, f.firstResponseTime, f.resolutionTime]) {
      expect(sum(m.calendar.buckets)).toBe(m.calendar.count);
      expect(m.business!.count).toBe(m.calendar.count);
      // Business time never exceeds calendar time.
      expect(m.business!.mean!).toBeLessThanOrEqual(m.calendar.mean!);
    }
    expect(sum(f.tweetsToResolve.distribution)).toBe(f.tweetsToResolve.count);
    expect(f.tweetsToResolve.count).toBe(f.resolutionTime.calendar.count);
  });

  it('adds up per platform and per query type to the whole', () => {
    const parts = [
      ...PLATFORMS.map((platform) => computeFigures(records, s, { ...query, platform })),
    ];
    const byType = [...QUERY_TYPES, null].map((queryType) =>
      queryType === null ? null : computeFigures(records, s, { ...query, queryType: queryType as QueryType }),
    );
    for (const key of ['replies', 'cycles', 'answered', 'timed'] as const) {
      const get = (x: typeof f) =>
        key === 'replies' ? x.replies.count : key === 'cycles' ? x.escalation.cycles : key === 'answered' ? x.replyRate.answered : x.sla.allReplies.withinTarget.total;
      expect(parts.reduce((a, x) => a + get(x), 0), key).toBe(get(f));
      expect(byType.reduce((a, x) => a + (x ? get(x) : 0), 0), key).toBeLessThanOrEqual(get(f));
    }
    expect(byType.reduce((a, x) => a + (x ? x.replies.count : 0), 0) + f.replies.noQueryType).toBe(f.replies.count);
  });

  it('gives "mine" a part of the team figures', () => {
    const mine = computeFigures(records, s, { ...query, mine: true });
    expect(mine.replies.count).toBeGreaterThan(0);
    expect(mine.replies.count).toBeLessThan(f.replies.count);
    expect(mine.escalation.cycles).toBeLessThanOrEqual(f.escalation.cycles);
    expect(mine.fcr.denominator).toBeLessThanOrEqual(f.fcr.denominator);
    expect(mine.replyRate.customerMessages).toBeLessThanOrEqual(f.replyRate.customerMessages);
  });

  it('lists as open exactly the cases whose clock shows someone waiting', () => {
    const byCase = new Map<string, MessageRecord[]>();
    for (const r of records) byCase.set(r.caseKey, [...(byCase.get(r.caseKey) ?? []), r]);
    const waiting = [...byCase.values()].filter((rs) => {
      const clock = caseClock(rs, s, query.now);
      return clock.cycleStart !== null && clock.waitingSince !== null;
    });
    expect(openCases(records, s, query.now)).toHaveLength(waiting.length);
  });
});
