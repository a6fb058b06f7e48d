// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { compareFigures, computeFigures, previousPeriod, type FigureQuery } from '../../../lib/metrics';
import type { MessageRecord, Settings } from '../../../lib/schema/records';
import { allTime, at, conversation, DAY_MS, HOUR, MIN, settings } from './build';

function figures(records: MessageRecord[], s: Settings = settings(), q: Partial<FigureQuery> = {}) {
  return computeFigures(records, s, { ...allTime(), ...q });
}

describe('on empty data', () => {
  const f = computeFigures([], settings({ cost: { hourly: 20, weeklyHours: 40 } }), {
    from: at('2024-03-04 00:00'),
    to: at('2024-03-11 00:00'),
    now: at('2024-03-11 00:00'),
    timeZone: 'UTC',
  });

  it('gives null rates and null statistics, never NaN', () => {
    expect(f.fcr.rate).toBeNull();
    expect(f.sentimentRecovery.rate).toBeNull();
    expect(f.escalation.rate).toBeNull();
    expect(f.replyRate.rate).toBeNull();
    expect(f.sla.firstResponse.withinTarget.rate).toBeNull();
    expect(f.sla.allReplies.withinLimit.rate).toBeNull();
    expect(f.responseTime.calendar).toEqual({ count: 0, median: null, p90: null, mean: null, buckets: [0, 0, 0, 0, 0, 0, 0] });
    expect(f.tweetsToResolve).toMatchObject({ count: 0, mean: null, median: null });
    expect(f.cost?.perResponse).toBeNull();
    expect(JSON.stringify(f)).not.toContain('NaN');
  });

  it('still lists every day of the period', () => {
    expect(f.replies.perDay).toHaveLength(7);
    expect(f.replies.perDay[0]).toEqual({ day: '2024-03-04', count: 0 });
  });
});

describe('filters', () => {
  const records = [
    ...conversation([['customer', '10:00', { queryType: 'complaint' }], ['me', '10:10']], { platform: 'x' }),
    ...conversation([['customer', '10:00'], ['me', '10:20', { queryType: 'feedback' }]], { platform: 'x' }),
    ...conversation([['customer', '10:00', { queryType: 'complaint' }], ['me', '10:40']], { platform: 'facebook' }),
    ...conversation([['customer', '10:00'], ['teammate', '10:50']], { platform: 'facebook' }),
  ];

  it('counts replies per platform and per query type (the cycle\'s, else the first tagged message\'s)', () => {
    const f = figures(records);
    expect(f.replies.perPlatform).toEqual({ x: 2, facebook: 2 });
    expect(f.replies.perQueryType).toMatchObject({ complaint: 2, feedback: 1, other: 0 });
    expect(f.replies.noQueryType).toBe(1);
  });

  it('gives a resolved cycle the query type of its first tagged message when no customer message has one', () => {
    const resolved = conversation([
      ['customer', '10:00'],
      ['me', '10:10', { queryType: 'technical_question' }],
      ['me', '10:20', { status: 'resolved', queryType: 'other' }],
    ]);
    const f = figures(resolved, settings(), { queryType: 'technical_question' });
    expect(f.resolutionTime.calendar.median).toBe(20 * MIN);
    expect(f.replies.count).toBe(2);
  });

  it.each<[string, Partial<FigureQuery>, number, number]>([
    // [label, filter, replies, mean response time in minutes]
    ['no filter', {}, 4, 30], // (10 + 20 + 40 + 50) / 4
    ['platform x', { platform: 'x' }, 2, 15],
    ['platform facebook', { platform: 'facebook' }, 2, 45],
    ['query type complaint', { queryType: 'complaint' }, 2, 25],
    ['complaints on facebook', { platform: 'facebook', queryType: 'complaint' }, 1, 40],
    ['mine', { mine: true }, 3, 70 / 3],
    ['mine on facebook', { mine: true, platform: 'facebook' }, 1, 40],
  ])('%s', (_label, q, replies, meanMinutes) => {
    const f = figures(records, settings(), q);
    expect(f.replies.count).toBe(replies);
    expect(f.responseTime.calendar.mean! / MIN).toBeCloseTo(meanMinutes, 9);
  });
});

describe('periods', () => {
  it('puts each event in the period of the time that completes it', () => {
    // The period is Tuesday 2024-03-05. The cycle starts Monday 23:00 and is answered and
    // resolved on Tuesday.
    const records = conversation([
      ['customer', '2024-03-04 23:00'],
      ['me', '2024-03-05 00:30', { status: 'resolved' }],
      ['customer', '2024-03-05 23:50'], // reopens Tuesday, answered Wednesday
      ['me', '2024-03-06 00:10'],
    ]);
    const tuesday = { from: at('2024-03-05 00:00'), to: at('2024-03-06 00:00'), now: at('2024-03-07 00:00') };
    const f = figures(records, settings(), tuesday);
    expect(f.replies.count).toBe(1); // by reply time
    expect(f.responseTime.calendar.median).toBe(90 * MIN); // answered Tuesday: counted
    expect(f.firstResponseTime.calendar.count).toBe(1); // cycle 1's (Tuesday); cycle 2's is on Wednesday
    expect(f.resolutionTime.calendar.median).toBe(90 * MIN); // resolved Tuesday
    expect(f.escalation.cycles).toBe(1); // by cycle start: cycle 2 only
    expect(f.replyRate).toEqual({ answered: 1, customerMessages: 1, rate: 1 }); // by customer message time
  });

  it('counts replies per local day in the chosen time zone', () => {
    const records = conversation([
      ['customer', '2024-03-04 21:00'],
      ['me', '2024-03-04 21:30'], // 23:30 in Bucharest: Monday
      ['me', '2024-03-04 22:30'], // 00:30 in Bucharest: Tuesday
      ['me', '2024-03-05 23:30'], // 01:30 Wednesday in Bucharest
    ]);
    const q = { from: at('2024-03-03T22:00Z'), to: at('2024-03-06T22:00Z'), timeZone: 'Europe/Bucharest' };
    expect(figures(records, settings(), q).replies.perDay).toEqual([
      { day: '2024-03-04', count: 1 },
      { day: '2024-03-05', count: 1 },
      { day: '2024-03-06', count: 1 },
    ]);
    // The same replies in UTC: two on Monday, one on Tuesday.
    const utc = { from: at('2024-03-04 00:00'), to: at('2024-03-06 00:00'), timeZone: 'UTC' };
    expect(figures(records, settings(), utc).replies.perDay).toEqual([
      { day: '2024-03-04', count: 2 },
      { day: '2024-03-05', count: 1 },
    ]);
  });

  it('defaults the per-day time zone to the schedule', () => {
    const s = settings({ schedule: { timeZone: 'Asia/Tokyo', week: [], holidays: [] } });
    const f = computeFigures([], s, { from: 0, to: DAY_MS, now: DAY_MS });
    expect(f.period.timeZone).toBe('Asia/Tokyo');
  });
});

describe('cost per response', () => {
  it('is hourly cost × hours worked in the period ÷ replies', () => {
    const records = Array.from({ length: 10 }, (_, i) =>
      conversation([['customer', `1${i}:00`], ['me', `1${i}:05`]]),
    ).flat();
    const week = { from: at('2024-03-04 00:00'), to: at('2024-03-11 00:00') };
    const f = figures(records, settings({ cost: { hourly: 20, weeklyHours: 40 } }), week);
    // 40 h in 7 days × 20 = 800; ÷ 10 replies = 80
    expect(f.cost).toEqual({ hourly: 20, hoursWorked: 40, total: 800, perResponse: 80 });
  });

  it('is null unless a cost is set', () => {
    expect(figures(conversation([['customer', '10:00'], ['me', '10:05']])).cost).toBeNull();
  });
});

describe('change against the previous period', () => {
  // Week 1 (2024-02-26 .. 03-04): 2 replies after 60 m. Week 2 (03-04 .. 03-11): 4 replies after 15 m, one FCR.
  const records = [
    ...conversation([['customer', '2024-02-27 10:00'], ['me', '2024-02-27 11:00']]),
    ...conversation([['customer', '2024-02-28 10:00'], ['me', '2024-02-28 11:00']]),
    ...[4, 5, 6].flatMap((d) => conversation([['customer', `2024-03-0${d} 10:00`], ['me', `2024-03-0${d} 10:15`]])),
    ...conversation([['customer', '2024-03-07 10:00'], ['me', '2024-03-07 10:15', { status: 'resolved' }]]),
  ];
  const current = { from: at('2024-03-04 00:00'), to: at('2024-03-11 00:00'), now: at('2024-03-20 00:00'), timeZone: 'UTC' };

  it('compares with the period of equal length just before', () => {
    expect(previousPeriod(current)).toMatchObject({ from: at('2024-02-26 00:00'), to: at('2024-03-04 00:00') });
    const changes = compareFigures(
      computeFigures(records, settings(), current),
      computeFigures(records, settings(), previousPeriod(current)),
    );
    expect(changes.replies).toEqual({ current: 4, previous: 2, delta: 2, relative: 1 });
    expect(changes.responseTime.calendar.median).toEqual({
      current: 15 * MIN,
      previous: HOUR,
      delta: -45 * MIN,
      relative: -0.75,
    });
    // No resolved cycle in the previous week: no FCR rate to compare with.
    expect(changes.fcrRate).toEqual({ current: 1, previous: null, delta: null, relative: null });
    expect(changes.responseTime.business).toBeNull();
  });
});
