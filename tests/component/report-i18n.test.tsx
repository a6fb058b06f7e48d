import { configure, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReportApp } from '../../components/report/ReportApp';
import { createTeamDb } from '../../lib/db/team';
import { writeExportFile } from '../../lib/io/export-format';
import type { MessageRecord } from '../../lib/schema/records';
import { loadMessages, translator } from '../i18n-messages';
import { agentExport } from '../unit/io/agent-export';
import { at, conversation } from '../unit/metrics/build';

// One file, three languages: the mock's translator is switched per test.
const current = vi.hoisted(() => ({ t: (_key: string, _subs?: unknown): string => '' }));
vi.mock('#i18n', () => ({ i18n: current }));
configure({ asyncUtilTimeout: 5000 });

const NOW = at('2024-03-20 12:00');
let n = 0;
const dbs: { delete(): Promise<void> }[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** 21 customers answered once each: 42 messages (a plural "other" in Romanian, with "de"). */
const many: MessageRecord[] = Array.from({ length: 21 }, (_, i) =>
  conversation([['customer', at('2024-03-04 08:00') + i * 600_000], ['me', at('2024-03-04 08:05') + i * 600_000]], { agent: 'Ana' }),
).flat();

describe.each([
  ['en', 'Team report', 'Response time, median', 'ana.tmk.jsonl (Ana): 42 messages imported.', "1 file imported: Ana.", "Loading the team's data…", 'Updating the figures…'],
  ['es', 'Informe del equipo', 'Tiempo de respuesta, mediana', 'ana.tmk.jsonl (Ana): 42 mensajes importados.', '1 archivo importado: Ana.', 'Cargando los datos del equipo…', 'Actualizando las cifras…'],
  ['ro', 'Raportul echipei', 'Timp de răspuns, mediană', 'ana.tmk.jsonl (Ana): 42 de mesaje importate.', '1 fișier importat: Ana.', 'Se încarcă datele echipei…', 'Se actualizează cifrele…'],
])('the team report in %s', (locale, title, column, imported, files, loading, updating) => {
  it('is in that language, plural forms included', async () => {
    current.t = translator(loadMessages(locale));
    const db = createTeamDb(`report-i18n-${++n}`);
    dbs.push(db);
    render(<ReportApp db={db} now={NOW} />);
    expect(screen.getByRole('status')).toHaveTextContent(loading);
    expect(await screen.findByRole('heading', { level: 1, name: title })).toBeInTheDocument();
    const text = await writeExportFile(agentExport('Ana', { records: many, exportedAt: NOW }));
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(input, new File([text], 'ana.tmk.jsonl'));
    expect(await screen.findByText(imported)).toBeInTheDocument();
    expect(await screen.findByText(files)).toBeInTheDocument();
    // The figures once the team's events are recorded (in slices: issue 9).
    expect(await screen.findByRole('button', { name: new RegExp(`^${column}`) })).toBeInTheDocument();
  });

  it('says so while the figures are updated after another import', async () => {
    current.t = translator(loadMessages(locale));
    const db = createTeamDb(`report-i18n-${++n}`);
    dbs.push(db);
    // The recording's pauses pass until held, then wait (the update stays under way).
    let held = false;
    const pause = () => (held ? new Promise<void>(() => {}) : new Promise<void>((r) => setTimeout(r, 0)));
    render(<ReportApp db={db} now={NOW} recording={{ sliceMs: 0, pause }} />);
    const input = (await screen.findByRole('heading', { level: 1, name: title }), document.querySelector('input[type="file"]') as HTMLInputElement);
    await userEvent.upload(input, new File([await writeExportFile(agentExport('Ana', { records: many, exportedAt: NOW }))], 'ana.tmk.jsonl'));
    expect(await screen.findByRole('button', { name: new RegExp(`^${column}`) })).toBeInTheDocument();
    held = true;
    await userEvent.upload(input, new File([await writeExportFile(agentExport('Bea', { exportedAt: NOW }))], 'bea.tmk.jsonl'));
    expect(await screen.findByText(updating)).toHaveAttribute('aria-live', 'polite');
    // The last figures stay meanwhile.
    expect(screen.getByRole('button', { name: new RegExp(`^${column}`) })).toBeInTheDocument();
  });
});
