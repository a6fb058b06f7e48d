import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SettingsPage } from '../../components/options/SettingsPage';
import { settingsItem } from '../../lib/settings/item';

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
