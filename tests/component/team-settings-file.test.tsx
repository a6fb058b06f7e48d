import { configure, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SettingsPage } from '../../components/options/SettingsPage';
import type { OutputFile } from '../../lib/io/agent-export';
import { writeSettingsFile } from '../../lib/io/settings-file';
import { DEFAULT_SETTINGS } from '../../lib/schema/defaults';
import { settingsItem } from '../../lib/settings/item';

// Pages load the database and settings first: on a busy shared machine that can pass 1 s.
configure({ asyncUtilTimeout: 5000 });

const team = writeSettingsFile(
  {
    ...DEFAULT_SETTINGS,
    agentName: 'Lead',
    brandHandles: { x: ['AcmeHelp'], facebook: [] },
    sla: { targetMinutes: 15, limitHours: 8, overrides: [] },
    schedule: { timeZone: 'Europe/Madrid', week: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })), holidays: ['2024-12-25'] },
  },
  Date.UTC(2024, 5, 1),
);

beforeEach(async () => {
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, agentName: 'Ana', cost: { hourly: 20, weeklyHours: 30 } });
});

describe('the team settings file in settings', () => {
  it("applies the lead's file, shows it in the form and keeps the agent's name and cost", async () => {
    render(<SettingsPage />);
    await userEvent.upload(await screen.findByLabelText('Import a team settings file'), new File([team], 'team.json'));
    expect(await screen.findByText('team.json: team settings applied and saved.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Brand handles on X/ })).toHaveValue('acmehelp');
    expect(screen.getByRole('checkbox', { name: 'Measure in business hours' })).toBeChecked();
    const saved = await settingsItem.getValue();
    expect(saved).toMatchObject({ agentName: 'Ana', cost: { hourly: 20, weeklyHours: 30 }, sla: { targetMinutes: 15, limitHours: 8 } });
  });

  it('refuses a broken file and changes nothing', async () => {
    render(<SettingsPage />);
    await userEvent.upload(await screen.findByLabelText('Import a team settings file'), new File([team.replace('AcmeHelp', 'bad handle!')], 'team.json'));
    expect(await screen.findByText(/team.json was refused \(field team.brandHandles.x.0/)).toBeInTheDocument();
    expect((await settingsItem.getValue()).brandHandles.x).toEqual([]);
  });

  it('saves the team settings file for the lead', async () => {
    const save = vi.fn<(f: OutputFile) => void>();
    const { TeamSettingsFile } = await import('../../components/options/TeamSettingsFile');
    render(<TeamSettingsFile onImported={vi.fn()} save={save} />);
    await userEvent.click(screen.getByRole('button', { name: 'Export the team settings file' }));
    expect(JSON.parse(save.mock.calls[0]![0].text)).toMatchObject({ format: 'threadmark-settings', schemaVersion: 2 });
  });

  it('says what the business-hours box does, off and on', async () => {
    render(<SettingsPage />);
    const box = await screen.findByRole('checkbox', { name: 'Measure in business hours' });
    expect(box).toHaveAccessibleDescription(/every hour of the day counts/);
    await userEvent.click(box);
    expect(box).toHaveAccessibleDescription(/only the opening hours below count/);
  });
});
