// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { computeFigures, type FigureQuery } from '../../../lib/metrics';
import type { MessageRecord, Settings } from '../../../lib/schema/records';
import { allTime, at, conversation, HOUR, MIN, officeHours, settings } from './build';

function figures(records: MessageRecord[], s: Settings = settings(), q: Partial<FigureQuery> = {}) {
  return computeFigures(records, s, { ...allTime(), ...q });
}

describe('replies and response time', () => {
  // customer 10:00 → me 10:20 (20 m) → me 10:25 (follow-up) → customer 11:00, 11:10 → teammate 12:00 (60 m from 11:00)
  const records = conversation([
    ['customer', '10:00'],
    ['me', '10:20'],
    ['me', '10:25'],
    ['customer', '11:00'],
    ['customer', '11:10'],
    ['teammate', '12:00'],
  ]);

  it('times each reply from the oldest customer message still waiting', () => {
    const f = figures(records);
    expect(f.replies.count).toBe(3);
    expect(f.responseTime.calendar.count).toBe(2);
    expect(f.responseTime.calendar.mean).toBe(40 * MIN); // (20 + 60) / 2
    expect(f.responseTime.calendar.median).toBe(40 * MIN);
    expect(f.responseTime.calendar.buckets).toEqual([0, 1, 0, 1, 0, 0, 0]); // 20 m, 60 m
  });

  it('counts a reply with nobody waiting as a follow-up, without a response time', () => {
    expect(figures(records).replies.followUps).toBe(1);
  });

  it("counts a teammate's reply for the case but not for mine", () => {
    const mine = figures(records, settings(), { mine: true });
    expect(mine.replies.count).toBe(2);
    expect(mine.responseTime.calendar.count).toBe(1);
    expect(mine.responseTime.calendar.median).toBe(20 * MIN);
    // The customer messages of 11:00 and 11:10 were answered by the teammate.
    expect(mine.replyRate).toEqual({ answered: 1, customerMessages: 1, rate: 1 });
    expect(figures(records).replyRate).toEqual({ answered: 3, customerMessages: 3, rate: 1 });
  });

  it('has no business figures without a schedule', () => {
    expect(figures(records).responseTime.business).toBeNull();
  });

  it('credits replies to the agent named on them (team reports)', () => {
    const ana = conversation([['customer', '10:00'], ['me', '10:05']], { agent: 'Ana' });
    const bo = conversation([['customer', '10:00'], ['me', '10:50']], { agent: 'Bo' });
    const f = figures([...ana, ...bo], settings(), { agent: 'Bo' });
    expect(f.replies.count).toBe(1);
    expect(f.responseTime.calendar.median).toBe(50 * MIN);
  });
});

describe('first response time', () => {
  it('is the first brand reply of the cycle minus the cycle start, credited to its sender', () => {
    const records = conversation([
      ['customer', '10:00'],
      ['customer', '10:05'],
      ['teammate', '10:40'],
      ['me', '10:45'],
    ]);
    expect(figures(records).firstResponseTime.calendar.median).toBe(40 * MIN);
    expect(figures(records, settings(), { mine: true }).firstResponseTime.calendar.count).toBe(0);
  });

  it('is not given for the first cycle of a case the brand started (proactive)', () => {
    const records = conversation([
      ['me', '09:00'], // the brand writes first
      ['customer', '09:30'],
      ['me', '09:50'],
    ]);
    const f = figures(records);
    expect(f.replies.count).toBe(2);
    expect(f.replies.followUps).toBe(1); // the 09:00 post: nobody was waiting
    expect(f.firstResponseTime.calendar.count).toBe(0);
    expect(f.sla.firstResponse.withinTarget.total).toBe(0);
    // The customer's 09:30 message still gets its response time.
    expect(f.responseTime.calendar.median).toBe(20 * MIN);
  });

  it('is given again when a proactive case is reopened', () => {
    const records = conversation([
      ['me', '09:00'],
      ['customer', '09:30'],
      ['me', '09:50', { status: 'resolved' }],
      ['customer', '2024-03-05 10:00'],
      ['me', '2024-03-05 10:10'],
    ]);
    const f = figures(records);
    expect(f.firstResponseTime.calendar.count).toBe(1);
    expect(f.firstResponseTime.calendar.median).toBe(10 * MIN);
  });
});

describe('messages marked "no reply needed"', () => {
  it('leave every metric', () => {
    const records = conversation([
      ['customer', '10:00', { noReplyNeeded: true, sentiment: 'negative', status: 'resolved' }],
      ['customer', '10:30', { sentiment: 'positive' }],
      ['me', '10:40', { status: 'resolved' }],
    ]);
    const f = figures(records);
    // The cycle starts at 10:30, not 10:00, and has 2 messages, not 3.
    expect(f.firstResponseTime.calendar.median).toBe(10 * MIN);
    expect(f.responseTime.calendar.median).toBe(10 * MIN);
    expect(f.resolutionTime.calendar.median).toBe(10 * MIN);
    expect(f.tweetsToResolve.median).toBe(2);
    expect(f.replyRate).toEqual({ answered: 1, customerMessages: 1, rate: 1 });
    // Its negative sentiment does not make the cycle a negative start.
    expect(f.sentimentRecovery.negativeStarts).toBe(0);
  });

  it('never wait, so never miss the SLA', () => {
    const records = conversation([['customer', '10:00', { noReplyNeeded: true }]]);
    const f = figures(records, settings(), { now: at('2024-03-10 00:00') });
    expect(f.sla.firstResponse.withinTarget.total).toBe(0);
    expect(f.sla.allReplies.withinTarget.total).toBe(0);
    expect(f.replyRate.rate).toBeNull();
    expect(f.escalation.cycles).toBe(0);
  });
});

describe('message order', () => {
  it('sorts a case by time whatever the input order', () => {
    const records = conversation([
      ['customer', '10:00'],
      ['me', '10:15'],
      ['customer', '10:30'],
      ['me', '11:00'],
    ]);
    const f = figures([...records].reverse());
    expect(f.responseTime.calendar.count).toBe(2);
    expect(f.responseTime.calendar.mean).toBe(22.5 * MIN); // (15 + 30) / 2
  });

  it('breaks ties on time by numeric id (a longer snowflake is later)', () => {
    // Same second: the customer's id 999 comes before the reply's id 1000 numerically,
    // though not as text. Read in the right order, the reply answers the customer.
    const [customer, reply] = conversation([
      ['customer', '10:00', { id: '999' }],
      ['me', '10:00', { id: '1000' }],
    ]);
    const f = figures([reply!, customer!]);
    expect(f.responseTime.calendar.count).toBe(1);
    expect(f.responseTime.calendar.median).toBe(0);
    expect(f.replies.followUps).toBe(0);
  });
});

describe('business time', () => {
  const office = settings({ schedule: officeHours('UTC') });

  it('counts 0 business ms for a message arriving and answered outside business hours', () => {
    // Saturday 2024-03-09
    const records = conversation([['customer', '2024-03-09 10:00'], ['me', '2024-03-09 11:00']]);
    const f = figures(records, office);
    expect(f.responseTime.calendar.median).toBe(HOUR);
    expect(f.responseTime.business!.median).toBe(0);
    expect(f.responseTime.business!.buckets[0]).toBe(1);
  });

  it('counts only opening hours across a weekend', () => {
    // Fri 16:50 → Mon 09:05: calendar 64 h 15 m; business Fri 10 m + Mon 5 m = 15 m.
    const records = conversation([['customer', '2024-03-08 16:50'], ['me', '2024-03-11 09:05']]);
    const f = figures(records, office);
    expect(f.responseTime.calendar.median).toBe(64 * HOUR + 15 * MIN);
    expect(f.responseTime.business!.median).toBe(15 * MIN);
    expect(f.firstResponseTime.business!.median).toBe(15 * MIN);
    // The deadline is 30 business minutes: Mon 09:20, so the 09:05 answer is on target.
    expect(f.sla.firstResponse.withinTarget).toMatchObject({ met: 1, total: 1 });
  });
});
