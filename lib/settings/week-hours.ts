import type { Schedule } from '../schema/records';

/**
 * The settings form writes a day's opening hours as text ("09:00–12:00, 13:00–17:00"), so a
 * schedule with several spans a day, or other hours on Saturday, survives a save. The form
 * used to keep one span for every open day and flattened such schedules (e.g. one imported
 * from a team settings file) on the next save.
 */

export type Span = Schedule['week'][number];

const SPAN = /^(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})$/;
const pad = (h: string) => h.padStart(2, '0');

/** One day's spans as the form shows them, in the order of their opening. */
export function formatDay(week: readonly Span[], day: number): string {
  return week
    .filter((s) => s.day === day)
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((s) => `${s.start}–${s.end}`)
    .join(', ');
}

export type ParsedDay = { ok: true; spans: Span[] } | { ok: false; bad: string };

/**
 * A day's text into spans: empty means closed; each span is "HH:MM–HH:MM" (hyphen or dash),
 * separated by commas or semicolons. Range checks (00:00–24:00, closing after opening) are the
 * settings schema's, so the form and an imported file are judged by one rule.
 */
export function parseDay(text: string, day: number): ParsedDay {
  const spans: Span[] = [];
  for (const part of text.split(/[,;]/).map((p) => p.trim()).filter(Boolean)) {
    const m = SPAN.exec(part);
    if (!m) return { ok: false, bad: part };
    spans.push({ day, start: `${pad(m[1]!)}:${m[2]}`, end: `${pad(m[3]!)}:${m[4]}` });
  }
  return { ok: true, spans };
}

/** Monday first, as the form lists the days. */
export const FORM_WEEKDAYS = [1, 2, 3, 4, 5, 6, 0] as const;

/** What a new schedule starts from: Monday to Friday, nine to five. */
export const DEFAULT_DAY_HOURS: readonly string[] = [0, 1, 2, 3, 4, 5, 6].map((d) => (d >= 1 && d <= 5 ? '09:00–17:00' : ''));
