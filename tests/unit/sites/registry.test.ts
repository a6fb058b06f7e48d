// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isPermalink } from '../../../lib/schema/sites';
import { createFacebookAdapter } from '../../../lib/sites/facebook';
import { matchPatterns, SITES, siteOf } from '../../../lib/sites/registry';
import type { SiteAdapter } from '../../../lib/sites/types';
import { xAdapter } from '../../../lib/sites/x';

const adapters: SiteAdapter[] = [xAdapter, createFacebookAdapter()];

describe('the site registry', () => {
  it.each(adapters.map((a) => [a.platform, a] as const))('lists exactly the hosts the %s adapter reads', (platform, adapter) => {
    expect([...SITES[platform].hosts].sort()).toEqual([...adapter.hosts].sort());
    for (const host of adapter.hosts) expect(adapter.matches(new URL(`https://${host}/`))).toBe(true);
  });

  it.each([
    ['https://x.com/acme/status/1', 'x'],
    ['https://mobile.twitter.com/acme/status/1', 'x'],
    ['https://www.facebook.com/acme/posts/1', 'facebook'],
    ['https://web.facebook.com/permalink.php?story_fbid=1&id=2', 'facebook'],
    ['https://m.facebook.com/acme/posts/1', 'facebook'],
    ['https://business.facebook.com/latest/inbox/all', 'facebook'],
    ['http://www.facebook.com/acme/posts/1', null],
    ['https://www.facebook.com.example/acme', null],
    ['https://developers.facebook.com/docs', null],
  ])('activates on %s: %s', (href, platform) => {
    expect(siteOf(new URL(href))?.platform ?? null).toBe(platform);
  });

  it('gives each content script one https match pattern per host, no wildcard hosts', () => {
    expect(matchPatterns('facebook')).toEqual([
      'https://www.facebook.com/*',
      'https://facebook.com/*',
      'https://web.facebook.com/*',
      'https://m.facebook.com/*',
      'https://business.facebook.com/*',
    ]);
    for (const p of [...matchPatterns('x'), ...matchPatterns('facebook')]) expect(p).toMatch(/^https:\/\/[a-z.]+\/\*$/);
  });

  it.each([
    ['x', '1850000000000000000', true],
    ['x', 'mid.$abc123', false],
    ['facebook', '1234567890123456', true],
    ['facebook', 'mid.$cAABa8Xk2', true],
    ['facebook', 'pfbid02abcdefghijk', false],
  ] as const)('holds %s message ids to the site format: %s', (platform, id, ok) => {
    expect(SITES[platform].idPattern.test(id)).toBe(ok);
  });

  it('lets a stored permalink point to every Facebook host the content script runs on', () => {
    for (const host of SITES.facebook.hosts) expect(isPermalink('facebook', `https://${host}/acme/posts/1`)).toBe(true);
  });
});
