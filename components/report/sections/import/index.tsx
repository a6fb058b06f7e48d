import { useId, useRef, useState, type DragEvent } from 'react';
import { i18n } from '#i18n';
import { clearTeam } from '../../../../lib/db/team';
import { agentNameSchema, writeExportFile, type ExportError } from '../../../../lib/io/export-format';
import { importFiles, type FileOutcome, type InputFile, type ReadFile } from '../../../../lib/team/import';
import { workerReader } from '../../../../lib/io/worker-reader';
import { loadSettings } from '../../../../lib/settings/validated';
import { appVersion } from '../../../ui/app-version';
import { useReport } from '../../context';
import { plural } from '../../format';

/** One refused file's first problems: "line 4, field record.id: …". */
function Problems({ errors }: { errors: ExportError[] }) {
  return (
    <ul>
      {errors.slice(0, 5).map((e, i) => (
        <li key={i}>
          {e.line > 0 && i18n.t('report.import.where', { line: String(e.line), field: e.field || '—' })}{' '}
          {i18n.t(`report.import.problem.${e.problem}`)} <span className="muted small">({e.detail})</span>
        </li>
      ))}
    </ul>
  );
}

function Outcome({ o, locale }: { o: FileOutcome; locale: string }) {
  if (o.status === 'refused') {
    return (
      <li className="refused">
        <strong>{i18n.t('report.import.refused', { file: o.name })}</strong>
        <Problems errors={o.errors} />
      </li>
    );
  }
  if (o.status === 'duplicate') return <li>{i18n.t('report.import.duplicate', { file: o.name })}</li>;
  return <li>{plural('report.import.imported', o.records, locale, { file: o.name, agent: o.agent })}</li>;
}

/** Drop or pick agents' files, add the lead's own data, clear the team data. */
export function ImportSection() {
  const { db, now, locale, reload, readOwnRecords, data } = useReport();
  const id = useId();
  const [outcomes, setOutcomes] = useState<FileOutcome[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const [message, setMessage] = useState('');
  const abort = useRef<AbortController | null>(null);

  async function run(files: InputFile[]) {
    if (files.length === 0) return;
    const controller = new AbortController();
    abort.current = controller;
    setMessage('');
    setProgress({ done: 0, total: files.length });
    // Files are read and checked in the page's module workers, several at once; cancelling stops them.
    const reader = workerReader();
    controller.signal.addEventListener('abort', () => reader?.close(), { once: true });
    const read: ReadFile | undefined = reader ? async (f) => reader.read(f.name, f.blob ?? (await f.text())) : undefined;
    try {
      const out = await importFiles(db, files, now, (done, total) => setProgress({ done, total }), controller.signal, read, reader?.size);
      setOutcomes(out);
    } catch (err) {
      if (!controller.signal.aborted) setMessage(i18n.t('report.import.failed', { detail: err instanceof Error ? err.message : String(err) }));
    } finally {
      reader?.close();
      setProgress(null);
      await reload();
    }
  }

  const fromFileList = (list: FileList | null): InputFile[] =>
    Array.from(list ?? [], (f) => ({ name: f.name, size: f.size, text: () => f.text(), blob: f }));

  async function addMine() {
    const settings = await loadSettings();
    if (!agentNameSchema.safeParse(settings.agentName).success) {
      setMessage(i18n.t('report.import.needName'));
      return;
    }
    const records = await readOwnRecords({ from: null, to: now + 1 });
    const text = await writeExportFile({ agentName: settings.agentName, exportedAt: now, period: { from: null, to: now + 1 }, settings, records, appVersion: appVersion() });
    await run([{ name: i18n.t('report.import.myData'), size: text.length, text: async () => text, blob: new Blob([text]) }]);
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    void run(fromFileList(e.dataTransfer.files));
  }

  return (
    <>
      <p className="muted">{i18n.t('report.import.help')}</p>
      <div className="drop" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
        <label htmlFor={`${id}-f`}>{i18n.t('report.import.pick')}</label>{' '}
        <input
          id={`${id}-f`}
          type="file"
          multiple
          accept=".jsonl,.ndjson,application/x-ndjson"
          onChange={(e) => {
            void run(fromFileList(e.target.files));
            e.target.value = '';
          }}
        />
        <span className="muted small"> {i18n.t('report.import.drop')}</span>
      </div>
      <p>
        <button type="button" onClick={() => void addMine()} disabled={progress !== null}>
          {i18n.t('report.import.addMine')}
        </button>{' '}
        {!confirmClear ? (
          <button type="button" onClick={() => setConfirmClear(true)} disabled={progress !== null || data.files.length === 0}>
            {i18n.t('report.import.clear')}
          </button>
        ) : (
          <span role="group" aria-label={i18n.t('report.import.clear')}>
            {i18n.t('report.import.clearConfirm')}{' '}
            <button
              type="button"
              onClick={async () => {
                await clearTeam(db);
                setConfirmClear(false);
                setOutcomes([]);
                await reload();
              }}
            >
              {i18n.t('report.import.clearYes')}
            </button>{' '}
            <button type="button" onClick={() => setConfirmClear(false)}>
              {i18n.t('report.import.cancel')}
            </button>
          </span>
        )}
      </p>
      <div role="status" aria-live="polite">
        {progress && (
          <p>
            <label htmlFor={`${id}-p`}>{i18n.t('report.import.working')}</label>{' '}
            <progress id={`${id}-p`} value={progress.done} max={progress.total} />{' '}
            <button type="button" onClick={() => abort.current?.abort()}>
              {i18n.t('report.import.cancel')}
            </button>
          </p>
        )}
        {message && <p className="error">{message}</p>}
        {outcomes.length > 0 && (
          <ul className="outcomes">
            {outcomes.map((o, i) => (
              <Outcome key={i} o={o} locale={locale} />
            ))}
          </ul>
        )}
      </div>
      <p className="muted small">
        {data.files.length > 0
          ? plural('report.import.files', data.files.length, locale, { agents: [...new Set(data.files.map((f) => f.agent))].join(', ') })
          : i18n.t('report.table.noData')}
      </p>
    </>
  );
}
