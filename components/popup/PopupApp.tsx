import { useMemo, useState } from 'react';
import { i18n } from '#i18n';
import { PERIODS, periodRange, type PeriodKind } from '../../lib/format/periods';
import { compareFigures, computeFigures, openCases } from '../../lib/metrics';
import { PopupTeamTools } from '../export/PopupTeamTools';
import { FigureGrid } from './Figures';
import { OpenCases } from './OpenCases';
import { usePopupData } from './usePopupData';
import './popup.css';

export interface PopupProps {
  /** Fixed in tests; the popup lives for seconds, so one clock reading is enough. */
  now?: number;
  openUrl: (url: string) => void;
  openSettings: () => void;
}

/** The agent's own figures for today, 7 and 30 days, and the open cases by urgency. */
export function PopupApp({ now: fixedNow, openUrl, openSettings }: PopupProps) {
  const [now] = useState(() => fixedNow ?? Date.now());
  const [period, setPeriod] = useState<PeriodKind>('today');
  const { records, settings, total } = usePopupData(now);

  const result = useMemo(() => {
    if (!records || !settings) return null;
    const { current, previous } = periodRange(period, now);
    const figures = computeFigures(records, settings, { ...current, now, mine: true });
    const before = computeFigures(records, settings, { ...previous, now, mine: true });
    return { figures, changes: compareFigures(figures, before), open: openCases(records, settings, now) };
  }, [records, settings, period, now]);

  const needsSetup = settings && !settings.agentName && settings.brandHandles.x.length === 0;

  return (
    <main className="popup" aria-busy={!result}>
      <header>
        <h1>{i18n.t('extName')}</h1>
        <button type="button" className="link" onClick={openSettings}>
          {i18n.t('popup.settings')}
        </button>
      </header>
      {needsSetup && (
        <p className="setup">
          <button type="button" className="link" onClick={openSettings}>
            {i18n.t('popup.setUp')}
          </button>
        </p>
      )}
      <div role="tablist" aria-label={i18n.t('popup.period')} className="tabs">
        {PERIODS.map((p) => (
          <button key={p} type="button" role="tab" aria-selected={p === period} onClick={() => setPeriod(p)}>
            {i18n.t(`popup.${p}`)}
          </button>
        ))}
      </div>
      {result && (
        <>
          <div role="tabpanel" data-ready="true">
            <FigureGrid figures={result.figures} changes={result.changes} />
          </div>
          <OpenCases cases={result.open} now={now} open={openUrl} />
          <p className="muted small">{i18n.t('popup.figuresFrom', { count: String(total ?? 0) })}</p>
        </>
      )}
      <PopupTeamTools />
    </main>
  );
}
