// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { newPageSession, storesConversation } from '../../../lib/overlay/page-session';
import type { Observation } from '../../../lib/schema/records';

describe('which conversations are stored', () => {
  const obs = (fromBrand: boolean) => ({ fromBrand }) as Observation;
  it.each([
    ['a conversation the brand takes part in', 'conversation', false, [obs(false), obs(true)], true],
    ['a conversation already tracked', 'conversation', true, [obs(false)], true],
    ['a conversation of customers only', 'conversation', false, [obs(false)], false],
    ['the notifications page, even with brand posts', 'mentions', false, [obs(true)], false],
  ] as const)('%s: %s', (_, kind, tracked, observations, stored) => {
    expect(storesConversation(kind, { ...newPageSession('https://x.com/a/status/1'), tracked }, observations)).toBe(stored);
  });
});
