// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { brandSet, newPageSession, storesConversation } from '../../../lib/overlay/page-session';
import { DEFAULT_SETTINGS } from '../../../lib/schema/defaults';
import type { Observation } from '../../../lib/schema/records';

describe('the page identity and brand set', () => {
  const adapter = (me: string | null) => ({ platform: 'x' as const, loggedInHandle: () => me });

  it('counts the handles in settings and the account logged in on the site, case-insensitively', () => {
    const settings = { ...DEFAULT_SETTINGS, brandHandles: { ...DEFAULT_SETTINGS.brandHandles, x: ['AcmeSupport'] } };
    expect([...brandSet(adapter('AcmeHelp'), settings)].sort()).toEqual(['acmehelp', 'acmesupport']);
  });

  it('is empty before settings are read and nobody is logged in', () => {
    expect(brandSet(adapter(null), null).size).toBe(0);
  });
});

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
