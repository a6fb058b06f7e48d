import { describe, expect, it } from 'vitest';
import { formatDay, parseDay } from '../../../lib/settings/week-hours';

describe("a day's opening hours as the settings form writes them", () => {
  it.each([
    ['', []],
    ['09:00–17:00', [['09:00', '17:00']]],
    ['9:00-17:30', [['09:00', '17:30']]],
    ['09:00 - 12:00, 13:00 — 17:00', [['09:00', '12:00'], ['13:00', '17:00']]],
    ['08:00-12:00; 16:00-24:00', [['08:00', '12:00'], ['16:00', '24:00']]],
  ])('reads "%s" as its spans', (text, spans) => {
    expect(parseDay(text, 6)).toEqual({ ok: true, spans: spans.map(([start, end]) => ({ day: 6, start, end })) });
  });

  it.each([['9 to 5', '9 to 5'], ['09:00–17:00, noon', 'noon'], ['0900-1700', '0900-1700']])('refuses "%s", naming "%s"', (text, bad) => {
    expect(parseDay(text, 1)).toEqual({ ok: false, bad });
  });

  it('writes back a day with two spans in opening order, and leaves other days out', () => {
    const week = [
      { day: 1, start: '13:00', end: '17:00' },
      { day: 2, start: '09:00', end: '17:00' },
      { day: 1, start: '09:00', end: '12:00' },
    ];
    expect(formatDay(week, 1)).toBe('09:00–12:00, 13:00–17:00');
    expect(formatDay(week, 0)).toBe('');
    const again = parseDay(formatDay(week, 1), 1);
    expect(again.ok && again.spans).toEqual([week[2], week[0]]);
  });
});
