import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SettingsPage } from '../../components/options/SettingsPage';
import { settingsItem } from '../../lib/settings/item';
import { DEFAULT_SETTINGS } from '../../lib/schema/defaults';

beforeEach(() => fakeBrowser.reset());

async function field(name: RegExp) {
  return (await screen.findByRole('textbox', { name })) as HTMLInputElement;
}

describe('the settings page', () => {
  it('saves a name and brand handles, without "@" and in lower case', async () => {
    const user = userEvent.setup();
    render(<SettingsPage />);
    await user.type(await field(/your name/i), 'Ana');
    await user.type(await field(/brand handles on x/i), '@AcmeSupport, acme_help');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(await settingsItem.getValue()).toMatchObject({ agentName: 'Ana', brandHandles: { x: ['acmesupport', 'acme_help'] } });
  });

  it.each([
    ['SLA target (minutes)', '-5', 'Must be more than 0.'],
    ['SLA target (minutes)', '', 'Enter a number.'],
    ['Suggest moving to DM or phone after this many messages', '2.5', 'Use a whole number.'],
  ])('refuses %s = "%s" with "%s" next to the field, and saves nothing', async (label, input, message) => {
    const user = userEvent.setup();
    render(<SettingsPage />);
    const box = (await screen.findByRole('spinbutton', { name: label })) as HTMLInputElement;
    await user.clear(box);
    if (input) await user.type(box, input);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveAccessibleDescription(message);
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({});
  });

  it('names the handle that is malformed', async () => {
    const user = userEvent.setup();
    render(<SettingsPage />);
    await user.type(await field(/brand handles on x/i), 'acme, acme support!');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('An X handle is 1–15 letters, digits or _. (support!)');
  });

  it('refuses an unknown time zone for business hours', async () => {
    const user = userEvent.setup();
    render(<SettingsPage />);
    await user.click(await screen.findByRole('checkbox', { name: /business hours/i }));
    const zone = await field(/time zone/i);
    await user.clear(zone);
    await user.type(zone, 'Mars/Olympus');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Unknown time zone.')).toBeInTheDocument();
  });
});

describe('business hours in the settings page', () => {
  const split = {
    timeZone: 'Europe/Bucharest',
    week: [
      ...[1, 2, 3, 4, 5].flatMap((day) => [
        { day, start: '09:00', end: '12:00' },
        { day, start: '13:00', end: '17:00' },
      ]),
      { day: 6, start: '10:00', end: '14:00' },
    ],
    holidays: ['2026-12-25'],
  };

  it('keeps a schedule with a lunch break and other Saturday hours through a save', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, agentName: 'Ana', schedule: split });
    const user = userEvent.setup();
    render(<SettingsPage />);
    expect(await field(/^Mon$/)).toHaveValue('09:00–12:00, 13:00–17:00');
    expect(await field(/^Sat$/)).toHaveValue('10:00–14:00');
    expect(await field(/^Sun$/)).toHaveValue('');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    const saved = (await settingsItem.getValue()).schedule!;
    expect([...saved.week].sort((a, b) => a.day - b.day || a.start.localeCompare(b.start))).toEqual(
      [...split.week].sort((a, b) => a.day - b.day || a.start.localeCompare(b.start)),
    );
  });

  it('saves the hours typed for one day', async () => {
    const user = userEvent.setup();
    render(<SettingsPage />);
    await user.click(await screen.findByRole('checkbox', { name: /business hours/i }));
    const sunday = await field(/^Sun$/);
    await user.type(sunday, '10:00-13:00');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    const week = (await settingsItem.getValue()).schedule!.week;
    expect(week).toContainEqual({ day: 0, start: '10:00', end: '13:00' });
    expect(week.filter((w) => w.day === 1)).toEqual([{ day: 1, start: '09:00', end: '17:00' }]);
  });

  it.each([
    ['Tue', '9 to 5', 'Write hours as 09:00–17:00, several spans separated by commas. (9 to 5)'],
    ['Wed', '17:00–09:00', 'Closing time must be after opening time.'],
    ['Thu', '09:00–25:00', 'Use HH:MM (00:00–24:00).'],
  ])('refuses %s = "%s" next to that day, and saves nothing', async (day, input, message) => {
    const user = userEvent.setup();
    render(<SettingsPage />);
    await user.click(await screen.findByRole('checkbox', { name: /business hours/i }));
    const box = await field(new RegExp(`^${day}$`));
    await user.clear(box);
    await user.type(box, input);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveAccessibleDescription(message);
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({});
  });

  it('refuses a schedule with no open day', async () => {
    const user = userEvent.setup();
    render(<SettingsPage />);
    await user.click(await screen.findByRole('checkbox', { name: /business hours/i }));
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) await user.clear(await field(new RegExp(`^${day}$`)));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Give at least one day opening hours, or turn business hours off.');
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({});
  });
});
