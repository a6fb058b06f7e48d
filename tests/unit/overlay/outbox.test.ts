// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createOutbox, isTransient } from '../../../lib/overlay/outbox';

const instant = () => Promise.resolve();

describe('outbox', () => {
  it('retries a write while the service worker is restarting, until it is acknowledged', async () => {
    const outbox = createOutbox({ signal: new AbortController().signal, sleep: instant });
    let calls = 0;
    const result = await outbox.send(async () => {
      calls++;
      if (calls < 4) throw new Error('Could not establish connection. Receiving end does not exist.');
      return 'stored';
    });
    expect(result).toBe('stored');
    expect(calls).toBe(4);
  });

  it('does not retry a refused write', async () => {
    const outbox = createOutbox({ signal: new AbortController().signal, sleep: instant });
    let calls = 0;
    await expect(outbox.send(async () => (calls++, Promise.reject(new Error('tag: patch.status: invalid'))))).rejects.toThrow(/invalid/);
    expect(calls).toBe(1);
  });

  it('delivers writes in the order they were made, even when the first needs retries', async () => {
    const outbox = createOutbox({ signal: new AbortController().signal, sleep: instant });
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
    await expect(outbox.send(() => Promise.reject(new Error('Receiving end does not exist')))).rejects.toThrow(/stopped/);
  });

  it.each([
    ['Could not establish connection. Receiving end does not exist.', true],
    ['tag: observation.id: not a platform id', false],
  ])('treats "%s" as transient: %s', (message, transient) => expect(isTransient(new Error(message))).toBe(transient));
});
