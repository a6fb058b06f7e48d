import { useState } from 'react';
import type { TeamColumnsData } from '../../lib/db/team';
import type { RecordOptions } from '../../lib/metrics/figures';
import type { Settings } from '../../lib/schema/records';
import { useRecordedLog } from './useRecordedLog';

/** Team data and the settings its figures are computed under, shown together. */
export interface ShownTeam {
  data: TeamColumnsData;
  settings: Settings;
}

export interface ShownTeamState {
  /** What the figures show: the loaded data once its log is recorded, else the last one that was (undefined: none yet). */
  shown: ShownTeam | undefined;
  /**
   * 'first': nothing to show yet, the log is being recorded (progress bar);
   * 'updating': the last figures stay on screen while the new data's log is recorded;
   * 'ready': the figures are the loaded data's (or there is nothing to record).
   */
  phase: 'first' | 'updating' | 'ready';
  /** Share of the recording done (0–100). */
  percent: number;
}

/**
 * Keeps the last figures on screen while a reload (an import, a sync, a settings change)
 * records the team's event log again (~1.3 s at 1M), instead of hiding them behind the
 * progress bar: the old columns and their log stay referenced until the new log is ready,
 * then are let go in the same render the new figures appear. An aborted recording (another
 * change, the page left) keeps nothing of its half log (useRecordedLog), so the last
 * figures stay until a recording completes.
 */
export function useShownTeam(
  data: TeamColumnsData | undefined,
  settings: Settings | undefined,
  slicing: Pick<RecordOptions, 'sliceMs' | 'pause'> = {},
): ShownTeamState {
  const log = useRecordedLog(data?.columns, settings, slicing);
  const [last, setLast] = useState<ShownTeam>();
  const current = data && settings ? { data, settings } : undefined;
  const ready = current !== undefined && (log.ready || current.data.files.length === 0);
  // React's "adjust state while rendering": the pair becomes the last shown as soon as it is ready.
  if (ready && (last?.data !== data || last?.settings !== settings)) setLast(current);
  // Cleared team data has nothing to record and nothing old worth showing.
  if (ready || current === undefined) return { shown: current, phase: 'ready', percent: log.percent };
  if (last && last.data.files.length > 0) return { shown: last, phase: 'updating', percent: log.percent };
  return { shown: current, phase: 'first', percent: log.percent };
}
