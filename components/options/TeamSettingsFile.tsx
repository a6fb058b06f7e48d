import { useId, useState } from 'react';
import { i18n } from '#i18n';
import type { OutputFile } from '../../lib/io/agent-export';
import type { Settings } from '../../lib/schema/records';
import { loadSettings, saveSettings } from '../../lib/settings/validated';
import { saveFile } from '../ui/download';

export interface TeamSettingsFileProps {
  onImported: (s: Settings) => void;
  now?: () => number;
  save?: (f: OutputFile) => void;
}

/** A lead saves the team's way of measuring (brand identities, SLA, hours, holidays); agents import it. */
export function TeamSettingsFile({ onImported, now = Date.now, save = (f) => saveFile(f.name, f.type, f.text) }: TeamSettingsFileProps) {
  const id = useId();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  // The file format (and its validators) load on first use: the settings page opens without them.
  const format = () => import('../../lib/io/settings-file');

  async function exportFile() {
    const { writeSettingsFile } = await format();
    const text = writeSettingsFile(await loadSettings(), now());
    save({ name: 'threadmark-team-settings.json', type: 'application/json', text });
  }

  async function importFile(file: File | undefined) {
    if (!file) return;
    const { applyTeamSettings, readSettingsFile } = await format();
    const read = readSettingsFile(file.name, await file.text());
    if (!read.ok) {
      setMessage({ ok: false, text: i18n.t('report.settingsFile.refused', { file: read.file, field: read.field || '—', detail: read.detail }) });
      return;
    }
    const result = await saveSettings(applyTeamSettings(await loadSettings(), read.team));
    if (!result.ok) {
      setMessage({ ok: false, text: i18n.t('report.settingsFile.refused', { file: file.name, field: Object.keys(result.errors)[0] ?? '—', detail: '' }) });
      return;
    }
    onImported(result.settings);
    setMessage({ ok: true, text: i18n.t('report.settingsFile.imported', { file: file.name }) });
  }

  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{i18n.t('report.settingsFile.title')}</h2>
      <p className="muted small">{i18n.t('report.settingsFile.help')}</p>
      <p>
        <button type="button" onClick={() => void exportFile()}>
          {i18n.t('report.settingsFile.save')}
        </button>
      </p>
      <p>
        <label htmlFor={`${id}-f`}>{i18n.t('report.settingsFile.import')}</label>{' '}
        <input
          id={`${id}-f`}
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            void importFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </p>
      <p role="status">{message && <span className={message.ok ? '' : 'error'}>{message.text}</span>}</p>
    </section>
  );
}
