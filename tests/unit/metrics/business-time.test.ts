// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { addBusinessMs, businessMs } from '../../../lib/metrics';
import type { Schedule } from '../../../lib/schema/records';
import { at, HOUR, MIN, officeHours } from './build';

const utcOffice = officeHours('UTC');

describe('businessMs without a schedule', () => {
  it('is plain calendar time', () => {
    expect(businessMs(at('10:00'), at('12:30'), null)).toBe(150 * MIN);
    expect(addBusinessMs(at('10:00'), 30 * MIN, null)).toBe(at('10:30'));
  });

  it('is never negative', () => {
    expect(businessMs(at('12:00'), at('10:00'), null)).toBe(0);
    expect(businessMs(at('12:00'), at('10:00'), utcOffice)).toBe(0);
  });
});

describe('businessMs with office hours (Mon–Fri 09:00–17:00)', () => {
  it.each([
    ['inside one morning', '2024-03-04 10:00', '2024-03-04 11:00', 60 * MIN],
    ['a message before opening, answered after', '2024-03-04 08:00', '2024-03-04 09:20', 20 * MIN],
    ['a message arriving and answered after closing', '2024-03-04 18:00', '2024-03-04 20:00', 0],
    ['a message arriving and answered on Saturday', '2024-03-09 10:00', '2024-03-09 12:00', 0],
    // Fri 16:00–17:00 (1 h) + Mon 09:00–10:00 (1 h)
    ['across a weekend', '2024-03-08 16:00', '2024-03-11 10:00', 2 * HOUR],
    // Mon 10:00–17:00 (7 h) + Tue 09:00–17:00 (8 h) + Wed 09:00–10:00 (1 h)
    ['across two nights', '2024-03-04 10:00', '2024-03-06 10:00', 16 * HOUR],
  ])('counts %s', (_label, start, end, expected) => {
    expect(businessMs(at(start), at(end), utcOffice)).toBe(expected);
  });

  it('skips a holiday (Monday 2024-03-11 closed)', () => {
    const schedule = officeHours('UTC', ['2024-03-11']);
    // Fri 16:00–17:00 (1 h) + Tue 09:00–10:00 (1 h); Monday counts nothing.
    expect(businessMs(at('2024-03-08 16:00'), at('2024-03-12 10:00'), schedule)).toBe(2 * HOUR);
  });

  it('reads opening hours in the schedule time zone', () => {
    const bucharest = officeHours('Europe/Bucharest'); // UTC+2 in March before the change
    // 07:30Z–08:00Z is 09:30–10:00 in Bucharest: open. 06:00Z–07:00Z is 08:00–09:00: closed.
    expect(businessMs(at('2024-03-04 07:30'), at('2024-03-04 08:00'), bucharest)).toBe(30 * MIN);
    expect(businessMs(at('2024-03-04 06:00'), at('2024-03-04 07:00'), bucharest)).toBe(0);
  });

  it('merges overlapping spans of one day instead of counting them twice', () => {
    const schedule: Schedule = {
      timeZone: 'UTC',
      week: [
        { day: 1, start: '09:00', end: '12:00' },
        { day: 1, start: '11:00', end: '13:00' },
        { day: 1, start: '14:00', end: '18:00' },
      ],
      holidays: [],
    };
    // 09:00–13:00 (4 h) + 14:00–18:00 (4 h)
    expect(businessMs(at('2024-03-04 00:00'), at('2024-03-05 00:00'), schedule)).toBe(8 * HOUR);
  });

  it('treats 24:00 as the end of the day', () => {
    const schedule: Schedule = { timeZone: 'UTC', week: [{ day: 1, start: '20:00', end: '24:00' }], holidays: [] };
    expect(businessMs(at('2024-03-04 22:00'), at('2024-03-05 02:00'), schedule)).toBe(2 * HOUR);
  });
});

describe('business time across a DST change', () => {
  const everyDay = (timeZone: string, start: string, end: string): Schedule => ({
    timeZone,
    week: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start, end })),
    holidays: [],
  });

  it('counts the 23-hour spring day as 23 hours (Europe/Bucharest, 2024-03-31)', () => {
    const allDay = everyDay('Europe/Bucharest', '00:00', '24:00');
    // Sat 12:00 EET (+02) to Sun 12:00 EEST (+03): clocks skip 03:00–04:00.
    const start = at('2024-03-30T12:00+02:00');
    const end = at('2024-03-31T12:00+03:00');
    expect(end - start).toBe(23 * HOUR);
    expect(businessMs(start, end, allDay)).toBe(23 * HOUR);
  });

  it('counts the 25-hour autumn day as 25 hours (Europe/Bucharest, 2024-10-27)', () => {
    const allDay = everyDay('Europe/Bucharest', '00:00', '24:00');
    const start = at('2024-10-26T12:00+03:00');
    const end = at('2024-10-27T12:00+02:00');
    expect(businessMs(start, end, allDay)).toBe(25 * HOUR);
  });

  it('opens at 09:00 local time on the day clocks spring forward (America/New_York, 2024-03-10)', () => {
    const daily = everyDay('America/New_York', '09:00', '17:00');
    // Sat 16:00 EST → Sun 10:00 EDT: Sat 16:00–17:00 (1 h) + Sun 09:00–10:00 EDT (1 h).
    // A fixed EST offset would open Sunday at 10:00 EDT and count only 1 h.
    const start = at('2024-03-09T16:00-05:00');
    const end = at('2024-03-10T10:00-04:00');
    expect(end - start).toBe(17 * HOUR);
    expect(businessMs(start, end, daily)).toBe(2 * HOUR);
    // And the deadline of a 60-minute target set at Sat 16:30 lands Sun 09:30 EDT.
    expect(addBusinessMs(at('2024-03-09T16:30-05:00'), 60 * MIN, daily)).toBe(at('2024-03-10T09:30-04:00'));
  });

  it('counts nothing for a span that falls in the skipped hour', () => {
    const gap: Schedule = { timeZone: 'Europe/Bucharest', week: [{ day: 0, start: '03:00', end: '04:00' }], holidays: [] };
    expect(businessMs(at('2024-03-30T22:00Z'), at('2024-03-31T06:00Z'), gap)).toBe(0);
    // The week after, the same span is a normal hour.
    expect(businessMs(at('2024-04-06T22:00Z'), at('2024-04-07T06:00Z'), gap)).toBe(HOUR);
  });
});

describe('addBusinessMs (deadlines)', () => {
  it.each([
    ['inside opening hours', '2024-03-04 10:00', 30, '2024-03-04 10:30'],
    ['late on Friday, carried over the weekend', '2024-03-08 16:45', 30, '2024-03-11 09:15'],
    ['on Saturday, from Monday opening', '2024-03-09 12:00', 30, '2024-03-11 09:30'],
    ['reaching the target exactly at closing time', '2024-03-04 16:30', 30, '2024-03-04 17:00'],
    ['before opening', '2024-03-04 07:00', 30, '2024-03-04 09:30'],
  ])('sets the deadline of a message %s', (_label, start, minutes, deadline) => {
    expect(addBusinessMs(at(start), minutes * MIN, utcOffice)).toBe(at(deadline));
  });

  it('is the inverse of businessMs', () => {
    const start = at('2024-03-07 15:10');
    const deadline = addBusinessMs(start, 5 * HOUR, utcOffice);
    expect(deadline).toBe(at('2024-03-08 12:10')); // Thu 1 h 50 m + Fri 3 h 10 m
    expect(businessMs(start, deadline, utcOffice)).toBe(5 * HOUR);
  });

  it('returns Infinity when the schedule never opens', () => {
    const closed: Schedule = { timeZone: 'UTC', week: [], holidays: [] };
    expect(addBusinessMs(at('10:00'), MIN, closed)).toBe(Infinity);
    expect(businessMs(at('10:00'), at('12:00'), closed)).toBe(0);
  });
});
