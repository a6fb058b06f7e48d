/**
 * What every benchmark returns, and how `npm run bench` prints it: one row per figure, with
 * its target, its ratio against the baseline measured in the same run, and whether the
 * target is met. The same rows go to bench/results.json so that runs compare.
 */

export interface Target {
  /** The figure must be at most (`<=`) or under (`<`) this value, in the figure's unit. */
  op: '<=' | '<';
  value: number;
}

export interface Figure {
  /** Section, e.g. "metrics engine", "popup", "content script", "bundle", "writes". */
  section: string;
  /** What is measured, e.g. "1M messages: all figures (median of 5)". */
  name: string;
  value: number;
  unit: 'ms' | 'MB' | 'kB' | 'x' | '%' | 'count' | 'msg/s';
  target?: Target;
  /** Ratio of `value` to a baseline measured in the same run (its name says which). */
  baseline?: { name: string; value: number; ratio: number };
  note?: string;
}

export interface BenchResult {
  figures: Figure[];
  /** Everything measured, raw (runs, machine specifics), for bench/results.json. */
  details: unknown;
}

export interface BenchOptions {
  /** Fewer rounds and sizes: a smoke run of the benchmark code itself. */
  quick: boolean;
  log: (line: string) => void;
}

export const met = (f: Figure): boolean | null =>
  f.target === undefined ? null : f.target.op === '<=' ? f.value <= f.target.value : f.value < f.target.value;

const fmt = (v: number, unit: Figure['unit']): string => {
  if (!Number.isFinite(v)) return String(v);
  const digits = unit === 'count' ? 0 : Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${unit === 'count' ? '' : unit}`.trim();
};

/** A plain-text table: figure, value, target, baseline ratio, verdict. */
export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const ok = met(f);
    return [
      f.section,
      f.name,
      fmt(f.value, f.unit),
      f.target ? `${f.target.op} ${fmt(f.target.value, f.unit)}` : '',
      f.baseline ? `${f.baseline.ratio.toFixed(2)}x ${f.baseline.name}` : '',
      ok === null ? '' : ok ? 'met' : 'MISSED',
    ];
  });
  const head = ['section', 'figure', 'value', 'target', 'vs baseline', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Median of numbers (the mean of the two middle ones for an even count). */
export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
