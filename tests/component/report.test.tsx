import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReportApp } from '../../components/report/ReportApp';
import { countTeamRecords } from '../../lib/db/team';
import { DEFAULT_SETTINGS } from '../../lib/schema/defaults';
import { settingsItem } from '../../lib/settings/item';
import { NOW, anaRecords, beaRecords, fileOf, useTeamDb } from './small-team';
import type { OutputFile } from '../../lib/io/agent-export';
import { readCsv } from '../../lib/io/csv';
import { writeExportFile } from '../../lib/io/export-format';
import { agentExport } from '../unit/io/agent-export';
import { at, conversation } from '../unit/metrics/build';

// Pages load the database and settings first: on a busy shared machine that can pass 1 s.
configure({ asyncUtilTimeout: 5000 });

const teamDb = useTeamDb('report-test');

async function renderWithTeam(save = vi.fn<(f: OutputFile) => void>()) {
  render(<ReportApp db={teamDb()} now={NOW} save={save} readOwnRecords={async () => []} />);
  await userEvent.upload(await screen.findByLabelText('Pick export files'), [await fileOf('Ana', anaRecords), await fileOf('Bea', beaRecords)]);
  await screen.findByRole('table', { name: /Figures per row/ });
  return save;
}

/** The text of one cell: row by its header, column by its id. */
const cell = (row: string, column: string) => {
  const table = screen.getByRole('table', { name: /Figures per row/ });
  const tr = within(table).getByRole('rowheader', { name: row }).closest('tr')!;
  return tr.querySelector(`[data-column="${column}"] .value`)!.textContent;
};
const rowNames = () => within(screen.getByRole('table', { name: /Figures per row/ }).querySelector('tbody')!).getAllByRole('rowheader').map((h) => h.textContent);

describe('the team report', () => {
  it('says there is no data yet before any file is imported', async () => {
    render(<ReportApp db={teamDb()} now={NOW} />);
    expect(await screen.findByText("No data yet: import your agents' files.")).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: /Figures per row/ })).toBeNull();
    expect(document.title).toBe('Team report');
    expect(document.documentElement.lang).toBe('en');
  });

  it("shows each agent's figures and the team total, as computed by hand", async () => {
    await renderWithTeam();
    expect(screen.getByText('ana.tmk.jsonl (Ana): 4 messages imported.')).toBeInTheDocument();
    expect(rowNames()).toEqual(['Ana', 'Bea']);
    expect([cell('Ana', 'replies'), cell('Ana', 'response_median'), cell('Ana', 'response_p90'), cell('Ana', 'response_mean')]).toEqual(['2', '40m', '56m', '40m']);
    expect([cell('Ana', 'sla_first_target'), cell('Ana', 'fcr'), cell('Ana', 'resolution_median')]).toEqual(['50%', '100%', '20m']);
    expect([cell('Bea', 'replies'), cell('Bea', 'response_median'), cell('Bea', 'fcr'), cell('Bea', 'resolution_median'), cell('Bea', 'tweets_to_resolve_median')]).toEqual(['2', '10m', '0%', '40m', '4']);
    expect([cell('Team total', 'replies'), cell('Team total', 'response_median'), cell('Team total', 'response_mean'), cell('Team total', 'fcr')]).toEqual(['4', '15m', '25m', '50%']);
    // Fewer than 10 values: p90 shows its n.
    const ana = within(screen.getByRole('table', { name: /Figures per row/ })).getByRole('rowheader', { name: 'Ana' });
    expect(ana.closest('tr')!.querySelector('[data-column="response_p90"]')).toHaveTextContent('(n=2)');
  });

  it('sorts by any column, both ways, and says so to screen readers', async () => {
    await renderWithTeam();
    const header = screen.getByRole('button', { name: /Response time, median/ });
    await userEvent.click(header);
    expect(rowNames()).toEqual(['Ana', 'Bea']);
    expect(header.closest('th')).toHaveAttribute('aria-sort', 'descending');
    await userEvent.click(header);
    expect(rowNames()).toEqual(['Bea', 'Ana']);
    expect(header.closest('th')).toHaveAttribute('aria-sort', 'ascending');
  });

  it('filters by agent, and by query type for every row', async () => {
    await renderWithTeam();
    await userEvent.selectOptions(screen.getByLabelText('Agent'), 'Bea');
    expect(rowNames()).toEqual(['Bea']);
    await userEvent.selectOptions(screen.getByLabelText('Agent'), 'All');
    await userEvent.selectOptions(screen.getByLabelText('Query type'), 'Technical question');
    expect([cell('Ana', 'replies'), cell('Bea', 'replies'), cell('Team total', 'replies')]).toEqual(['1', '0', '1']);
  });

  it('shows one row per query type', async () => {
    await renderWithTeam();
    await userEvent.selectOptions(screen.getByLabelText('Rows'), 'Per query type');
    expect([cell('Complaint', 'replies'), cell('Technical question', 'replies'), cell('Feedback', 'replies')]).toEqual(['3', '1', '0']);
  });

  it('says when nothing matches the filters', async () => {
    await renderWithTeam();
    await userEvent.selectOptions(screen.getByLabelText('Site'), 'Facebook');
    expect(screen.getByText('Nothing matches these filters in this period.')).toBeInTheDocument();
  });

  it('asks for both dates of a custom period, then shows it', async () => {
    await renderWithTeam();
    await userEvent.selectOptions(screen.getByLabelText('Period'), 'Custom dates');
    expect(screen.getByText(/Choose both dates/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('From'), '2024-03-01');
    await userEvent.type(screen.getByLabelText('To (included)'), '2024-03-03');
    expect(cell('Team total', 'replies')).toBe('0');
  });

  it('refuses a bad file naming the file, line and field, and stores nothing of it', async () => {
    render(<ReportApp db={teamDb()} now={NOW} />);
    const lines = (await writeExportFile(agentExport('Cai', { exportedAt: NOW }))).split('\n');
    lines[1] = lines[1]!.replace(/"rootId":"\d+"/, '"rootId":"<b>1</b>"');
    await userEvent.upload(await screen.findByLabelText('Pick export files'), new File([lines.join('\n')], 'cai.tmk.jsonl'));
    expect(await screen.findByText('cai.tmk.jsonl was refused; nothing of it was stored.')).toBeInTheDocument();
    expect(screen.getByText(/Line 2, field record.rootId:/)).toBeInTheDocument();
    expect(await countTeamRecords(teamDb())).toBe(0);
  });

  it('changes nothing when the same file is imported again', async () => {
    await renderWithTeam();
    await userEvent.upload(screen.getByLabelText('Pick export files'), await fileOf('Ana', anaRecords));
    expect(await screen.findByText('ana.tmk.jsonl: already imported, nothing changed.')).toBeInTheDocument();
    // The page reads the team's data again and records its events (in slices) before the table shows.
    await waitFor(() => expect(cell('Team total', 'replies')).toBe('4'));
  });

  it('exports the table as it is shown to CSV and JSON', async () => {
    const save = await renderWithTeam();
    await userEvent.click(screen.getByRole('button', { name: 'Table (CSV)' }));
    const rows = readCsv(save.mock.calls[0]![0].text);
    expect(rows.map((r) => [r[0], r[1], r[5]])).toEqual([['agent', 'team_total', 'replies'], ['Ana', '0', '2'], ['Bea', '0', '2'], ['', '1', '4']]);
    await userEvent.click(screen.getByRole('button', { name: 'Report (JSON)' }));
    const json = JSON.parse(save.mock.calls[1]![0].text);
    expect(json.rows.map((r: { figures: { response_median_s: number } }) => r.figures.response_median_s)).toEqual([2400, 600, 900]);
  });

  it('exports the cases of the period as CSV, read from the store with the case-status filter applied', async () => {
    const save = await renderWithTeam();
    await userEvent.click(screen.getByRole('button', { name: 'Cases (CSV)' }));
    // The cases are read from the store first: the file is saved once that read ends.
    await vi.waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    const all = readCsv(save.mock.calls[0]![0].text);
    // Status and message count of each case: Ana's two, Bea's one.
    expect(all.slice(1).map((r) => `${r[4]}/${r[6]}`).sort()).toEqual(['/2', 'resolved/2', 'resolved/4']);
    await userEvent.selectOptions(screen.getByLabelText('Case status'), 'resolved');
    await userEvent.click(screen.getByRole('button', { name: 'Cases (CSV)' }));
    await vi.waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    const resolved = readCsv(save.mock.calls[1]![0].text);
    expect(resolved.slice(1).map((r) => `${r[4]}/${r[6]}`).sort()).toEqual(['resolved/2', 'resolved/4']);
  });

  it('clears the team data after confirmation', async () => {
    await renderWithTeam();
    await userEvent.click(screen.getByRole('button', { name: 'Clear the team data' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, clear' }));
    expect(await screen.findByText("No data yet: import your agents' files.")).toBeInTheDocument();
    expect(await countTeamRecords(teamDb())).toBe(0);
  });

  it('draws each chart with its numbers in a table: buckets, query types, statuses and weeks', async () => {
    await renderWithTeam();
    const chart = (title: string) => {
      const figure = screen.getByRole('figure', { name: title });
      return Object.fromEntries(within(figure).getAllByRole('row').slice(1).map((r) => [r.querySelector('th')!.textContent, r.querySelector('td')!.textContent]));
    };
    // Response times 10, 10, 20 and 60 min.
    expect(chart('Response times')).toEqual({ '<15m': '2', '15–30m': '1', '30–60m': '0', '1–4h': '1', '4–8h': '0', '8–24h': '0', '24h+': '0' });
    expect(chart('Replies by query type')).toMatchObject({ Complaint: '3', 'Technical question': '1', Feedback: '0', 'No query type': '0' });
    // Two cases resolved, Ana's 11:00 case never got a status.
    expect(chart('Cases by status')).toEqual({ Open: '0', Pending: '0', Escalated: '0', Resolved: '2', 'No status': '1' });
    // The week holding 4 March: median 15m; first responses 20, 60 and 10 min → 2 of 3 within 30 min.
    const medians = Object.values(chart('Median response time per week'));
    const sla = Object.values(chart('First responses within SLA target, per week'));
    expect(medians.filter((v) => v !== '—')).toEqual(['15m']);
    expect(sla.filter((v) => v !== '—')).toEqual(['67%']);
  });

  it('lets the lead credit a reply two agents claimed to one of them', async () => {
    render(<ReportApp db={teamDb()} now={NOW} />);
    const both = agentExport('Ana', { exportedAt: NOW });
    const files = [
      new File([await writeExportFile(both)], 'ana.tmk.jsonl'),
      new File([await writeExportFile({ ...both, agentName: 'Bea', settings: { ...both.settings, agentName: 'Bea' } })], 'bea.tmk.jsonl'),
    ];
    await userEvent.upload(await screen.findByLabelText('Pick export files'), files);
    await screen.findByRole('table', { name: /Figures per row/ });
    await userEvent.selectOptions(screen.getByLabelText('Period'), 'All time');
    expect(screen.getByText(/1 reply is claimed by two agents/)).toBeInTheDocument();
    expect([cell('Ana', 'replies'), cell('Bea', 'replies'), cell('Team total', 'replies')]).toEqual(['0', '0', '2']);
    await userEvent.click(screen.getByRole('button', { name: 'Credit to Bea' }));
    await screen.findByText('No disagreements between the agents\' files.');
    expect([cell('Ana', 'replies'), cell('Bea', 'replies')]).toEqual(['0', '1']);
  });

  it('lists tags two agents set differently, in words, with the later one kept', async () => {
    render(<ReportApp db={teamDb()} now={NOW} />);
    const [c, r] = conversation([['customer', '10:00'], ['me', '10:20']], { agent: 'Ana' });
    const ana = [{ ...c!, queryType: 'complaint' as const, taggedAt: at('10:30') }, r!];
    const bea = [{ ...c!, queryType: 'feedback' as const, taggedAt: at('11:00') }, { ...r!, sentBy: 'teammate' as const, agent: null }];
    await userEvent.upload(await screen.findByLabelText('Pick export files'), [await fileOf('Ana', ana), await fileOf('Bea', bea)]);
    const table = await screen.findByRole('table', { name: /1 tag set differently/ });
    const [, row] = within(table).getAllByRole('row');
    expect(within(row!).getAllByRole('cell').slice(1).map((td) => td.textContent)).toEqual(['Query type', 'Feedback (Bea)', 'Complaint (Ana)']);
  });

  it('follows settings saved while it is open: a wider SLA target counts more first responses within it', async () => {
    await renderWithTeam();
    expect(cell('Ana', 'sla_first_target')).toBe('50%');
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, sla: { ...DEFAULT_SETTINGS.sla, targetMinutes: 600, limitHours: 24 } });
    await waitFor(() => expect(cell('Ana', 'sla_first_target')).toBe('100%'));
  });

  it('shows business time when the lead has a schedule', async () => {
    // Open 10:30–17:00 on weekdays: Ana's 10:00 → 10:20 reply took 0 business minutes, 11:00 → 12:00 took 60.
    await settingsItem.setValue({
      ...DEFAULT_SETTINGS,
      agentName: 'Lead',
      schedule: { timeZone: 'UTC', week: [1, 2, 3, 4, 5].map((day) => ({ day, start: '10:30', end: '17:00' })), holidays: [] },
    });
    await renderWithTeam();
    expect(cell('Ana', 'response_median')).toBe('40m');
    await userEvent.selectOptions(screen.getByLabelText('Time'), 'Business time');
    expect(cell('Ana', 'response_median')).toBe('30m');
    expect(cell('Ana', 'response_p90')).toBe('54m');
  });

  it('lists the cases behind a bar, with links to their threads', async () => {
    await renderWithTeam();
    const chart = screen.getByRole('figure', { name: 'Response times' });
    await userEvent.click(within(chart).getByRole('button', { name: '<15m' }));
    const list = screen.getByRole('region', { name: /Response times: <15m — 1 case/ });
    expect(list.querySelector('h3')).toHaveFocus();
    // Bea's two 10-minute replies are both in her one case.
    // The links are read from the store after the list shows (the columns hold none).
    const link = await within(list).findByRole('link', { name: `@${beaRecords[0]!.customer}` });
    expect(link).toHaveAttribute('href', beaRecords[0]!.permalink);
    expect(list).toHaveTextContent('X · 2');
    await userEvent.click(within(list).getByRole('button', { name: 'Close the list' }));
    expect(screen.queryByRole('region', { name: /Response times: <15m/ })).toBeNull();
  });

  it("adds the lead's own data in one click, like any agent's file", async () => {
    const own = conversation([['customer', '15:00'], ['me', '15:30']], { agent: 'whoever' });
    render(<ReportApp db={teamDb()} now={NOW} readOwnRecords={async () => own} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Add my own data' }));
    expect(await screen.findByText('My own data (Lead): 2 messages imported.')).toBeInTheDocument();
    await screen.findByRole('table', { name: /Figures per row/ });
    expect([cell('Lead', 'replies'), cell('Lead', 'response_median')]).toEqual(['1', '30m']);
  });
});
