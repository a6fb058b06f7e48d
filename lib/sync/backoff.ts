/**
 * Retry schedule after a failed sync. The alarm fires every minute (the MV3 floor); after
 * failures the wait doubles (1, 2, 4 … minutes, at most an hour) so a server that is down
 * is not hammered, with a little jitter so a team's browsers do not retry in step.
 */
export const RETRY_BASE_MS = 60_000;
export const RETRY_MAX_MS = 60 * 60_000;

/** Wait before the next attempt after `failures` consecutive failures (≥ 1). */
export function retryDelay(failures: number, random: () => number = Math.random): number {
  const base = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.min(RETRY_MAX_MS, Math.round(base * (1 + 0.2 * random())));
}
