// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { computeFigures } from '../../../lib/metrics';
import type { MessageRecord } from '../../../lib/schema/records';
import { allTime, conversation, MIN, settings } from './build';

const approx = { atPrecision: 'approx' } as const satisfies Partial<MessageRecord>;
const figures = (records: MessageRecord[]) => computeFigures(records, settings(), allTime());

describe('messages with only an approximate time (Facebook "2 h")', () => {
  // An exact case (20 m) and a Facebook case whose customer comment shows only "2 h".
  const exact = conversation([
    ['customer', '10:00'],
    ['me', '10:20'],
  ]);
  const fuzzy = conversation(
    [
      ['customer', '11:00', approx],
      ['me', '11:05'],
      ['customer', '12:00'],
      ['me', '12:30', { status: 'resolved' }],
    ],
    { platform: 'facebook' },
  );

  it('leaves every wait that starts or ends at an approximate time out of the response times', () => {
    const f = figures([...exact, ...fuzzy]);
    // 10:00→10:20 and 12:00→12:30 are timed; 11:00(approx)→11:05 is not.
    expect(f.responseTime.calendar.count).toBe(2);
    expect(f.responseTime.calendar.mean).toBe(25 * MIN);
    expect(f.sla.allReplies.withinTarget.total).toBe(2);
  });

  it('leaves a first response and a resolution out when their cycle starts at an approximate time', () => {
    const f = figures(fuzzy);
    expect(f.firstResponseTime.calendar.count).toBe(0);
    expect(f.resolutionTime.calendar.count).toBe(0);
    expect(f.sla.firstResponse.withinTarget.total).toBe(0);
  });

  it('still counts the replies and says how many approximate messages it left out', () => {
    const f = figures([...exact, ...fuzzy]);
    expect(f.replies.count).toBe(3);
    expect(f.approximateTimes).toBe(1);
    expect(figures(exact).approximateTimes).toBe(0);
  });

  it('times the same case once Facebook’s exact time replaced the approximate one', () => {
    const exactAgain = fuzzy.map((r) => ({ ...r, atPrecision: 'exact' as const }));
    const f = figures(exactAgain);
    expect(f.responseTime.calendar.count).toBe(2);
    expect(f.firstResponseTime.calendar.median).toBe(5 * MIN);
    expect(f.resolutionTime.calendar.count).toBe(1);
    expect(f.approximateTimes).toBe(0);
  });
});
