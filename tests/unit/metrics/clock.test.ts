// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { caseClock, openCases } from '../../../lib/metrics';
import { at, conversation, HOUR, MIN, officeHours, settings } from './build';

describe('caseClock', () => {
  it('shows who is waiting since when, the deadline and the limit', () => {
    const records = conversation([
      ['customer', '10:00'],
      ['me', '10:05'],
      ['customer', '10:20', { status: 'pending' }],
      ['customer', '10:25'],
    ]);
    expect(caseClock(records, settings(), at('10:30'))).toEqual({
      caseKey: records[0]!.caseKey,
      cycleStart: at('10:00'),
      waitingSince: at('10:20'), // the oldest message not yet followed by a reply
      deadline: at('10:50'), // + 30 min target
      limitAt: at('10:20') + 24 * HOUR,
      exchanged: 4,
      status: 'pending',
      escalationSuggested: false,
    });
  });

  it('reads records in any order', () => {
    const records = conversation([['customer', '10:00'], ['me', '10:05'], ['customer', '10:20']]);
    expect(caseClock([...records].reverse(), settings(), at('10:30')).waitingSince).toBe(at('10:20'));
  });

  it('has nobody waiting after a reply, and no open cycle after a resolution', () => {
    const answered = conversation([['customer', '10:00'], ['me', '10:05']]);
    expect(caseClock(answered, settings(), at('11:00'))).toMatchObject({
      cycleStart: at('10:00'),
      waitingSince: null,
      deadline: null,
      exchanged: 2,
    });
    const resolved = conversation([['customer', '10:00'], ['me', '10:05', { status: 'resolved' }], ['me', '10:06']]);
    expect(caseClock(resolved, settings(), at('11:00'))).toMatchObject({
      cycleStart: null,
      waitingSince: null,
      exchanged: 0,
      status: 'resolved',
      escalationSuggested: false,
    });
  });

  it('has nobody waiting once a customer message resolves the cycle', () => {
    const records = conversation([['customer', '10:00'], ['me', '10:05'], ['customer', '10:20', { status: 'resolved' }]]);
    expect(caseClock(records, settings(), at('11:00'))).toMatchObject({ cycleStart: null, waitingSince: null, deadline: null });
    expect(openCases(records, settings(), at('11:00'))).toEqual([]);
  });

  it('sets the deadline in business time when a schedule is set', () => {
    const records = conversation([['customer', '2024-03-08 16:50']]); // Friday
    const clock = caseClock(records, settings({ schedule: officeHours('UTC') }), at('2024-03-08 17:00'));
    expect(clock.deadline).toBe(at('2024-03-11 09:20')); // 10 min Friday + 20 min Monday
  });

  it('uses the SLA override of the cycle query type', () => {
    const s = settings({
      sla: { targetMinutes: 30, limitHours: 24, overrides: [{ platform: null, queryType: 'complaint', targetMinutes: 10, limitHours: 2 }] },
    });
    const records = conversation([['customer', '10:00', { queryType: 'complaint' }]]);
    expect(caseClock(records, s, at('10:00'))).toMatchObject({ deadline: at('10:10'), limitAt: at('12:00') });
  });

  it.each([
    [4, false], // reaching the threshold (4) is not passing it
    [5, true],
  ])('with %d messages exchanged, suggests escalation: %s', (n, suggested) => {
    const steps = Array.from({ length: n }, (_, i) => [i % 2 ? 'me' : 'customer', `10:0${i}`] as ['me' | 'customer', string]);
    const clock = caseClock(conversation(steps), settings({ escalationThreshold: 4 }), at('11:00'));
    expect(clock.exchanged).toBe(n);
    expect(clock.escalationSuggested).toBe(suggested);
  });

  it('does not suggest escalation again once the cycle is escalated', () => {
    const records = conversation([
      ['customer', '10:00'],
      ['me', '10:01'],
      ['customer', '10:02'],
      ['me', '10:03', { status: 'escalated', channel: 'dm' }],
      ['customer', '10:04'],
    ]);
    expect(caseClock(records, settings(), at('11:00'))).toMatchObject({ exchanged: 5, escalationSuggested: false });
  });

  it('returns an empty clock for no records', () => {
    expect(caseClock([], settings(), 0)).toMatchObject({ cycleStart: null, waitingSince: null, exchanged: 0 });
  });
});

describe('openCases', () => {
  const now = at('10:30');
  const records = [
    ...conversation([['customer', '10:20', { text: 'due soon' }]], { customer: 'c' }), // deadline 10:50
    ...conversation([['customer', '08:00', { text: 'most overdue', queryType: 'complaint' }], ['customer', '08:05']], { customer: 'a' }), // 08:30
    ...conversation([['customer', '09:00'], ['me', '09:10'], ['customer', '09:50', { text: 'overdue' }]], { customer: 'b' }), // 10:20
    ...conversation([['customer', '09:00'], ['me', '09:10', { status: 'resolved' }]], { customer: 'resolved' }),
    ...conversation([['customer', '09:00'], ['me', '09:10']], { customer: 'answered' }),
    ...conversation([['customer', '09:00', { noReplyNeeded: true }]], { customer: 'no-reply-needed' }),
  ];

  it('lists cases with a customer waiting, overdue first, then by nearest deadline', () => {
    const list = openCases(records, settings(), now);
    expect(list.map((c) => [c.customer, c.overdue, c.deadline])).toEqual([
      ['a', true, at('08:30')],
      ['b', true, at('10:20')],
      ['c', false, at('10:50')],
    ]);
  });

  it('shows the oldest waiting message, the exchange count and the query type', () => {
    const [a, b] = openCases(records, settings(), now);
    expect(a).toMatchObject({
      platform: 'x',
      waitingSince: at('08:00'),
      text: 'most overdue',
      exchanged: 2,
      queryType: 'complaint',
      status: null,
      limitAt: at('08:00') + 24 * HOUR,
    });
    expect(a!.permalink).toBe(records.find((r) => r.text === 'most overdue')!.permalink);
    expect(b).toMatchObject({ waitingSince: at('09:50'), text: 'overdue', exchanged: 3, queryType: null });
    expect(b!.deadline! - b!.waitingSince).toBe(30 * MIN);
  });
});
