import { useCallback, useEffect, useMemo, useState } from 'react';
import { i18n } from '#i18n';
import { readOwnRecords as readOwn } from '../../lib/db/export';
import { getTeamDb, readTeamColumns, type TeamColumnsData, type TeamDb } from '../../lib/db/team';
import type { OutputFile } from '../../lib/io/agent-export';
import type { RecordOptions } from '../../lib/metrics/figures';
import { runtimeTimeZone } from '../../lib/metrics/time-zone';
import { DEFAULT_FILTERS, type ReportFilters } from '../../lib/report/filters';
import { reportTable } from '../../lib/report/table';
import type { MessageRecord, Settings } from '../../lib/schema/records';
import { loadSettings, watchSettings } from '../../lib/settings/validated';
import { saveFile } from '../ui/download';
import { ReportContext, type ReportState } from './context';
import { REPORT_SECTIONS } from './sections/registry';
import { useShownTeam } from './useShownTeam';
import './report.css';

export interface ReportAppProps {
  db?: TeamDb;
  now?: number;
  readOwnRecords?: (period: { from: number | null; to: number }) => Promise<MessageRecord[]>;
  save?: (file: OutputFile) => void;
  initialFilters?: Partial<ReportFilters>;
  /** How the event log is recorded: tests hold it between slices. */
  recording?: Pick<RecordOptions, 'sliceMs' | 'pause'>;
}

/** The team report page: imported agents' files, merged, as a table per agent with every DESIGN §4 figure. */
export function ReportApp({ db = getTeamDb(), now: fixedNow, readOwnRecords = readOwn, save = (f) => saveFile(f.name, f.type, f.text), initialFilters, recording: slicing }: ReportAppProps) {
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

  // The figures show the last data whose event log is recorded: after a reload (an import, a
  // sync, a settings change) the last figures stay, marked as updating, until the new log is.
  const view = useShownTeam(data, settings, slicing);
  const shownData = view.shown?.data;
  const shownSettings = view.shown?.settings;
  const figuresReady = view.phase !== 'first';
  const timeZone = shownSettings?.schedule?.timeZone ?? runtimeTimeZone();
  const agents = useMemo(() => [...new Set(shownData?.files.map((f) => f.agent) ?? [])], [shownData]);
  // Each agent's hourly cost from their newest file.
  const costs = useMemo(() => {
    const newest = new Map<string, { at: number; cost: Settings['cost'] }>();
    for (const f of shownData?.files ?? []) if (!newest.has(f.agent) || newest.get(f.agent)!.at < f.exportedAt) newest.set(f.agent, { at: f.exportedAt, cost: f.settings.cost });
    return new Map([...newest].map(([a, v]) => [a, v.cost]));
  }, [shownData]);
  // Filters apply to the figures shown, the last ones during an update.
  const table = useMemo(
    () => (shownData && shownSettings && figuresReady ? reportTable({ records: shownData.columns, settings: shownSettings, agents, costs, filters, now, timeZone }) : null),
    [shownData, shownSettings, figuresReady, agents, costs, filters, now, timeZone],
  );
  if (!data || !settings)
    return (
      <main className="report" aria-busy="true">
        <p role="status">{i18n.t('log9.loading')}</p>
      </main>
    );

  // The import and sync sections act on the loaded data; the sections with figures read the shown data.
  const state: ReportState = { db, data, settings, filters, setFilters, table, now, timeZone, locale: i18n.t('locale'), reload, readOwnRecords, save };
  const updating = view.phase === 'updating';
  const figureState: ReportState = { ...state, data: shownData ?? data, settings: shownSettings ?? settings, updating };
  const hasData = data.files.length > 0;
  // The first recording (nothing to show yet): the sections with figures wait behind a progress bar.
  const recording = hasData && view.phase === 'first';
  return (
    <main className="report" data-ready={view.phase === 'ready'} aria-busy={recording}>
      <h1>{i18n.t('report.page.title')}</h1>
      <p className="muted">{i18n.t('report.page.privacy')}</p>
      {/* Above the sections, and always in the page so the note is announced when it appears (a polite live region). */}
      <p className="log-updating" role="status" aria-live="polite">
        {updating ? i18n.t('team9f.updating') : ''}
      </p>
      {Object.entries(REPORT_SECTIONS)
        .filter(([, s]) => !s.needsData || (figuresReady && (shownData ?? data).files.length > 0))
        .map(([id, s]) => (
          <ReportContext.Provider key={id} value={s.needsData ? figureState : state}>
            <section
              aria-labelledby={`section-${id}`}
              className={`section-${id}${s.needsData && updating ? ' updating' : ''}`}
              aria-busy={s.needsData && updating ? true : undefined}
            >
              <h2 id={`section-${id}`}>{i18n.t(s.title)}</h2>
              <s.component />
            </section>
          </ReportContext.Provider>
        ))}
      {recording && (
        <div className="log-progress" role="status">
          <p id="log9-preparing">{i18n.t('log9.preparing')}</p>
          <progress aria-labelledby="log9-preparing" max={100} value={view.percent} />
        </div>
      )}
    </main>
  );
}
