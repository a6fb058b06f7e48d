/**
 * Facebook's relative times ("3m", "2 h", "hace 2 h", "acum 2 ore", "Just now", "1w",
 * "Yesterday at 10:15") → the interval the comment was created in, given when the text was
 * first seen. Facebook rounds ages down to whole units, so "2h" seen at T means created in
 * [T − 3 h, T − 2 h]. Used only when no exact time is known (DESIGN §3): the message is
 * marked approximate. Words: selectors.ts (en/es/ro). Pure, never throws.
 */
import { TIME_AGO, TIME_NOW, TIME_ONE, TIME_WORDS, TIME_YESTERDAY } from './selectors';

export interface TimeInterval {
  /** Earliest possible creation time (ms). */
  from: number;
  /** Latest possible creation time (ms). */
  to: number;
}

const MIN = 60_000;
const UNIT_MS: Record<keyof typeof TIME_WORDS, number> = { second: 1000, minute: MIN, hour: 60 * MIN, day: 1440 * MIN, week: 7 * 1440 * MIN, year: 365 * 1440 * MIN };

const UNIT_OF = new Map<string, keyof typeof TIME_WORDS>();
for (const [unit, words] of Object.entries(TIME_WORDS) as [keyof typeof TIME_WORDS, readonly string[]][]) for (const w of words) if (!UNIT_OF.has(w)) UNIT_OF.set(w, unit);

const norm = (s: string) => s.normalize('NFC').toLocaleLowerCase().replace(/[\s\u00a0\u202f]+/g, ' ').replace(/ş/g, 'ș').replace(/ţ/g, 'ț').trim();

const YESTERDAY_RE = new RegExp(`^(?:${TIME_YESTERDAY.words.join('|')})(?: (?:${TIME_YESTERDAY.at.join('|')}))? (\\d{1,2})[:.](\\d{2})(?: ?([ap])\\.?m\\.?)?$`);

/**
 * The creation interval for `text` seen at `seenAt` (ms), or null when the text is not a
 * relative time this parser knows (an absolute date, another language): the caller then has
 * no time at all rather than a wrong one.
 */
export function parseRelativeTime(text: string | null | undefined, seenAt: number): TimeInterval | null {
  if (!text || text.length > 60 || !Number.isFinite(seenAt)) return null;
  let t = norm(text);
  if ((TIME_NOW as readonly string[]).includes(t)) return { from: seenAt - MIN, to: seenAt };
  const y = YESTERDAY_RE.exec(t);
  if (y) {
    let h = Number(y[1]);
    const m = Number(y[2]);
    if (y[3] === 'p' && h < 12) h += 12;
    if (y[3] === 'a' && h === 12) h = 0;
    if (h > 23 || m > 59) return null;
    // The viewer's local calendar day before seenAt, at the minute shown.
    const d = new Date(seenAt);
    d.setDate(d.getDate() - 1);
    d.setHours(h, m, 0, 0);
    return { from: d.getTime(), to: d.getTime() + MIN - 1 };
  }
  for (const p of TIME_AGO.prefixes) if (t.startsWith(`${p} `)) t = t.slice(p.length + 1);
  for (const s of TIME_AGO.suffixes) if (t.endsWith(` ${s}`)) t = t.slice(0, -(s.length + 1));
  const m = /^(\d{1,4}|[a-z]{1,3}) ?(?:de )?([a-zăâîșțéíóúñ.]{1,12})$/.exec(t);
  if (!m) return null;
  const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : (TIME_ONE as readonly string[]).includes(m[1]!) ? 1 : NaN;
  const unit = UNIT_OF.get(m[2]!) ?? UNIT_OF.get(m[2]!.replace(/\.$/, ''));
  if (!Number.isFinite(n) || !unit) return null;
  const size = UNIT_MS[unit];
  // A year of 366 days at the far end, so a leap year cannot push the real time out.
  const far = unit === 'year' ? (n + 1) * size + 1440 * MIN : (n + 1) * size;
  return { from: seenAt - far, to: seenAt - n * size };
}

/** An exact time (ms) agrees with the interval the page shows, give or take `slackMs` (clock skew). */
export function agreesWith(exactMs: number, interval: TimeInterval, slackMs = 2 * MIN): boolean {
  return exactMs >= interval.from - slackMs && exactMs <= interval.to + slackMs;
}
