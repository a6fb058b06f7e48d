/**
 * The cases behind a number of the report (clicking a bar): each case's own figures from
 * computeFigures, so the counts listed add up to the bar. Pure; run on demand only.
 */
import { computeFigures, type FigureQuery, type Figures } from '../metrics';
import type { MessageRecord, Settings } from '../schema/records';
import type { Platform } from '../schema/taxonomy';

export interface CaseLine {
  caseKey: string;
  platform: Platform;
  customer: string;
  /** The case's first customer message on the site (its first message if none). */
  permalink: string;
  /** How much this case adds to the number (replies, cases…). */
  count: number;
}

/** Every case whose `count` of its own figures (for the same query) is above 0, largest first. */
export function casesBehind(
  records: readonly MessageRecord[],
  settings: Settings,
  query: FigureQuery,
  count: (f: Figures, caseRecords: readonly MessageRecord[]) => number,
): CaseLine[] {
  const byCase = new Map<string, MessageRecord[]>();
  for (const r of records) {
    const list = byCase.get(r.caseKey);
    if (list) list.push(r);
    else byCase.set(r.caseKey, [r]);
  }
  const out: CaseLine[] = [];
  for (const [caseKey, list] of byCase) {
    const n = count(computeFigures(list, settings, query), list);
    if (n <= 0) continue;
    const sorted = [...list].sort((a, b) => a.at - b.at);
    const first = sorted.find((r) => !r.fromBrand) ?? sorted[0]!;
    out.push({ caseKey, platform: first.platform, customer: first.customer, permalink: first.permalink, count: n });
  }
  return out.sort((a, b) => b.count - a.count || a.caseKey.localeCompare(b.caseKey));
}
