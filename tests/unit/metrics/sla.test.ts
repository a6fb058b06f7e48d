// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { computeFigures, slaRule, type FigureQuery } from '../../../lib/metrics';
import type { MessageRecord, Settings } from '../../../lib/schema/records';
import { allTime, at, conversation, HOUR, MIN, settings } from './build';

function figures(records: MessageRecord[], s: Settings = settings(), q: Partial<FigureQuery> = {}) {
  return computeFigures(records, s, { ...allTime(), ...q });
}

describe('first responses within target (30 min by default)', () => {
  it.each([
    ['an answer after 10 min', '10:10', 1],
    ['an answer exactly at the deadline', '10:30', 1],
    ['a late first answer', '10:31', 0],
  ])('counts %s: met %d of 1', (_label, replyAt, met) => {
    const f = figures(conversation([['customer', '10:00'], ['me', replyAt]]));
    expect(f.sla.firstResponse.withinTarget).toEqual({ met, total: 1, rate: met, missedNow: 0 });
  });

  it('counts a late first reply as a miss but within the 24 h limit', () => {
    const f = figures(conversation([['customer', '10:00'], ['me', '10:45']]));
    expect(f.sla.firstResponse.withinTarget.rate).toBe(0);
    expect(f.sla.firstResponse.withinLimit.rate).toBe(1);
  });

  it('counts an open cycle past its deadline as a miss now', () => {
    const records = conversation([['customer', '10:00']]);
    const f = figures(records, settings(), { now: at('11:00') });
    expect(f.sla.firstResponse.withinTarget).toEqual({ met: 0, total: 1, rate: 0, missedNow: 1 });
    expect(f.sla.allReplies.withinTarget).toEqual({ met: 0, total: 1, rate: 0, missedNow: 1 });
    // The 24 h limit has not passed yet.
    expect(f.sla.firstResponse.withinLimit.total).toBe(0);
  });

  it('does not count an open cycle before its deadline', () => {
    const f = figures(conversation([['customer', '10:00']]), settings(), { now: at('10:20') });
    expect(f.sla.firstResponse.withinTarget.total).toBe(0);
    expect(f.sla.firstResponse.withinTarget.rate).toBeNull();
  });

  it('counts an open cycle past its 24 h limit against the limit too', () => {
    const f = figures(conversation([['customer', '10:00']]), settings(), { now: at('2024-03-05 10:01') });
    expect(f.sla.firstResponse.withinLimit).toEqual({ met: 0, total: 1, rate: 0, missedNow: 1 });
  });
});

describe('all timed replies within target', () => {
  it('judges every reply with a response time, and a customer still waiting past the deadline', () => {
    const records = conversation([
      ['customer', '10:00'],
      ['me', '10:10'], // 10 m: met
      ['customer', '10:20'],
      ['me', '11:20'], // 60 m: missed
      ['me', '11:25'], // follow-up: not timed
      ['customer', '12:00'], // still waiting at 13:00: deadline 12:30 passed
    ]);
    const f = figures(records, settings(), { now: at('13:00') });
    expect(f.sla.allReplies.withinTarget).toEqual({ met: 1, total: 3, rate: 1 / 3, missedNow: 1 });
    expect(f.sla.allReplies.withinLimit).toEqual({ met: 2, total: 2, rate: 1, missedNow: 0 });
    // First response: only the 10:10 one.
    expect(f.sla.firstResponse.withinTarget).toEqual({ met: 1, total: 1, rate: 1, missedNow: 0 });
  });

  it('credits a miss now to whoever last replied in the case, and never to "mine" for untouched cases', () => {
    const handledByMe = conversation([['customer', '09:00'], ['me', '09:10'], ['customer', '10:00']]);
    const untouched = conversation([['customer', '10:00']]);
    const f = figures([...handledByMe, ...untouched], settings(), { now: at('12:00'), mine: true });
    // 09:10 met; 10:00 waiting in my case: miss now. The untouched case is nobody's yet.
    expect(f.sla.allReplies.withinTarget).toEqual({ met: 1, total: 2, rate: 0.5, missedNow: 1 });
    expect(f.sla.firstResponse.withinTarget).toEqual({ met: 1, total: 1, rate: 1, missedNow: 0 });
    const team = figures([...handledByMe, ...untouched], settings(), { now: at('12:00') });
    expect(team.sla.allReplies.withinTarget).toEqual({ met: 1, total: 3, rate: 1 / 3, missedNow: 2 });
    expect(team.sla.firstResponse.withinTarget).toEqual({ met: 1, total: 2, rate: 0.5, missedNow: 1 });
  });

  it('has no waiting customer once the cycle is resolved', () => {
    const records = conversation([
      ['customer', '10:00'],
      ['me', '10:10'],
      ['customer', '10:20', { status: 'resolved' }], // "thanks, works now"
    ]);
    const f = figures(records, settings(), { now: at('2024-03-05 12:00') });
    expect(f.sla.allReplies.withinTarget).toEqual({ met: 1, total: 1, rate: 1, missedNow: 0 });
  });
});

describe('SLA in business time', () => {
  const office = settings({
    schedule: { timeZone: 'UTC', week: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })), holidays: [] },
  });

  it('does not count the weekend against the target', () => {
    // Fri 16:50: 10 business minutes left on Friday, deadline Mon 09:20.
    const f = figures(conversation([['customer', '2024-03-08 16:50']]), office, { now: at('2024-03-11 09:15') });
    expect(f.sla.firstResponse.withinTarget.total).toBe(0);
    const later = figures(conversation([['customer', '2024-03-08 16:50']]), office, { now: at('2024-03-11 09:21') });
    expect(later.sla.firstResponse.withinTarget.missedNow).toBe(1);
  });

  it('counts a reply after closing time that used exactly the target as late (deadline is closing time)', () => {
    // 16:30 + 30 business minutes = 17:00; a reply at 17:30 is after the deadline.
    const f = figures(conversation([['customer', '16:30'], ['me', '17:30']]), office);
    expect(f.responseTime.business!.median).toBe(30 * MIN);
    expect(f.sla.firstResponse.withinTarget.met).toBe(0);
  });
});

describe('SLA overrides per platform and query type', () => {
  const s = settings({
    sla: {
      targetMinutes: 30,
      limitHours: 24,
      overrides: [
        { platform: 'facebook', queryType: null, targetMinutes: 60, limitHours: 48 },
        { platform: null, queryType: 'complaint', targetMinutes: 10, limitHours: 4 },
        { platform: 'facebook', queryType: 'complaint', targetMinutes: 120, limitHours: 72 },
      ],
    },
  });

  it.each([
    ['x', 'complaint', 10, 4], // query type only
    ['facebook', 'complaint', 120, 72], // both match: most specific
    ['facebook', 'feedback', 60, 48], // platform only
    ['facebook', null, 60, 48],
    ['x', 'feedback', 30, 24], // defaults
    ['x', null, 30, 24],
  ] as const)('uses for %s / %s a target of %d min and a limit of %d h', (platform, queryType, target, limit) => {
    expect(slaRule(s, platform, queryType)).toEqual({ targetMs: target * MIN, limitMs: limit * HOUR });
  });

  it('prefers a query-type override to a platform override', () => {
    const two = settings({
      sla: {
        targetMinutes: 30,
        limitHours: 24,
        overrides: [
          { platform: 'facebook', queryType: null, targetMinutes: 60, limitHours: 48 },
          { platform: null, queryType: 'complaint', targetMinutes: 10, limitHours: 4 },
        ],
      },
    });
    expect(slaRule(two, 'facebook', 'complaint')).toEqual({ targetMs: 10 * MIN, limitMs: 4 * HOUR });
  });

  it("judges a cycle by its first customer message's query type", () => {
    // A Facebook complaint answered after 100 min: within the 120 min override.
    const fb = conversation(
      [['customer', '10:00', { queryType: 'complaint' }], ['me', '11:40']],
      { platform: 'facebook' },
    );
    // An X complaint answered after 15 min: over its 10 min target.
    const x = conversation([['customer', '10:00'], ['customer', '10:01', { queryType: 'complaint' }], ['me', '10:15']]);
    const f = figures([...fb, ...x], s);
    expect(f.sla.firstResponse.withinTarget).toMatchObject({ met: 1, total: 2 });
  });
});
