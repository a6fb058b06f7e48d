/**
 * Facebook messages timed only by "2 h" are left out of the timed figures (DESIGN §3: never
 * guessed); the popup says how many, so a short list of timings is not mistaken for all.
 */
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../../../components/popup/PopupApp';
import type { PopupData, PopupSource } from '../../../components/popup/popup-data';
import { DEFAULT_SETTINGS } from '../../../lib/schema/defaults';
import type { MessageRecord } from '../../../lib/schema/records';
import { conversation } from '../metrics/build';

function popup(records: MessageRecord[], now: number) {
  const data: PopupData = { state: 'ready', records, settings: { ...DEFAULT_SETTINGS, agentName: 'Ana' }, total: records.length };
  const source: PopupSource = { subscribe: () => () => {}, getSnapshot: () => data, stop: () => {} };
  render(<PopupApp now={now} source={source} openUrl={vi.fn()} openSettings={vi.fn()} />);
}

describe('the popup and approximate times', () => {
  const now = new Date().setHours(18, 0, 0, 0);
  const t = (minutesAgo: number) => now - minutesAgo * 60_000;
  const approx = { atPrecision: 'approx' } as const;

  it.each([
    [0, []],
    [1, [0]],
    [2, [0, 2]],
  ])('with %i approximate message(s) says so (or nothing when there are none)', async (count, which) => {
    const steps = [['customer', t(120)], ['me', t(100)], ['customer', t(90)], ['me', t(85)]] as const;
    const records = conversation(
      steps.map(([who, at], i) => [who, at, which.includes(i) ? approx : {}] as const).map((s) => [...s]),
      { platform: 'facebook' },
    );
    popup(records, now);
    await screen.findByRole('tabpanel');
    const note = document.querySelector('[data-testid="approximate-left-out"]');
    if (count === 0) expect(note).toBeNull();
    else expect(note?.textContent).toBe(`${count} ${count === 1 ? 'message' : 'messages'} with only an approximate time left out of the timings`);
  });
});
