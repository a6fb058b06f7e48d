import { useId, useState } from 'react';
import { i18n } from '#i18n';
import type { OutputFile } from '../../lib/io/agent-export';
import { pluralCategory } from '../../lib/format/plural';
import { runtimeTimeZone } from '../../lib/metrics/time-zone';
import type { MessageRecord } from '../../lib/schema/records';
import { loadSettings } from '../../lib/settings/validated';
import { appVersion as currentVersion } from '../ui/app-version';
import { saveFile } from '../ui/download';

const PERIOD_DAYS = { all: null, days30: 30, days90: 90, days365: 365 } as const;
type PeriodChoice = keyof typeof PERIOD_DAYS;

export interface ExportMyDataProps {
  now?: () => number;
  /** Tests pass records; the extension reads its own database. */
  readRecords?: (period: { from: number | null; to: number }) => Promise<MessageRecord[]>;
  save?: (file: OutputFile) => void;
  appVersion?: string;
}

const defaultSave = (f: OutputFile) => saveFile(f.name, f.type, f.text);
/** Dexie loads on the first export, not when the popup opens (issue 7: it was on the way to the figures). */
const readOwnRecords: NonNullable<ExportMyDataProps['readRecords']> = (period) => import('../../lib/db/export').then((m) => m.readOwnRecords(period));

/** "Export my data": saves the export file at once and offers the two CSV files beside it. */
export function ExportMyData({ now = Date.now, readRecords = readOwnRecords, save = defaultSave, appVersion = currentVersion() }: ExportMyDataProps) {
  const id = useId();
  const [period, setPeriod] = useState<PeriodChoice>('all');
  const [name, setName] = useState<string | null>(null);
  const [state, setState] = useState<{ kind: 'idle' | 'working' } | { kind: 'done'; count: number; files: OutputFile[] } | { kind: 'error'; text: string }>({ kind: 'idle' });
  const locale = i18n.t('locale');

  async function run() {
    setState({ kind: 'working' });
    try {
      // Loaded on first use: the popup opens without the CSV library and the file format.
      const { agentExportFiles, delimiterFor, isExportableName } = await import('../../lib/io/agent-export');
      const settings = await loadSettings();
      const agentName = (name ?? settings.agentName).trim();
      if (!isExportableName(agentName)) {
        if (name === null) setName(settings.agentName);
        setState({ kind: 'error', text: i18n.t('report.export.needName') });
        return;
      }
      const t = now();
      const days = PERIOD_DAYS[period];
      const range = { from: days === null ? null : t - days * 86_400_000, to: t + 1 };
      const records = await readRecords(range);
      const files = await agentExportFiles({
        records,
        settings,
        agentName,
        period: range,
        now: t,
        appVersion,
        delimiter: delimiterFor(locale),
        timeZone: settings.schedule?.timeZone ?? runtimeTimeZone(),
      });
      save(files.exportFile);
      setState({ kind: 'done', count: records.length, files: [files.exportFile, files.messages, files.figures] });
    } catch (e) {
      setState({ kind: 'error', text: i18n.t('report.export.failed', { detail: e instanceof Error ? e.message : String(e) }) });
    }
  }

  const labels = ['report.export.exportFile', 'report.export.messagesCsv', 'report.export.figuresCsv'] as const;
  return (
    <section className="export-my-data" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{i18n.t('report.export.title')}</h2>
      <p className="muted small">{i18n.t('report.export.help')}</p>
      <label htmlFor={`${id}-p`}>{i18n.t('report.export.period')} </label>
      <select id={`${id}-p`} value={period} onChange={(e) => setPeriod(e.target.value as PeriodChoice)}>
        {(Object.keys(PERIOD_DAYS) as PeriodChoice[]).map((p) => (
          <option key={p} value={p}>
            {i18n.t(`report.export.${p}`)}
          </option>
        ))}
      </select>
      {name !== null && (
        <p>
          <label htmlFor={`${id}-n`}>{i18n.t('report.export.name')} </label>
          <input id={`${id}-n`} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </p>
      )}
      <button type="button" onClick={() => void run()} disabled={state.kind === 'working'}>
        {i18n.t('report.export.button')}
      </button>
      <div role="status">
        {state.kind === 'working' && i18n.t('report.export.working')}
        {state.kind === 'error' && <span className="error">{state.text}</span>}
        {state.kind === 'done' && (
          <>
            <span>{i18n.t(`report.export.done.${pluralCategory(locale, state.count)}`, { count: String(state.count) })}</span>
            <ul>
              {state.files.map((f, i) => (
                <li key={f.name}>
                  <button type="button" className="link" onClick={() => save(f)}>
                    {i18n.t(labels[i]!)}
                  </button>{' '}
                  <span className="muted small">{f.name}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
