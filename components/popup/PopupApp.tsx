import { useEffect, useMemo, useState } from 'react';
import { i18n } from '#i18n';
import { PERIODS, periodRange, type PeriodKind } from '../../lib/format/periods';
import { compareFigures, computeFigures, openCases } from '../../lib/metrics';
import { siteSplit } from '../../lib/metrics/site-split';
import type { Platform } from '../../lib/schema/taxonomy';
import { SITES } from '../../lib/sites/registry';
import { PopupTeamTools } from '../export/PopupTeamTools';
import { FigureGrid, siteName } from '../figures/FigureGrid';
import { plural } from '../figures/plural';
import { OpenCases } from './OpenCases';
import { startPopupData, type PopupSource, type StorageProblem } from './popup-data';
import { usePopupData } from './usePopupData';
import { ThisIsOurPage } from './ThisIsOurPage';
import './popup.css';

export interface PopupProps {
  /** Fixed in tests; the popup lives for seconds, so one clock reading is enough. */
  now?: number;
  /** Started by the entry module before React loaded; the popup starts its own when absent. */
  source?: PopupSource;
  openUrl: (url: string) => void;
  openSettings: () => void;
}

/** The popup's figures are this browser's agent's (DESIGN §4 attribution, lib/metrics/credit.ts). */
const MINE = { mine: true } as const;

function reason(problem: StorageProblem): string {
  switch (problem.kind) {
    case 'blocked':
      return i18n.t('popup2.reasonBlocked');
    case 'timeout':
      return i18n.t('popup2.reasonTimeout', { seconds: String(problem.seconds) });
    case 'failed':
      return problem.detail;
  }
}

/** The agent's own figures for today, 7 and 30 days, and the open cases by urgency. */
export function PopupApp({ now: fixedNow, source: given, openUrl, openSettings }: PopupProps) {
  const [now] = useState(() => fixedNow ?? Date.now());
  const [source] = useState(() => given ?? startPopupData(now));
  useEffect(() => (given ? undefined : () => source.stop()), [given, source]);
  const [period, setPeriod] = useState<PeriodKind>('today');
  /** Site filter: every figure and the open cases of one site, or of all. */
  const [site, setSite] = useState<Platform | 'all'>('all');
  const data = usePopupData(source);
  const ready = data.state === 'ready' ? data : null;
  const records = ready?.records;
  const settings = ready?.settings;

  const result = useMemo(() => {
    if (!records || !settings) return null;
    const { current, previous } = periodRange(period, now);
    const onSite = site === 'all' ? {} : { platform: site };
    const figures = computeFigures(records, settings, { ...current, now, ...MINE, ...onSite });
    const before = computeFigures(records, settings, { ...previous, now, ...MINE, ...onSite });
    const open = openCases(records, settings, now, MINE).filter((c) => site === 'all' || c.platform === site);
    // Under "All", each figure per site when the period has work on both (issue 8).
    const split = site === 'all' ? siteSplit(records, settings, { ...current, now, ...MINE }) : null;
    return { figures, changes: compareFigures(figures, before), open, split };
  }, [records, settings, period, now, site]);

  // Any site's brand identities count: a Facebook-only agent is set up without X handles.
  const needsSetup = settings && !settings.agentName && Object.values(SITES).every((site) => settings.brandHandles[site.settingsKey].length === 0);
  const schedule = settings?.schedule ?? null;

  return (
    <main className="popup" aria-busy={data.state === 'loading'}>
      <header>
        <h1>{i18n.t('extName')}</h1>
        <button type="button" className="link" onClick={openSettings}>
          {i18n.t('popup.settings')}
        </button>
      </header>
      {data.state === 'unreachable' && (
        <p role="alert" className="problem">
          {i18n.t('popup2.storageUnreachable', { reason: reason(data.problem) })}
        </p>
      )}
      {data.state === 'loading' && <p className="muted">{i18n.t('popup2.loading')}</p>}
      {needsSetup && (
        <p className="setup">
          <button type="button" className="link" onClick={openSettings}>
            {i18n.t('popup.setUp')}
          </button>
        </p>
      )}
      {settings && <ThisIsOurPage settings={settings} />}
      {result && (
        <>
          <div role="tablist" aria-label={i18n.t('popup.period')} className="tabs">
            {PERIODS.map((p) => (
              <button key={p} type="button" role="tab" aria-selected={p === period} onClick={() => setPeriod(p)}>
                {i18n.t(`popup.${p}`)}
              </button>
            ))}
          </div>
          <div role="group" aria-label={i18n.t('facebook.siteFilter')} className="tabs sites">
            {(['all', ...Object.keys(SITES)] as const).map((p) => (
              <button key={p} type="button" aria-pressed={p === site} onClick={() => setSite(p as Platform | 'all')}>
                {siteName(p as Platform | 'all')}
              </button>
            ))}
          </div>
          <div role="tabpanel" data-ready="true">
            <FigureGrid figures={result.figures} changes={result.changes} businessZone={schedule?.timeZone ?? null} split={result.split} />
          </div>
          <OpenCases cases={result.open} now={now} schedule={schedule} open={openUrl} />
          <p className="muted small">{plural('popup2.messagesKept', ready?.total ?? 0)}</p>
        </>
      )}
      <PopupTeamTools />
    </main>
  );
}
