/**
 * Under the site filter's "All", each figure card says the same figure per site
 * ("By site: X 12m · Facebook 10m", issue 8) when the period has work on both sites; each
 * site's value is the one that site's filter shows.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../../../components/popup/PopupApp';
import type { PopupData, PopupSource } from '../../../components/popup/popup-data';
import type { MessageRecord } from '../../../lib/schema/records';
import { DEFAULT_SETTINGS } from '../../../lib/schema/defaults';
import { conversation } from '../metrics/build';

const now = new Date().setHours(18, 0, 0, 0);
const t = (minutesAgo: number) => now - minutesAgo * 60_000;

/**
 * By hand (SLA target 30 min):
 *   X, Dana: waits 20 min for my first reply, 5 min for my second, then writes again (waiting).
 *     Replies 2; response times 20m and 5m (median 12.5m, shown 12m); first response 20m.
 *   Facebook: waits 10 min for my reply, then writes again (waiting).
 *     Replies 1; response time 10m; first response 10m.
 *   Both: replies 3; response times 20, 10, 5 (median 10m); first responses 20, 10 (median 15m).
 */
const X_CASE = conversation([['customer', t(120)], ['me', t(100)], ['customer', t(90)], ['me', t(85)], ['customer', t(30)]], { customer: 'dana' });
const FACEBOOK_CASE = conversation([['customer', t(60)], ['me', t(50)], ['customer', t(20)]], { platform: 'facebook', customer: '100012345678901' });

function popup(records: MessageRecord[]) {
  const data: PopupData = { state: 'ready', records, settings: { ...DEFAULT_SETTINGS, agentName: 'Ana' }, total: records.length };
  const source: PopupSource = { subscribe: () => () => {}, getSnapshot: () => data, stop: () => {} };
  render(<PopupApp now={now} source={source} openUrl={vi.fn()} openSettings={vi.fn()} />);
}

/** A figure card, found as a screen reader finds it: the region named by its title. */
const card = (title: string) => screen.getByRole('region', { name: title });
const splitLine = (title: string) => card(title).querySelector('[data-split]');
const headline = (title: string, value: string) => card(title).querySelector(`.big [data-value="${value}"]`)?.textContent;

describe("the popup's per-site split", () => {
  it.each([
    ['Replies', '3', 'By site: X 2 · Facebook 1'],
    ['Response time', '10m', 'By site: X 12m · Facebook 10m'],
    ['First response time', '15m', 'By site: X 20m · Facebook 10m'],
    ['Resolution time', '—', 'By site: X — · Facebook —'],
  ])('shows %s (all sites %s) per site: "%s"', async (title, total, line) => {
    popup([...X_CASE, ...FACEBOOK_CASE]);
    await screen.findByRole('tabpanel');
    expect(card(title).querySelector('.big')).toHaveTextContent(total);
    expect(splitLine(title)).toHaveTextContent(line);
  });

  it("gives each site the value that site's filter shows", async () => {
    popup([...X_CASE, ...FACEBOOK_CASE]);
    await screen.findByRole('tabpanel');
    const titles = ['Replies', 'Response time', 'First response time', 'First responses within target', 'Reply rate'];
    const perSite = (title: string) =>
      Object.fromEntries([...splitLine(title)!.querySelectorAll('[data-site]')].map((s) => [s.getAttribute('data-site'), s.querySelector('[data-value="site"]')!.textContent]));
    const split = Object.fromEntries(titles.map((title) => [title, perSite(title)]));
    const filter = screen.getByRole('group', { name: 'Site' });
    for (const [site, name] of [['x', 'X'], ['facebook', 'Facebook']] as const) {
      fireEvent.click(within(filter).getByRole('button', { name }));
      for (const title of titles) {
        const big = card(title).querySelector('.big [data-value]')!.textContent;
        expect(split[title]![site], `${title} on ${name}`).toBe(big);
      }
      // One site chosen: the split would only repeat it.
      expect(document.querySelector('[data-split]')).toBeNull();
    }
  });

  it.each([
    ['only X', X_CASE],
    ['only Facebook', FACEBOOK_CASE],
  ])('shows no split for an agent with work on %s', async (_, records) => {
    popup(records);
    await screen.findByRole('tabpanel');
    expect(document.querySelector('[data-split]')).toBeNull();
    expect(headline('Replies', 'count')).toBe(records === X_CASE ? '2' : '1');
  });

  it('shows no split when the other site has no work in the chosen period', async () => {
    // Facebook's case was 3 days ago: "Today" has X only, "7 days" both.
    const days = 3 * 24 * 60;
    const oldFacebook = conversation([['customer', t(days + 60)], ['me', t(days + 50)]], { platform: 'facebook', customer: '100012345678901' });
    popup([...X_CASE, ...oldFacebook]);
    await screen.findByRole('tabpanel');
    expect(document.querySelector('[data-split]')).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: '7 days' }));
    expect(splitLine('Replies')).toHaveTextContent('By site: X 2 · Facebook 1');
  });
});
