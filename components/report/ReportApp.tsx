import { useCallback, useEffect, useMemo, useState } from 'react';
import { i18n } from '#i18n';
import { readOwnRecords as readOwn } from '../../lib/db/export';
import { getTeamDb, readTeamColumns, type TeamColumnsData, type TeamDb } from '../../lib/db/team';
import type { OutputFile } from '../../lib/io/agent-export';
import { runtimeTimeZone } from '../../lib/metrics/time-zone';
import { DEFAULT_FILTERS, type ReportFilters } from '../../lib/report/filters';
import { reportTable } from '../../lib/report/table';
import type { MessageRecord, Settings } from '../../lib/schema/records';
import { loadSettings, watchSettings } from '../../lib/settings/validated';
import { saveFile } from '../ui/download';
import { ReportContext, type ReportState } from './context';
import { REPORT_SECTIONS } from './sections/registry';
import { useRecordedLog } from './useRecordedLog';
import './report.css';

export interface ReportAppProps {
  db?: TeamDb;
  now?: number;
  readOwnRecords?: (period: { from: number | null; to: number }) => Promise<MessageRecord[]>;
  save?: (file: OutputFile) => void;
  initialFilters?: Partial<ReportFilters>;
}

/** The team report page: imported agents' files, merged, as a table per agent with every DESIGN §4 figure. */
export function ReportApp({ db = getTeamDb(), now: fixedNow, readOwnRecords = readOwn, save = (f) => saveFile(f.name, f.type, f.text), initialFilters }: ReportAppProps) {
  const [now] = useState(() => fixedNow ?? Date.now());
  const [data, setData] = useState<TeamColumnsData>();
  const [settings, setSettings] = useState<Settings>();
  const [filters, setFilters] = useState<ReportFilters>({ ...DEFAULT_FILTERS, ...initialFilters });
  // Columns, not records: 1M messages fit the page's memory and a filter change is one pass (issue 9).
  const reload = useCallback(async () => setData(await readTeamColumns(db)), [db]);
  useEffect(() => {
    void reload();
    void loadSettings().then(setSettings);
    // SLA, hours or brand identities changed in the options page apply here at once (the figures record again).
    return watchSettings(setSettings);
  }, [reload]);
  // The tab's title and the page language follow the interface language, not the HTML file's English.
  useEffect(() => {
    document.title = i18n.t('report.page.title');
    document.documentElement.lang = i18n.t('locale');
  }, []);

  const timeZone = settings?.schedule?.timeZone ?? runtimeTimeZone();
  const agents = useMemo(() => [...new Set(data?.files.map((f) => f.agent) ?? [])], [data]);
  // Each agent's hourly cost from their newest file.
  const costs = useMemo(() => {
    const newest = new Map<string, { at: number; cost: Settings['cost'] }>();
    for (const f of data?.files ?? []) if (!newest.has(f.agent) || newest.get(f.agent)!.at < f.exportedAt) newest.set(f.agent, { at: f.exportedAt, cost: f.settings.cost });
    return new Map([...newest].map(([a, v]) => [a, v.cost]));
  }, [data]);
  // The table reads the team's event log, recorded in slices first (the page stays responsive).
  const log = useRecordedLog(data?.columns, settings);
  const table = useMemo(
    () => (data && settings && log.ready ? reportTable({ records: data.columns, settings, agents, costs, filters, now, timeZone }) : null),
    [data, settings, log.ready, agents, costs, filters, now, timeZone],
  );
  if (!data || !settings)
    return (
      <main className="report" aria-busy="true">
        <p role="status">{i18n.t('log9.loading')}</p>
      </main>
    );

  const state: ReportState = { db, data, settings, filters, setFilters, table, now, timeZone, locale: i18n.t('locale'), reload, readOwnRecords, save };
  const hasData = data.files.length > 0;
  // Until the log is recorded the sections that show figures wait behind a progress bar.
  const recording = hasData && !log.ready;
  return (
    <ReportContext.Provider value={state}>
      <main className="report" data-ready={!recording} aria-busy={recording}>
        <h1>{i18n.t('report.page.title')}</h1>
        <p className="muted">{i18n.t('report.page.privacy')}</p>
        {Object.entries(REPORT_SECTIONS)
          .filter(([, s]) => (hasData && !recording) || !s.needsData)
          .map(([id, s]) => (
            <section key={id} aria-labelledby={`section-${id}`} className={`section-${id}`}>
              <h2 id={`section-${id}`}>{i18n.t(s.title)}</h2>
              <s.component />
            </section>
          ))}
        {recording && (
          <div className="log-progress" role="status">
            <p id="log9-preparing">{i18n.t('log9.preparing')}</p>
            <progress aria-labelledby="log9-preparing" max={100} value={log.percent} />
          </div>
        )}
      </main>
    </ReportContext.Provider>
  );
}
