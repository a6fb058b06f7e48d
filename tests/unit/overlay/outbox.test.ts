// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { RefusedError, StorageUnavailableError } from '../../../lib/messaging/replies';
import { createOutbox, type OutboxOptions } from '../../../lib/overlay/outbox';

/** An outbox on a fake clock: each sleep moves the clock on by its delay. */
function outboxOnFakeClock(extra: Partial<OutboxOptions> = {}) {
  let clock = 0;
  const problems: unknown[] = [];
  const outbox = createOutbox({
    signal: new AbortController().signal,
    now: () => clock,
    sleep: async (ms) => void (clock += ms),
    onProblem: (p) => problems.push(p),
    ...extra,
  });
  return { outbox, problems, elapsed: () => clock };
}

/** A write that fails `failures` times with `error`, then is stored. */
function flaky(failures: number, error: () => unknown) {
  let calls = 0;
  return {
    attempt: async () => {
      calls++;
      if (calls <= failures) throw error();
      return 'stored';
    },
    calls: () => calls,
  };
}

describe('outbox', () => {
  // Chrome and Firefox word a stopped worker in many ways; none is on a list any more.
  it.each([
    'Could not establish connection. Receiving end does not exist.',
    'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received',
    'The message port closed before a response was received.',
    'Extension context is being restarted',
  ])('retries a write until it is acknowledged while the worker fails with "%s"', async (message) => {
    const { outbox } = outboxOnFakeClock();
    const write = flaky(4, () => new Error(message));
    expect(await outbox.send(write.attempt)).toBe('stored');
    expect(write.calls()).toBe(5);
  });

  it('does not retry a refused write', async () => {
    const { outbox } = outboxOnFakeClock();
    const write = flaky(1, () => new RefusedError('tag: patch.status: invalid'));
    await expect(outbox.send(write.attempt)).rejects.toBeInstanceOf(RefusedError);
    expect(write.calls()).toBe(1);
  });

  it('gives up on a worker that never answers after the time limit, not before', async () => {
    const { outbox, elapsed } = outboxOnFakeClock({ retryForMs: 30_000 });
    const write = flaky(Infinity, () => new Error('Receiving end does not exist'));
    await expect(outbox.send(write.attempt)).rejects.toThrow(/Receiving end/);
    expect(elapsed()).toBeGreaterThanOrEqual(30_000);
    expect(elapsed()).toBeLessThan(33_000);
  });

  it('says the background does not answer once transport failures last, and clears it when a write gets through', async () => {
    const { outbox, problems } = outboxOnFakeClock({ reportAfterMs: 3000 });
    const write = flaky(10, () => new Error('message channel closed'));
    await outbox.send(write.attempt);
    expect(problems).toEqual([{ problem: 'noAnswer', detail: '' }, null]);
  });

  it('keeps a write queued past the time limit while the database is unreachable, says why, and stores it when it is back', async () => {
    const { outbox, problems, elapsed } = outboxOnFakeClock({ retryForMs: 30_000 });
    const write = flaky(100, () => new StorageUnavailableError('blocked'));
    const stored = outbox.send(write.attempt);
    const later = outbox.send(async () => 'feedback'); // queued behind it, not lost
    expect(await stored).toBe('stored');
    expect(await later).toBe('feedback');
    expect(elapsed()).toBeGreaterThan(60_000);
    expect(problems[0]).toEqual({ problem: 'blocked', detail: '' });
    expect(problems.at(-1)).toBeNull();
  });

  it('delivers writes in the order they were made, even when the first needs retries', async () => {
    const { outbox } = outboxOnFakeClock();
    const order: string[] = [];
    let failures = 2;
    const a = outbox.send(async () => {
      if (failures-- > 0) throw new Error('The message port closed before a response was received.');
      order.push('complaint');
    });
    const b = outbox.send(async () => void order.push('feedback'));
    await Promise.all([a, b]);
    expect(order).toEqual(['complaint', 'feedback']);
  });

  it('stops retrying when the page is left', async () => {
    const ac = new AbortController();
    const outbox = createOutbox({ signal: ac.signal, sleep: async () => ac.abort() });
    await expect(outbox.send(() => Promise.reject(new StorageUnavailableError('blocked')))).rejects.toThrow(/stopped/);
  });
});
