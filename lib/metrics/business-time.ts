/**
 * Business time (DESIGN §4): only the team's opening hours count, in the team's time zone,
 * minus holidays. Each local day's opening intervals are computed once (as UTC instants,
 * so DST days are 23 or 25 hours long as they really are) and cached per schedule.
 */
import type { Schedule } from '../schema/records';
import { DAY, DAY_CACHE, MINUTE, zone, type Zone } from './time-zone';

interface Day {
  /** Opening intervals as UTC instants, flat [start0, end0, start1, end1, …], sorted, disjoint. */
  iv: number[];
  total: number;
}

const CLOSED: Day = { iv: [], total: 0 };

/** Give up looking for an opening after this many closed days in a row (≈ 10 years). */
const MAX_CLOSED_DAYS = 3660;

export class BusinessCalendar {
  readonly zone: Zone;
  /** Merged opening spans per weekday (0 = Sunday), in minutes after local midnight. */
  private readonly week: number[][];
  private readonly holidays: Set<string>;
  /** Days 0 … DAY_CACHE − 1 by index (a holey array, allocated once), others in a Map. */
  private readonly dayList: (Day | undefined)[] = new Array<Day | undefined>(DAY_CACHE);
  private readonly days = new Map<number, Day>();
  readonly everOpen: boolean;

  constructor(schedule: Schedule) {
    this.zone = zone(schedule.timeZone);
    this.holidays = new Set(schedule.holidays);
    this.week = [[], [], [], [], [], [], []];
    for (let d = 0; d < 7; d++) {
      const spans = schedule.week
        .filter((s) => s.day === d)
        .map((s) => [minutes(s.start), minutes(s.end)] as const)
        .filter(([a, b]) => b > a)
        .sort((x, y) => x[0] - y[0]);
      // Overlapping or touching spans are merged so no minute counts twice.
      const merged: number[] = [];
      for (const [a, b] of spans) {
        const n = merged.length;
        if (n && a <= merged[n - 1]!) merged[n - 1] = Math.max(merged[n - 1]!, b);
        else merged.push(a, b);
      }
      this.week[d] = merged;
    }
    this.everOpen = this.week.some((w) => w.length > 0);
  }

  day(d: number): Day {
    const cached = d >= 0 && d < DAY_CACHE;
    let info = cached ? this.dayList[d] : this.days.get(d);
    if (info) return info;
    const weekday = (((d + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    const spans = this.week[weekday]!;
    if (!spans.length || (this.holidays.size && this.holidays.has(new Date(d * DAY).toISOString().slice(0, 10)))) {
      info = CLOSED;
    } else {
      const iv: number[] = [];
      let total = 0;
      const midnight = d * DAY;
      for (let i = 0; i < spans.length; i += 2) {
        const a = this.zone.toUtc(midnight + spans[i]! * MINUTE);
        const b = this.zone.toUtc(midnight + spans[i + 1]! * MINUTE);
        // A span inside a DST gap can collapse; a span over a fold is longer. Keep it monotone.
        const lo = iv.length ? Math.max(a, iv[iv.length - 1]!) : a;
        if (b > lo) {
          iv.push(lo, b);
          total += b - lo;
        }
      }
      info = { iv, total };
    }
    if (cached) this.dayList[d] = info;
    else this.days.set(d, info);
    return info;
  }

  /** Business ms in [start, end). */
  between(start: number, end: number): number {
    if (!(end > start)) return 0;
    const z = this.zone;
    const d0 = z.localDay(start);
    const d1 = z.localDay(end);
    let sum = 0;
    for (let d = d0; d <= d1; d++) {
      const info = this.day(d);
      if (d > d0 && d < d1) {
        sum += info.total;
        continue;
      }
      const iv = info.iv;
      for (let i = 0; i < iv.length; i += 2) {
        const a = iv[i]! > start ? iv[i]! : start;
        const b = iv[i + 1]! < end ? iv[i + 1]! : end;
        if (b > a) sum += b - a;
      }
    }
    return sum;
  }

  /** The first instant t ≥ start with `ms` business ms in [start, t); Infinity if the calendar never opens. */
  add(start: number, ms: number): number {
    if (!(ms > 0)) return start;
    if (!this.everOpen) return Infinity;
    let remaining = ms;
    let closedRun = 0;
    for (let d = this.zone.localDay(start); ; d++) {
      const info = this.day(d);
      if (info.total === 0) {
        if (++closedRun > MAX_CLOSED_DAYS) return Infinity;
        continue;
      }
      closedRun = 0;
      const iv = info.iv;
      for (let i = 0; i < iv.length; i += 2) {
        const b = iv[i + 1]!;
        if (b <= start) continue;
        const from = iv[i]! > start ? iv[i]! : start;
        const avail = b - from;
        if (remaining <= avail) return from + remaining;
        remaining -= avail;
      }
    }
  }
}

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * Calendars are cached per schedule object: treat a Schedule as immutable (settings are
 * replaced, not edited in place, so a new object simply gets a new cache).
 */
const calendars = new WeakMap<Schedule, BusinessCalendar>();

export function calendarFor(schedule: Schedule): BusinessCalendar {
  let c = calendars.get(schedule);
  if (!c) {
    c = new BusinessCalendar(schedule);
    calendars.set(schedule, c);
  }
  return c;
}

/** Business ms between two instants; plain calendar ms when there is no schedule. Never negative. */
export function businessMs(start: number, end: number, schedule: Schedule | null): number {
  if (!schedule) return end > start ? end - start : 0;
  return calendarFor(schedule).between(start, end);
}

/**
 * Decision: the deadline is the instant when `ms` business ms have passed since `start` (the earliest such instant:
 * a deadline that falls at closing time is closing time, not the next opening). Calendar
 * addition when there is no schedule; Infinity when the schedule has no opening hours.
 */
export function addBusinessMs(start: number, ms: number, schedule: Schedule | null): number {
  if (!schedule) return start + ms;
  return calendarFor(schedule).add(start, ms);
}
