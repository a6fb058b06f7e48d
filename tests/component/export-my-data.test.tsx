import { configure, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExportMyData } from '../../components/export/ExportMyData';
import { getDb } from '../../lib/db/database';
import type { OutputFile } from '../../lib/io/agent-export';
import { readCsv } from '../../lib/io/csv';
import { readExportFile } from '../../lib/io/export-format';
import { DEFAULT_SETTINGS } from '../../lib/schema/defaults';
import { settingsItem } from '../../lib/settings/item';
import { at, conversation } from '../unit/metrics/build';

// Pages load the database and settings first: on a busy shared machine that can pass 1 s.
configure({ asyncUtilTimeout: 5000 });

const NOW = at('2024-06-01 12:00');
const recent = conversation([
  ['customer', '2024-05-30 10:00', { queryType: 'complaint' }],
  ['me', '2024-05-30 10:20', { status: 'resolved' }],
]);
const old = conversation([['customer', '2024-01-10 10:00'], ['me', '2024-01-10 11:00']]);

beforeEach(async () => {
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, agentName: 'Ana', brandHandles: { x: ['AcmeHelp'], facebook: [] } });
  await getDb().messages.bulkPut([...recent, ...old]);
});
afterEach(async () => {
  await getDb().messages.clear();
});

async function exportWith(period?: string) {
  const save = vi.fn<(f: OutputFile) => void>();
  render(<ExportMyData now={() => NOW} save={save} />);
  if (period) await userEvent.selectOptions(screen.getByLabelText('Period'), screen.getByRole('option', { name: period }));
  await userEvent.click(screen.getByRole('button', { name: 'Export my data' }));
  await screen.findByText(/exported\./);
  return save;
}

describe('Export my data', () => {
  it('saves one export file with every stored record, the agent name and settings', async () => {
    const save = await exportWith();
    expect(save).toHaveBeenCalledTimes(1);
    const file = save.mock.calls[0]![0];
    expect(file.name).toBe('threadmark-ana-all_2024-06-01.tmk.jsonl');
    const read = await readExportFile(file.name, file.text);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.file.header.agent.name).toBe('Ana');
    expect(read.file.header.settings.brandHandles.x).toEqual(['AcmeHelp']);
    expect(read.file.records.map((r) => r.key).sort()).toEqual([...recent, ...old].map((r) => r.key).sort());
    expect(screen.getByRole('status')).toHaveTextContent('4 messages exported.');
  });

  it('exports only the chosen period', async () => {
    const save = await exportWith('Last 30 days');
    const read = await readExportFile('f', save.mock.calls[0]![0].text);
    if (!read.ok) throw new Error('refused');
    expect(read.file.records.map((r) => r.key).sort()).toEqual(recent.map((r) => r.key).sort());
  });

  it('offers the messages and figures CSV files beside the export file', async () => {
    const save = await exportWith('Last 30 days');
    await userEvent.click(screen.getByRole('button', { name: 'Download your figures (CSV)' }));
    const figures = save.mock.calls[1]![0];
    expect(figures.name).toMatch(/-figures\.csv$/);
    const rows = readCsv(figures.text);
    const row = Object.fromEntries(rows[0]!.map((h, i) => [h, rows[1]![i]]));
    expect(row).toMatchObject({ agent: 'Ana', replies: '1', response_median_s: '1200', fcr_pct: '100' });
    await userEvent.click(screen.getByRole('button', { name: 'Download your messages (CSV)' }));
    expect(readCsv(save.mock.calls[2]![0].text)).toHaveLength(3);
  });

  it('asks for a name when settings have none, then exports under it', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS });
    const save = vi.fn<(f: OutputFile) => void>();
    render(<ExportMyData now={() => NOW} save={save} />);
    await userEvent.click(screen.getByRole('button', { name: 'Export my data' }));
    expect(await screen.findByText(/Enter your name/)).toBeInTheDocument();
    expect(save).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText('Name on the file'), 'Bea');
    await userEvent.click(screen.getByRole('button', { name: 'Export my data' }));
    await screen.findByText(/exported\./);
    expect(save.mock.calls[0]![0].name).toMatch(/^threadmark-bea-/);
  });
});
