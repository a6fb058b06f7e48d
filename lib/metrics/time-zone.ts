/**
 * UTC offsets of an IANA time zone, read from Intl twice per UTC day and cached, so that
 * metrics over a million messages make a few hundred Intl calls, not a million.
 *
 * A day whose two ends have different offsets holds a transition (DST change); its exact
 * instant is found by bisection to the second and cached too. (Assumes at most one offset
 * change per UTC day, true of every zone in current use.)
 */

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/**
 * Days 0 … DAY_CACHE − 1 (1970 to 2149) are cached in typed arrays, others in Maps: a Map
 * lookup per message is a measurable share of a million-message computation.
 */
export const DAY_CACHE = 65_536;
const UNKNOWN = Infinity;

interface Transition {
  at: number;
  before: number;
  after: number;
}

export class Zone {
  readonly name: string;
  private readonly dtf: Intl.DateTimeFormat;
  /** Offset (ms, local = utc + offset) per UTC day number; NaN when the day holds a transition. */
  private readonly days = new Map<number, number>();
  private readonly dayOffsets = new Float64Array(DAY_CACHE).fill(UNKNOWN);
  private readonly transitions = new Map<number, Transition>();

  constructor(name: string) {
    this.name = name;
    this.dtf = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  }

  /** Offset in ms at instant `t`: local wall-clock ms = t + offset(t). */
  offset(t: number): number {
    const h = Math.floor(t / DAY);
    let o: number | undefined;
    if (h >= 0 && h < DAY_CACHE) {
      o = this.dayOffsets[h]!;
      if (o === UNKNOWN) o = this.fillDay(h);
    } else {
      o = this.days.get(h);
      if (o === undefined) o = this.fillDay(h);
    }
    if (o === o) return o; // not NaN
    const tr = this.transitions.get(h)!;
    return t < tr.at ? tr.before : tr.after;
  }

  /** Local day number (days since 1970-01-01 in local wall-clock terms) of instant `t`. */
  localDay(t: number): number {
    return Math.floor((t + this.offset(t)) / DAY);
  }

  /**
   * The instant whose local wall-clock time is `wall` (ms since 1970-01-01 local).
   * Decision: like Temporal's 'compatible' disambiguation: a repeated wall time (autumn) takes the
   * earlier instant; a skipped one (spring) is pushed forward by the length of the gap.
   */
  toUtc(wall: number): number {
    const before = this.offset(wall - DAY);
    const after = this.offset(wall + DAY);
    if (before === after) return wall - before;
    const u1 = wall - before;
    const u2 = wall - after;
    const ok1 = u1 + this.offset(u1) === wall;
    const ok2 = u2 + this.offset(u2) === wall;
    if (ok1 && ok2) return Math.min(u1, u2);
    if (ok1) return u1;
    if (ok2) return u2;
    return u1; // in the gap: the offset before the change, i.e. later by the gap length
  }

  private fillDay(h: number): number {
    const start = h * DAY;
    const a = this.intlOffset(start);
    const b = this.intlOffset(start + DAY - 1000);
    if (a === b) {
      this.remember(h, a);
      return a;
    }
    // Bisect (to the second) for the first instant with the new offset.
    let lo = start; // offset a
    let hi = start + DAY - 1000; // offset b
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (this.intlOffset(mid) === a) lo = mid;
      else hi = mid;
    }
    this.transitions.set(h, { at: hi, before: a, after: b });
    this.remember(h, NaN);
    return NaN;
  }

  private remember(h: number, offset: number): void {
    if (h >= 0 && h < DAY_CACHE) this.dayOffsets[h] = offset;
    else this.days.set(h, offset);
  }

  private intlOffset(t: number): number {
    const s = Math.floor(t / 1000) * 1000;
    let year = 0;
    let month = 1;
    let day = 1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let bc = false;
    for (const p of this.dtf.formatToParts(s)) {
      switch (p.type) {
        case 'year': year = Number(p.value); break;
        case 'month': month = Number(p.value); break;
        case 'day': day = Number(p.value); break;
        case 'hour': hour = Number(p.value); break;
        case 'minute': minute = Number(p.value); break;
        case 'second': second = Number(p.value); break;
        case 'era': bc = p.value.startsWith('B'); break;
      }
    }
    const d = new Date(0);
    d.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
    d.setUTCHours(hour, minute, second, 0);
    return d.getTime() - s;
  }
}

const zones = new Map<string, Zone>();

/** One cached Zone per IANA name (the caches live as long as the page or worker). */
export function zone(name: string): Zone {
  let z = zones.get(name);
  if (!z) {
    z = new Zone(name);
    zones.set(name, z);
  }
  return z;
}

export function runtimeTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Labels made once (a day is ~30 bytes; a few thousand days at most): every figure lists its period's days. */
const labels = new Map<number, string>();
const MAX_LABELS = 100_000;

/** 'YYYY-MM-DD' of a local day number. */
export function dayLabel(day: number): string {
  let label = labels.get(day);
  if (label === undefined) {
    label = new Date(day * DAY).toISOString().slice(0, 10);
    if (labels.size < MAX_LABELS) labels.set(day, label);
  }
  return label;
}

/** Local day number of a 'YYYY-MM-DD' label. */
export function dayOfLabel(label: string): number {
  return Math.floor(Date.parse(`${label}T00:00:00Z`) / DAY);
}
