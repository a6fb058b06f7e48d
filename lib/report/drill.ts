/**
 * The cases behind a number of the report (clicking a bar): each case's own figures from
 * lib/metrics, so the counts listed add up to the bar. Pure; run on demand only.
 */
import type { CaseFigures, FigureQuery } from '../metrics';
import type { MessageColumns } from '../metrics/columns';
import { eachColumnCaseFigures } from '../metrics/figures';
import type { MessageRecord, Settings } from '../schema/records';
import { PLATFORMS, type Platform } from '../schema/taxonomy';
import { figuresOf, isColumns, type TeamRows } from './rows';

export interface CaseLine {
  caseKey: string;
  platform: Platform;
  customer: string;
  /**
   * The case's first customer message on the site (its first message if none); null from
   * columns, which hold no links: the page reads them for the cases listed (lib/db/team).
   */
  permalink: string | null;
  /** How much this case adds to the number (replies, cases…). */
  count: number;
}

/** Platform and customer of a caseKey (`platform:rootId:customer`, lib/schema/taxonomy). */
function ofCaseKey(key: string): { platform: Platform; customer: string } {
  const [platform, , ...customer] = key.split(':');
  return { platform: PLATFORMS.includes(platform as Platform) ? (platform as Platform) : 'x', customer: customer.join(':') };
}

/** Every case whose `count` of its own figures (for the same query) is above 0, largest first. */
export function casesBehind(rows: TeamRows, settings: Settings, query: FigureQuery, count: (f: CaseFigures, caseRows: TeamRows) => number): CaseLine[] {
  const out: CaseLine[] = isColumns(rows) ? columnCases(rows, settings, query, count) : recordCases(rows, settings, query, count);
  return out.sort((a, b) => b.count - a.count || a.caseKey.localeCompare(b.caseKey));
}

function recordCases(records: readonly MessageRecord[], settings: Settings, query: FigureQuery, count: (f: CaseFigures, caseRows: TeamRows) => number): CaseLine[] {
  const byCase = new Map<string, MessageRecord[]>();
  for (const r of records) {
    const list = byCase.get(r.caseKey);
    if (list) list.push(r);
    else byCase.set(r.caseKey, [r]);
  }
  const out: CaseLine[] = [];
  for (const [caseKey, list] of byCase) {
    const n = count(figuresOf(list, settings, query), list);
    if (n <= 0) continue;
    const sorted = [...list].sort((a, b) => a.at - b.at);
    const first = sorted.find((r) => !r.fromBrand) ?? sorted[0]!;
    out.push({ caseKey, platform: first.platform, customer: first.customer, permalink: first.permalink, count: n });
  }
  return out;
}

function columnCases(cols: MessageColumns, settings: Settings, query: FigureQuery, count: (f: CaseFigures, caseRows: TeamRows) => number): CaseLine[] {
  const out: CaseLine[] = [];
  // Only the cases of the period's window have a figure or a message in the period
  // (lib/metrics/columns windowOf): at 1M messages a month's window is a few per cent of them.
  eachColumnCaseFigures(cols, settings, query, (c, figures) => {
    const from = cols.starts[c]!;
    const to = cols.starts[c + 1]!;
    // A view of the case's rows: no copy.
    const one: MessageColumns = {
      n: to - from,
      cases: 1,
      starts: Int32Array.of(0, to - from),
      at: cols.at.subarray(from, to),
      code: cols.code.subarray(from, to),
      agent: cols.agent.subarray(from, to),
      mine: cols.mine.subarray(from, to),
      agents: cols.agents,
      caseKeys: [cols.caseKeys[c]!],
    };
    const n = count(figures, one);
    if (n <= 0) return;
    out.push({ caseKey: cols.caseKeys[c]!, ...ofCaseKey(cols.caseKeys[c]!), permalink: null, count: n });
  });
  return out;
}
