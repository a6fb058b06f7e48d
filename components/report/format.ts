import { i18n } from '#i18n';
import { formatDuration } from '../../lib/format/duration';
import { pluralCategory } from '../../lib/format/plural';
import type { FigureColumn } from '../../lib/io/figure-columns';
import type { Figures } from '../../lib/metrics';

/** A figure as the table shows it: durations as 1h 05m, rates in percent, "—" when there is none. */
export function formatValue(column: FigureColumn, value: number | null, locale: string): string {
  if (value === null) return i18n.t('popup.none');
  switch (column.kind) {
    case 'duration':
      return formatDuration(value);
    case 'rate':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
    case 'ratio':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
    case 'money':
      return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
    default:
      return new Intl.NumberFormat(locale).format(value);
  }
}

/** The change against the previous period: "+5m", "−12 pts", "+3"; empty when either side has no value. */
export function formatChange(column: FigureColumn, now: Figures, before: Figures | null, business: boolean, locale: string): string {
  if (!before) return '';
  const a = column.get(now, business);
  const b = column.get(before, business);
  if (a === null || b === null) return '';
  const d = a - b;
  if (d === 0) return '±0';
  const sign = d > 0 ? '+' : '−';
  const abs = Math.abs(d);
  switch (column.kind) {
    case 'duration':
      return `${sign}${formatDuration(abs)}`;
    case 'rate':
      return i18n.t('report.table.points', { value: `${sign}${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(abs * 100)}` });
    default:
      return `${sign}${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(abs)}`;
  }
}

/** `report.<stem>.{one,few,many,other}` for n, by the language's plural rules. */
export function plural(stem: string, n: number, locale: string, subs: Record<string, string> = {}): string {
  // The key is built at run time; every stem used has the four forms (tests/unit/format/plural.test.ts).
  return i18n.t(`${stem}.${pluralCategory(locale, n)}` as 'report.export.done.one', { count: String(n), ...subs } as { count: string });
}
