/**
 * The bench children's view of their own process memory (Linux /proc), shared by
 * metrics-child and team-child. The children run with --expose-gc.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export const MB = 1024 * 1024;

/** Peak resident memory of this process so far (VmHWM), in kB; null where /proc has none. */
export function vmHwmKB(): number | null {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Resets VmHWM to the current resident size, so a peak is the next step's own; false if not allowed. */
export function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Two full collections (the second frees what the first's finalizers released). */
export function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
}
