import { describe, expect, it, vi } from 'vitest';
import type { MessageView } from '../../../lib/messaging/protocol';
import { acknowledge, createOverlayStore, optimisticTag, putViews, settle } from '../../../lib/overlay/store';

const view = (id: string, over: Partial<MessageView> = {}): MessageView => ({
  id, stored: true, queryType: null, status: null, channel: null, sentiment: null,
  noReplyNeeded: false, sentBy: null, clock: null, waiting: false, latest: false, ...over,
});

describe('overlay store', () => {
  it('acknowledge = putViews + settle, in one update', () => {
    const a = createOverlayStore(0);
    const b = createOverlayStore(0);
    for (const s of [a, b]) optimisticTag(s, '1', { queryType: 'complaint' });
    const listener = vi.fn();
    a.subscribe(listener);
    const answer = view('1', { queryType: 'complaint', clock: null, latest: true });
    acknowledge(a, '1', answer);
    putViews(b, [answer]);
    settle(b, '1');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(a.getState()).toEqual(b.getState());
    expect(a.getState().saving['1']).toBe(0);
    expect(a.getState().views['1']).toBe(answer);
  });

  it('keeps other writes of the same post saving until they are acknowledged', () => {
    const s = createOverlayStore(0);
    optimisticTag(s, '1', { queryType: 'complaint' });
    optimisticTag(s, '1', { sentiment: 'negative' });
    acknowledge(s, '1', view('1', { queryType: 'complaint' }));
    expect(s.getState().saving['1']).toBe(1);
    acknowledge(s, '1', view('1', { queryType: 'complaint', sentiment: 'negative' }));
    expect(s.getState().saving['1']).toBe(0);
  });
});
