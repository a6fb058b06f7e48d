import { act, render, renderHook, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { generateMessages, toRecord } from '../../bench/data';
import { ReportApp } from '../../components/report/ReportApp';
import { useRecordedLog } from '../../components/report/useRecordedLog';
import { toColumns } from '../../lib/metrics';
import { hasColumnLog } from '../../lib/metrics/figures';
import { createTeamDb } from '../../lib/db/team';
import { settings } from '../unit/metrics/build';

// Issue 9: the report page records the team's event log in slices, giving the page its turn
// between them; the figures wait for it, and a change or leaving the page stops it.

const columns = () => toColumns(generateMessages({ messages: 3000, seed: 12, agents: ['ana', 'bea'], end: Date.UTC(2026, 0, 1), spanDays: 60 }).map(toRecord));

/** Pauses the test releases one by one: the recording stays between two slices until then. */
function heldPauses() {
  const waiting: Array<() => void> = [];
  return {
    pause: () => new Promise<void>((resolve) => waiting.push(resolve)),
    get waiting() {
      return waiting.length;
    },
    async release(all = false) {
      do {
        await act(async () => {
          waiting.shift()?.();
          await new Promise((r) => setTimeout(r, 0));
        });
      } while (all && waiting.length > 0);
    },
  };
}

describe('the report page\'s recording of the team\'s events', () => {
  it('shows its progress between slices and is ready only once every slice ran', async () => {
    const cols = columns();
    const s = settings({});
    const held = heldPauses();
    const { result } = renderHook(() => useRecordedLog(cols, s, { sliceMs: 0, pause: held.pause }));
    expect(result.current.ready).toBe(false);
    expect(held.waiting).toBe(1);
    await held.release();
    await held.release();
    const midway = result.current.percent;
    expect(result.current.ready).toBe(false);
    expect(midway).toBeGreaterThan(0);
    expect(midway).toBeLessThan(100);
    await held.release(true);
    expect(result.current.ready).toBe(true);
    expect(hasColumnLog(cols, s)).toBe(true);
  });

  it('stops when the page leaves, keeping nothing', async () => {
    const cols = columns();
    const s = settings({});
    const held = heldPauses();
    const { unmount } = renderHook(() => useRecordedLog(cols, s, { sliceMs: 0, pause: held.pause }));
    await held.release();
    unmount();
    await held.release(true);
    expect(hasColumnLog(cols, s)).toBe(false);
  });

  it('records again in slices when the SLA changes, dropping the recording under way', async () => {
    const cols = columns();
    const before = settings({});
    const after = settings({ sla: { targetMinutes: 5, limitHours: 1, overrides: [] } });
    const held = heldPauses();
    const { result, rerender } = renderHook(({ s }) => useRecordedLog(cols, s, { sliceMs: 0, pause: held.pause }), { initialProps: { s: before } });
    await held.release();
    rerender({ s: after });
    expect(result.current.ready).toBe(false);
    await held.release(true);
    expect(result.current.ready).toBe(true);
    expect(hasColumnLog(cols, after)).toBe(true);
    expect(hasColumnLog(cols, before)).toBe(false);
  });

  it('says the team\'s data is loading until it is read', async () => {
    render(<ReportApp db={createTeamDb(`recording-${Math.random()}`)} now={Date.UTC(2026, 0, 1)} readOwnRecords={async () => []} />);
    expect(screen.getByRole('status')).toHaveTextContent("Loading the team's data…");
    expect(screen.getByRole('main')).toHaveAttribute('aria-busy', 'true');
    // Then the page with nothing imported (and no recording to wait for).
    expect(await screen.findByText("No data yet: import your agents' files.")).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveAttribute('aria-busy', 'false');
  });
});
