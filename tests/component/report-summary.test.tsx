/**
 * The team report's summary: the team's totals as the popup's figure cards
 * (components/figures), above the table, from the table's own team row.
 */
import { configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportApp } from '../../components/report/ReportApp';
import { NOW, anaRecords, beaRecords, fileOf, useTeamDb } from './small-team';
import { writeExportFile } from '../../lib/io/export-format';
import { agentExport } from '../unit/io/agent-export';
import { at, conversation } from '../unit/metrics/build';

configure({ asyncUtilTimeout: 5000 });

const teamDb = useTeamDb('report-summary-test');

async function renderWithTeam() {
  render(<ReportApp db={teamDb()} now={NOW} readOwnRecords={async () => []} />);
  await userEvent.upload(await screen.findByLabelText('Pick export files'), [await fileOf('Ana', anaRecords), await fileOf('Bea', beaRecords)]);
  return screen.findByRole('region', { name: 'Team totals' });
}

const value = (summary: HTMLElement, figure: string, name: string) => summary.querySelector(`[data-figure="${figure}"] [data-value="${name}"]`)?.textContent;

describe("the team report's summary cards", () => {
  it('shows the team total of every figure, as computed by hand', async () => {
    const summary = await renderWithTeam();
    expect(value(summary, 'replies', 'count')).toBe('4');
    expect(value(summary, 'responseTime', 'median')).toBe('15m');
    expect(value(summary, 'responseTime', 'mean')).toBe('25m');
    expect(value(summary, 'fcr', 'numerator')).toBe('1');
    expect(value(summary, 'fcr', 'denominator')).toBe('2');
    expect(value(summary, 'slaFirst', 'rate')).toBe('67%');
    expect(within(summary).getByRole('region', { name: 'First-contact resolution' })).toHaveTextContent('50%');
    // The team's cards speak of the brand's replies, not of "your" replies.
    expect(within(summary).getByRole('region', { name: 'Tweets to resolve' })).toHaveTextContent('Brand replies to resolve');
    expect(summary).not.toHaveTextContent(/your/i);
  });

  it('comes before the table and agrees with its team row', async () => {
    const summary = await renderWithTeam();
    const table = screen.getByRole('table', { name: /Figures per row/ });
    expect(summary.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const team = within(table).getByRole('rowheader', { name: 'Team total' }).closest('tr')!;
    expect(team.querySelector('[data-column="replies"] .value')!.textContent).toBe(value(summary, 'replies', 'count'));
    expect(team.querySelector('[data-column="response_median"] .value')!.textContent).toBe(value(summary, 'responseTime', 'median'));
  });

  it('follows the filters, like the table', async () => {
    const summary = await renderWithTeam();
    await userEvent.selectOptions(screen.getByLabelText('Agent'), 'Bea');
    expect(value(summary, 'replies', 'count')).toBe('2');
    expect(value(summary, 'responseTime', 'median')).toBe('10m');
  });

  it('is not shown before any file is imported', async () => {
    render(<ReportApp db={teamDb()} now={NOW} />);
    await screen.findByText("No data yet: import your agents' files.");
    expect(screen.queryByRole('region', { name: 'Team totals' })).toBeNull();
  });
});
