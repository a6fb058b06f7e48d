/**
 * The popup's site filter (All, X, Facebook): every figure and the open cases of one site;
 * the open-cases list shows both sites and says which one each case is on.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../../../components/popup/PopupApp';
import type { PopupData, PopupSource } from '../../../components/popup/popup-data';
import { DEFAULT_SETTINGS } from '../../../lib/schema/defaults';
import { conversation } from '../metrics/build';

const now = new Date().setHours(18, 0, 0, 0);
const t = (minutesAgo: number) => now - minutesAgo * 60_000;

function popup() {
  const records = [
    // X: two replies of mine, and a customer still waiting.
    ...conversation([['customer', t(120)], ['me', t(100)], ['customer', t(90)], ['me', t(85)], ['customer', t(30)]], { customer: 'dana' }),
    // Facebook: one reply of mine, and a customer still waiting.
    ...conversation([['customer', t(60)], ['me', t(50)], ['customer', t(20)]], { platform: 'facebook', customer: '100012345678901' }).map((r) => ({
      ...r,
      permalink: `https://www.facebook.com/acme/posts/1?comment_id=${r.id}`,
    })),
  ];
  const data: PopupData = { state: 'ready', records, settings: { ...DEFAULT_SETTINGS, agentName: 'Ana' }, total: records.length };
  const source: PopupSource = { subscribe: () => () => {}, getSnapshot: () => data, stop: () => {} };
  render(<PopupApp now={now} source={source} openUrl={vi.fn()} openSettings={vi.fn()} />);
}

const replies = () => document.querySelector('[data-figure="replies"] [data-value="count"]')?.textContent;
const openCases = () => [...document.querySelectorAll('ol.cases .who')].map((w) => w.textContent);

describe('the site filter', () => {
  it.each([
    ['All', '3', ['100012345678901 · Facebook · yours', '@dana · X · yours']],
    ['X', '2', ['@dana · X · yours']],
    ['Facebook', '1', ['100012345678901 · Facebook · yours']],
  ])('%s shows %s replies of mine and the open cases %j', async (name, count, cases) => {
    popup();
    await screen.findByRole('tabpanel');
    const filter = screen.getByRole('group', { name: 'Site' });
    const button = within(filter).getByRole('button', { name });
    fireEvent.click(button);
    expect(button).toHaveAttribute('aria-pressed', 'true');
    expect(replies()).toBe(count);
    expect(openCases().sort()).toEqual([...cases].sort());
  });
});
