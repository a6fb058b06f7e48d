import { act, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ReportApp } from '../../components/report/ReportApp';
import { DEFAULT_SETTINGS } from '../../lib/schema/defaults';
import { settingsItem } from '../../lib/settings/item';
import { NOW, anaRecords, beaRecords, fileOf, useTeamDb } from './small-team';

// Issue 9's leftover: a reload of the team's data (an import, a sync, a settings change)
// records the event log again; the last figures stay on screen meanwhile, marked as being
// updated, and the new ones replace them once the log is ready. The first load has nothing
// to show and keeps its progress bar.

configure({ asyncUtilTimeout: 5000 });

const teamDb = useTeamDb('report-update');

/** The recording's pauses between slices: they pass while open, wait while held. */
function gate() {
  const waiting: Array<() => void> = [];
  let held = false;
  return {
    pause: () => (held ? new Promise<void>((resolve) => waiting.push(resolve)) : new Promise<void>((r) => setTimeout(r, 0))),
    hold() {
      held = true;
    },
    /** Lets every recording go on to its end. */
    async open() {
      held = false;
      await act(async () => {
        for (const resolve of waiting.splice(0)) resolve();
        await new Promise((r) => setTimeout(r, 0));
      });
    },
    /** Lets one slice of whichever recording is waiting run (an aborted one then stops). */
    async step() {
      await act(async () => {
        waiting.shift()?.();
        await new Promise((r) => setTimeout(r, 0));
      });
    },
    get waiting() {
      return waiting.length;
    },
  };
}

const table = () => screen.getByRole('table', { name: /Figures per row/ });
const cell = (row: string, column: string) => within(table()).getByRole('rowheader', { name: row }).closest('tr')!.querySelector(`[data-column="${column}"] .value`)!.textContent;
const rowNames = () => within(table().querySelector('tbody')!).getAllByRole('rowheader').map((h) => h.textContent);
const note = () => screen.getByText((_, el) => el?.classList.contains('log-updating') ?? false);

/** The report with Ana's file imported and its figures shown; the recording then held. */
async function reportWithAna() {
  const g = gate();
  render(<ReportApp db={teamDb()} now={NOW} readOwnRecords={async () => []} recording={{ sliceMs: 0, pause: g.pause }} />);
  await userEvent.upload(await screen.findByLabelText('Pick export files'), await fileOf('Ana', anaRecords));
  await screen.findByRole('table', { name: /Figures per row/ });
  expect(rowNames()).toEqual(['Ana']);
  g.hold();
  return g;
}

/** Imports Bea's file and waits until the page reloaded the data and records its log (held). */
async function importBea(g: ReturnType<typeof gate>) {
  await userEvent.upload(screen.getByLabelText('Pick export files'), await fileOf('Bea', beaRecords));
  await screen.findByText('bea.tmk.jsonl (Bea): 4 messages imported.');
  await waitFor(() => expect(g.waiting).toBe(1));
}

describe('the team report while its figures are updated', () => {
  it('keeps the last figures on screen, greyed and busy, while an import is recorded, then shows the new ones', async () => {
    const g = await reportWithAna();
    await importBea(g);
    // The last figures, not a progress bar.
    expect(rowNames()).toEqual(['Ana']);
    expect(cell('Team total', 'replies')).toBe('2');
    expect(screen.queryByRole('progressbar')).toBeNull();
    const agents = table().closest('section')!;
    expect(agents).toHaveAttribute('aria-busy', 'true');
    expect(agents).toHaveClass('updating');
    expect(screen.getByRole('main')).toHaveAttribute('data-ready', 'false');

    await g.open();
    await waitFor(() => expect(rowNames()).toEqual(['Ana', 'Bea']));
    expect(cell('Team total', 'replies')).toBe('4');
    expect(table().closest('section')).not.toHaveAttribute('aria-busy');
    expect(table().closest('section')).not.toHaveClass('updating');
    expect(screen.getByRole('main')).toHaveAttribute('data-ready', 'true');
  });

  it('announces the update in a polite live region that is in the page before the note appears', async () => {
    const g = await reportWithAna();
    // A live region announces what is added to it, so it must exist (empty) beforehand.
    const region = note();
    expect(region).toHaveAttribute('role', 'status');
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toHaveTextContent(/^$/);
    await importBea(g);
    expect(note()).toBe(region);
    expect(region).toHaveTextContent('Updating the figures…');
    await g.open();
    await waitFor(() => expect(region).toHaveTextContent(/^$/));
  });

  it('applies a filter changed during the update to the figures shown, then to the new ones', async () => {
    const g = await reportWithAna();
    await importBea(g);
    await userEvent.selectOptions(screen.getByLabelText('Query type'), 'Complaint');
    // Ana's one complaint reply, from the last figures.
    expect(rowNames()).toEqual(['Ana']);
    expect(cell('Team total', 'replies')).toBe('1');
    expect(note()).toHaveTextContent('Updating the figures…');
    await g.open();
    // The new figures under the same filter: Bea's two complaint replies join.
    await waitFor(() => expect(rowNames()).toEqual(['Ana', 'Bea']));
    expect(screen.getByLabelText('Query type')).toHaveValue('complaint');
    expect([cell('Ana', 'replies'), cell('Bea', 'replies'), cell('Team total', 'replies')]).toEqual(['1', '2', '3']);
  });

  it('keeps the last figures when settings change again mid-update, and shows only the newest settings once recorded', async () => {
    const g = await reportWithAna();
    // SLA target 30 min: Ana's 20 min first response is within it, the 60 min one is not.
    expect(cell('Ana', 'sla_first_target')).toBe('50%');
    await importBea(g);
    await g.step();
    // A settings change aborts the recording under way and starts another.
    await act(() => settingsItem.setValue({ ...DEFAULT_SETTINGS, agentName: 'Lead', sla: { ...DEFAULT_SETTINGS.sla, targetMinutes: 5 } }));
    await g.step(); // the aborted recording's pause: it stops here
    await waitFor(() => expect(g.waiting).toBe(1));
    await act(() => settingsItem.setValue({ ...DEFAULT_SETTINGS, agentName: 'Lead', sla: { ...DEFAULT_SETTINGS.sla, targetMinutes: 600, limitHours: 24 } }));
    await g.step();
    await waitFor(() => expect(g.waiting).toBe(1));
    // Still the figures last shown: Ana alone, under the 30 min target.
    expect(rowNames()).toEqual(['Ana']);
    expect(cell('Ana', 'sla_first_target')).toBe('50%');
    expect(note()).toHaveTextContent('Updating the figures…');

    await g.open();
    await waitFor(() => expect(rowNames()).toEqual(['Ana', 'Bea']));
    // The newest settings (600 min), never the aborted 5 min ones.
    expect(cell('Ana', 'sla_first_target')).toBe('100%');
    expect(cell('Bea', 'sla_first_target')).toBe('100%');
    expect(note()).toHaveTextContent(/^$/);
  });

  it('holds the cases CSV until the update ends, so the file matches the figures shown', async () => {
    const g = await reportWithAna();
    const casesCsv = () => screen.getByRole('button', { name: 'Cases (CSV)' });
    expect(casesCsv()).toBeEnabled();
    await importBea(g);
    // The store already holds Bea's cases; the figures shown are still Ana's alone.
    expect(casesCsv()).toBeDisabled();
    await g.open();
    await waitFor(() => expect(rowNames()).toEqual(['Ana', 'Bea']));
    expect(casesCsv()).toBeEnabled();
  });

  it('keeps the progress bar on the first load, when there are no figures to show yet', async () => {
    const g = gate();
    g.hold();
    render(<ReportApp db={teamDb()} now={NOW} readOwnRecords={async () => []} recording={{ sliceMs: 0, pause: g.pause }} />);
    await userEvent.upload(await screen.findByLabelText('Pick export files'), await fileOf('Ana', anaRecords));
    await waitFor(() => expect(g.waiting).toBe(1));
    expect(screen.getByRole('progressbar', { name: "Preparing the team's figures…" })).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: /Figures per row/ })).toBeNull();
    expect(note()).toHaveTextContent(/^$/);
    await g.open();
    expect(await screen.findByRole('table', { name: /Figures per row/ })).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
