import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../../components/popup/PopupApp';
import { getDb } from '../../lib/db/database';
import { createRepository } from '../../lib/db/repository';
import { DEFAULT_SETTINGS } from '../../lib/schema/defaults';
import { settingsItem } from '../../lib/settings/item';
import { obs } from '../unit/observation-builder';

// Local noon today, so every message below falls inside "Today" whatever the zone.
const NOW = new Date().setHours(12, 0, 0, 0);
const MIN = 60_000;

beforeEach(async () => {
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, agentName: 'Ana', brandHandles: { x: ['acme'], facebook: [] } });
  const repo = createRepository(getDb());
  const ctx = { now: NOW, agentName: 'Ana' };
  const brand = { author: 'acme', authorName: 'Acme', fromBrand: true, customer: 'dana' };
  // Dana waits 20 min for my first answer, then 5 min for my second, which resolves the case.
  await repo.observe([obs({ id: '101', at: NOW - 120 * MIN }), obs({ id: '103', at: NOW - 90 * MIN })], ctx);
  await repo.tag(obs({ id: '102', at: NOW - 100 * MIN, ...brand }), { sentBy: 'me' }, ctx);
  await repo.tag(obs({ id: '104', at: NOW - 85 * MIN, ...brand }), { sentBy: 'me', status: 'resolved' }, ctx);
  // Eve has waited 45 min for nobody: an open case, 15 min past the 30 min target.
  await repo.observe([obs({ id: '201', rootId: '200', at: NOW - 45 * MIN, author: 'eve', customer: 'eve', text: 'app crashes', permalink: 'https://x.com/eve/status/201' })], ctx);
});
afterEach(async () => {
  await getDb().messages.clear();
});

/** The text of one value of one figure card, e.g. value('responseTime', 'median'). */
const value = (figure: string, name: string) =>
  document.querySelector(`[data-figure="${figure}"] [data-value="${name}"]`)?.textContent;

describe('the popup', () => {
  it("shows today's figures computed from the stored conversation", async () => {
    render(<PopupApp now={NOW} openUrl={vi.fn()} openSettings={vi.fn()} />);
    await screen.findByRole('tabpanel');
    expect(value('replies', 'count')).toBe('2');
    // Response times 20 and 5 min: median 12.5 min (shown 12m), p90 18.5 min, first response 20 min.
    expect(value('responseTime', 'median')).toBe('12m');
    expect(value('responseTime', 'p90')).toBe('18m');
    expect(value('firstResponseTime', 'median')).toBe('20m');
    // Resolved 35 min after the cycle started; 4 messages to resolve, 2 of them mine.
    expect(value('resolutionTime', 'median')).toBe('35m');
    expect(value('tweetsToResolve', 'mean')).toBe('4');
    expect(value('tweetsToResolve', 'brandRepliesMean')).toBe('2');
    // Two brand replies before the resolution: not a first-contact resolution.
    expect(value('fcr', 'rate')).toBe('0%');
    expect(value('fcr', 'denominator')).toBe('1');
    // Dana's first response (20 min) was on time. Eve's case, late but unanswered, is
    // nobody's reply yet, so it is not in my personal figure (lib/metrics/README.md).
    expect(value('slaFirst', 'rate')).toBe('100%');
  });

  it('lists the open cases, late first, and opens the thread on click', async () => {
    const openUrl = vi.fn();
    render(<PopupApp now={NOW} openUrl={openUrl} openSettings={vi.fn()} />);
    const list = await screen.findByRole('list');
    const [first] = within(list).getAllByRole('link');
    expect(first).toHaveTextContent('@eve');
    expect(first).toHaveTextContent('15m late');
    await userEvent.click(first!);
    expect(openUrl).toHaveBeenCalledWith('https://x.com/eve/status/201');
  });

  it('leaves out a case untouched for over 30 days, as the toolbar badge does', async () => {
    // Finn last wrote 40 days ago and nobody answered: inside the popup's 60-day read, but
    // past the open-case horizon the badge counts with.
    await createRepository(getDb()).observe([obs({ id: '301', rootId: '300', at: NOW - 40 * 24 * 60 * MIN, author: 'finn', customer: 'finn', permalink: 'https://x.com/finn/status/301' })], { now: NOW, agentName: 'Ana' });
    render(<PopupApp now={NOW} openUrl={vi.fn()} openSettings={vi.fn()} />);
    const list = await screen.findByRole('list');
    const people = within(list).getAllByRole('link').map((a) => a.textContent);
    expect(people.some((t) => t?.includes('@eve'))).toBe(true);
    expect(people.some((t) => t?.includes('@finn'))).toBe(false);
  });

  it('switches to the last 7 days', async () => {
    render(<PopupApp now={NOW} openUrl={vi.fn()} openSettings={vi.fn()} />);
    await screen.findByRole('tabpanel');
    await userEvent.click(screen.getByRole('tab', { name: '7 days' }));
    expect(screen.getByRole('tab', { name: '7 days' })).toHaveAttribute('aria-selected', 'true');
    expect(value('replies', 'count')).toBe('2');
  });

  describe('with business hours set', () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // Open every day 10:10–12:10 local: Dana's first 20 min wait (10:00–10:20) is 10 business
    // minutes; her second (10:30–10:35) is 5. Eve has waited since 11:15.
    const schedule = { timeZone: zone, week: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '10:10', end: '12:10' })), holidays: [] };
    const withSchedule = (targetMinutes: number) =>
      settingsItem.setValue({ ...DEFAULT_SETTINGS, agentName: 'Ana', brandHandles: { x: ['acme'], facebook: [] }, schedule, sla: { targetMinutes, limitHours: 24, overrides: [] } });

    it('says the SLA counts business hours and shows business median, p90 and mean beside the calendar ones', async () => {
      await withSchedule(30);
      render(<PopupApp now={NOW} openUrl={vi.fn()} openSettings={vi.fn()} />);
      await screen.findByRole('tabpanel');
      expect(screen.getByText(/SLA shares and deadlines count business hours only/)).toHaveTextContent(zone);
      // Calendar: 20 and 5 min. Business: 10 and 5 min: median 7.5 min, p90 9.5 min, mean 7.5 min.
      expect(value('responseTime', 'median')).toBe('12m');
      expect(value('responseTime', 'business-median')).toBe('7m');
      expect(value('responseTime', 'business-p90')).toBe('9m');
      expect(value('responseTime', 'business-mean')).toBe('7m');
      expect(value('responseTime', 'business-count')).toBe('2');
      const card = document.querySelector('[data-figure="responseTime"]')!;
      expect(card.querySelector('[data-time="calendar"]')).toHaveTextContent(/^Calendar time:/);
      expect(card.querySelector('[data-time="business"]')).toHaveTextContent(/^Business hours:/);
      expect(value('firstResponseTime', 'business-median')).toBe('10m');
      expect(value('resolutionTime', 'business-median')).toBe('25m');
      expect(document.querySelector('[data-figure="slaFirst"]')).toHaveTextContent('counted in business hours');
    });

    it('counts a deadline in business hours and says so', async () => {
      // A 4 h target: Eve used 45 business minutes by noon, so 3h 15m of business hours are
      // left (due tomorrow afternoon, 25 calendar hours away).
      await withSchedule(240);
      render(<PopupApp now={NOW} openUrl={vi.fn()} openSettings={vi.fn()} />);
      const [eve] = within(await screen.findByRole('list')).getAllByRole('link');
      expect(eve).toHaveTextContent('due in 3h 15m of business hours');
    });

    it('counts a late case in business hours too', async () => {
      // 30 min target: due 11:45, now 12:00, all of it inside opening hours.
      await withSchedule(30);
      render(<PopupApp now={NOW} openUrl={vi.fn()} openSettings={vi.fn()} />);
      const [eve] = within(await screen.findByRole('list')).getAllByRole('link');
      expect(eve).toHaveTextContent('15m of business hours late');
    });
  });

  it('marks the open cases that are mine by the same rule as the figures', async () => {
    const repo = createRepository(getDb());
    const ctx = { now: NOW, agentName: 'Ana' };
    // Dana comes back after my resolution and nobody has answered: her case is still mine.
    await repo.observe([obs({ id: '105', at: NOW - 30 * MIN, text: 'it broke again', permalink: 'https://x.com/dana/status/105' })], ctx);
    render(<PopupApp now={NOW} openUrl={vi.fn()} openSettings={vi.fn()} />);
    const items = within(await screen.findByRole('list')).getAllByRole('listitem');
    const byWho = Object.fromEntries(items.map((li) => [li.querySelector('.who')!.textContent!.split(' ')[0], li.getAttribute('data-credited')]));
    expect(byWho).toEqual({ '@dana': 'true', '@eve': 'false' });
    expect(items.find((li) => li.textContent!.includes('@dana'))).toHaveTextContent('yours');
    // Her reopened, unanswered cycle counts among my cycles in Escalated as well (Eve's is nobody's).
    expect(document.querySelector('[data-figure="escalation"] [data-value="share"]')).toHaveTextContent('0 of 2 cycles');
  });
});
