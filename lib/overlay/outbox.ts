import { RefusedError, StorageUnavailableError, type StorageProblem } from '../messaging/replies';

/**
 * Sends writes to the background one at a time, in order, retrying until acknowledged.
 * Writes are idempotent (keyed by platform ids, tags set values), so sending one again can
 * never double count: every failure is retried except a refusal (invalid input: final).
 *
 * - A stopped or restarting MV3 worker, a closed channel, anything the browser throws:
 *   retried with backoff for `retryForMs`, then the write fails (the caller shows the stored
 *   state). No list of error texts: browsers word these differently and change them.
 * - The database cannot be reached (blocked by an older version, failed to open): the
 *   background said so, so it is alive. The write stays queued, retried for as long as the
 *   page is open, and `onProblem` tells the bars why until a write gets through.
 */
export interface OutboxOptions {
  signal: AbortSignal;
  /** Delays between attempts, the last one repeats. */
  backoffMs?: number[];
  /** How long transport failures are retried before a write fails. */
  retryForMs?: number;
  /** After this long of transport failures the bars say the background does not answer. */
  reportAfterMs?: number;
  /** The current storage problem, or null once a write went through. */
  onProblem?: (problem: { problem: StorageProblem; detail: string } | null) => void;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  now?: () => number;
}

export const RETRY_FOR_MS = 30_000;

/** A refusal: the one failure that is not sent again. */
export function isRefusal(error: unknown): boolean {
  return error instanceof RefusedError;
}

export function createOutbox(options: OutboxOptions) {
  const backoff = options.backoffMs ?? [50, 100, 250, 500, 1000, 2000];
  const retryForMs = options.retryForMs ?? RETRY_FOR_MS;
  const reportAfterMs = options.reportAfterMs ?? 3000;
  const sleep = options.sleep ?? abortableSleep;
  const now = options.now ?? Date.now;
  let tail: Promise<unknown> = Promise.resolve();
  /** What was last reported, so each change is reported once. */
  let reported: string | null = null;

  function report(problem: { problem: StorageProblem; detail: string } | null) {
    const key = problem && `${problem.problem}:${problem.detail}`;
    if (key === reported) return;
    reported = key;
    options.onProblem?.(problem);
  }

  return {
    send<T>(attempt: () => Promise<T>): Promise<T> {
      const run = async (): Promise<T> => {
        let failingSince: number | null = null;
        for (let i = 0; ; i++) {
          if (options.signal.aborted) throw new Error('Threadmark stopped on this page');
          try {
            const value = await attempt();
            report(null);
            return value;
          } catch (e) {
            if (isRefusal(e)) {
              report(null); // the background answered: storage is reachable enough to judge
              throw e;
            }
            if (e instanceof StorageUnavailableError) {
              // Queued until the database is back: not bound by retryForMs.
              failingSince = null;
              report({ problem: e.problem, detail: e.detail });
            } else {
              failingSince ??= now();
              const failingFor = now() - failingSince;
              if (failingFor >= retryForMs) throw e;
              if (failingFor >= reportAfterMs) report({ problem: 'noAnswer', detail: '' });
            }
            await sleep(backoff[Math.min(i, backoff.length - 1)]!, options.signal);
          }
        }
      };
      const result = tail.then(run, run);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => (clearTimeout(t), resolve());
    const t = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
