/**
 * A busy agent's open cases: the popup lists the 20 most urgent at first and all of them on
 * request (issue 7: the first paint does not build a list of hundreds).
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../../../components/popup/PopupApp';
import type { PopupData, PopupSource } from '../../../components/popup/popup-data';
import { DEFAULT_SETTINGS } from '../../../lib/schema/defaults';
import { conversation } from '../metrics/build';

const now = new Date().setHours(18, 0, 0, 0);
const t = (minutesAgo: number) => now - minutesAgo * 60_000;

/** `n` customers each waiting since i+1 minutes ago: customer n waited longest (most urgent). */
function popupWithWaiting(n: number) {
  const records = Array.from({ length: n }, (_, i) => conversation([['customer', t(i + 1)]], { customer: `c${i + 1}` })).flat();
  const data: PopupData = { state: 'ready', records, settings: { ...DEFAULT_SETTINGS, agentName: 'Ana' }, total: records.length };
  const source: PopupSource = { subscribe: () => () => {}, getSnapshot: () => data, stop: () => {} };
  render(<PopupApp now={now} source={source} openUrl={vi.fn()} openSettings={vi.fn()} />);
}

const listed = () => within(screen.getByRole('list')).getAllByRole('link').map((a) => a.querySelector('.who')!.firstChild!.textContent);

describe("the popup's open cases", () => {
  it('lists the 20 most urgent of 25 and all of them on request, by keyboard', async () => {
    popupWithWaiting(25);
    await screen.findByRole('tabpanel');
    expect(screen.getByRole('heading', { name: 'Open cases (25)' })).toBeInTheDocument();
    expect(listed()).toEqual(Array.from({ length: 20 }, (_, i) => `@c${25 - i}`));
    const more = screen.getByRole('button', { name: 'Show all 25 open cases' });
    more.focus();
    await userEvent.keyboard('{Enter}');
    expect(listed()).toHaveLength(25);
    expect(listed().at(-1)).toBe('@c1');
    expect(screen.queryByRole('button', { name: /Show all/ })).toBeNull();
  });

  it('lists 20 open cases without a button', async () => {
    popupWithWaiting(20);
    await screen.findByRole('tabpanel');
    expect(listed()).toHaveLength(20);
    expect(screen.queryByRole('button', { name: /Show all/ })).toBeNull();
  });
});
