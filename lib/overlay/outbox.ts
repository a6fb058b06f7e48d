/**
 * Sends writes to the background one at a time, in order, retrying until acknowledged.
 * A service worker that was stopped (MV3 stops idle workers) answers "Receiving end does
 * not exist" until it restarts; the write is simply sent again, and because writes are
 * idempotent a retry can never double count. Other errors (a refused message) are final.
 */
export interface OutboxOptions {
  signal: AbortSignal;
  /** Delays between attempts, the last one repeats. */
  backoffMs?: number[];
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const TRANSIENT = /Receiving end does not exist|message port closed|Could not establish connection|No SW|disconnected port|Message manager disconnected/i;

export function isTransient(error: unknown): boolean {
  return TRANSIENT.test(error instanceof Error ? error.message : String(error));
}

export function createOutbox(options: OutboxOptions) {
  const backoff = options.backoffMs ?? [100, 250, 500, 1000, 2000, 4000];
  const sleep = options.sleep ?? abortableSleep;
  let tail: Promise<unknown> = Promise.resolve();

  return {
    send<T>(attempt: () => Promise<T>): Promise<T> {
      const run = async (): Promise<T> => {
        for (let i = 0; ; i++) {
          if (options.signal.aborted) throw new Error('Threadmark stopped on this page');
          try {
            return await attempt();
          } catch (e) {
            if (!isTransient(e)) throw e;
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
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
}
