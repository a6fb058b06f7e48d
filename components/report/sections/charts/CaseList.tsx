import { useEffect, useMemo, useRef, useState } from 'react';
import { casePermalinks } from '../../../../lib/db/team';
import { i18n } from '#i18n';
import type { CaseFigures } from '../../../../lib/metrics';
import { casesBehind } from '../../../../lib/report/drill';
import type { TeamRows } from '../../../../lib/report/rows';
import { PLATFORM_NAMES, useReport } from '../../context';
import { plural } from '../../format';

export interface Drill {
  title: string;
  /** What one case adds to the bar, from its own figures (all but replies per day) and rows. */
  count: (f: CaseFigures, caseRows: TeamRows) => number;
}

/** The cases behind a clicked bar, with links to their threads; focus moves here so keyboard users land on it. */
export function CaseList({ drill, onClose }: { drill: Drill; onClose: () => void }) {
  const { db, table, settings, locale } = useReport();
  const heading = useRef<HTMLHeadingElement>(null);
  const lines = useMemo(() => (table ? casesBehind(table.records, settings, table.query, drill.count) : []), [table, settings, drill]);
  useEffect(() => heading.current?.focus(), [drill]);
  // Columns hold no links: the listed cases' links are read from the store once listed.
  const [links, setLinks] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    const missing = lines.filter((l) => l.permalink === null).map((l) => l.caseKey);
    if (missing.length === 0) return;
    let live = true;
    void casePermalinks(db, missing).then((m) => live && setLinks(m));
    return () => {
      live = false;
    };
  }, [db, lines]);
  return (
    <section className="case-list" aria-labelledby="case-list-h">
      <h3 id="case-list-h" tabIndex={-1} ref={heading}>
        {drill.title} — {plural('report.chart.casesBehind', lines.length, locale)}
      </h3>
      <ul>
        {lines.map((l) => {
          const href = l.permalink ?? links.get(l.caseKey) ?? '';
          return (
            <li key={l.caseKey}>
              {/^https:\/\//.test(href) ? (
                <a href={href} target="_blank" rel="noreferrer">
                  @{l.customer}
                </a>
              ) : (
                `@${l.customer}`
              )}{' '}
              <span className="muted small">
                {PLATFORM_NAMES[l.platform]} · {l.count}
              </span>
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={onClose}>
        {i18n.t('report.chart.closeCases')}
      </button>
    </section>
  );
}
