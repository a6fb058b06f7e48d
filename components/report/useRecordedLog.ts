import { useEffect, useState } from 'react';
import type { MessageColumns } from '../../lib/metrics/columns';
import { hasColumnLog, recordColumnLog, type RecordOptions } from '../../lib/metrics/figures';
import type { Settings } from '../../lib/schema/records';

/**
 * Records the team's event log (issue 9) in slices once the columns and settings are
 * loaded, and again when either changes (a reload after an import, other SLA or hours):
 * the table reads it, and recorded in one task at 1M it froze the page for seconds.
 * Returns whether it is ready and the share done (0–100). A change or leaving the page
 * aborts the recording under way; nothing of it is kept.
 */
export function useRecordedLog(
  columns: MessageColumns | undefined,
  settings: Settings | undefined,
  /** Slices and pauses (tests hold the recording between slices). */
  slicing: Pick<RecordOptions, 'sliceMs' | 'pause'> = {},
): { ready: boolean; percent: number } {
  const [percent, setPercent] = useState(0);
  // Bumped when a recording ends, so the page renders again with the kept log.
  const [, setDone] = useState(0);
  // A recording that failed (not aborted): the table records synchronously (columnLog), slow but shown.
  const [failed, setFailed] = useState<MessageColumns | null>(null);
  useEffect(() => {
    if (!columns || !settings || hasColumnLog(columns, settings)) return;
    const stop = new AbortController();
    setPercent(0);
    recordColumnLog(columns, settings, { ...slicing, signal: stop.signal, onProgress: (p) => setPercent(Math.floor(p * 100)) }).then(
      () => setDone((n) => n + 1),
      (error: unknown) => {
        if (stop.signal.aborted) return;
        console.error('Threadmark: recording the team report in slices failed', error);
        setFailed(columns);
      },
    );
    return () => stop.abort();
    // The slicing is fixed for the page's life: not a dependency.
  }, [columns, settings]);
  return { ready: (columns !== undefined && failed === columns) || (columns !== undefined && settings !== undefined && hasColumnLog(columns, settings)), percent };
}
