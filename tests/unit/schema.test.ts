import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/schema/defaults';
import { mergeObservation } from '../../lib/db/merge';
import { messageRecordSchema, messageRecordShape, settingsSchema } from '../../lib/schema/records';
import { observeInputSchema, tagInputSchema } from '../../lib/messaging/protocol';
import { cleanDisplayName, isHandle, isPermalink } from '../../lib/schema/sites';
import { obs } from './observation-builder';

describe('settings schema', () => {
  it('accepts the defaults', () => {
    expect(settingsSchema.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
  });

  it.each([
    ['a negative SLA target', { sla: { ...DEFAULT_SETTINGS.sla, targetMinutes: -5 } }, 'sla.targetMinutes'],
    ['a handle with a space', { brandHandles: { x: ['Acme Support'], facebook: [] } }, 'brandHandles.x.0'],
    ['a target longer than the limit', { sla: { targetMinutes: 600, limitHours: 2, overrides: [] } }, 'sla.targetMinutes'],
  ])('refuses %s and names the field', (_label, patch, path) => {
    const result = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('observation schema: the page is untrusted input', () => {
  const valid = obs();
  const NOW = Date.now();

  it('accepts an ordinary post', () => {
    expect(observeInputSchema.safeParse({ items: [valid] }).success).toBe(true);
    expect(tagInputSchema.safeParse({ observation: valid, patch: { status: 'open' } }).success).toBe(true);
  });

  it.each([
    ['a javascript: permalink', { permalink: 'javascript:alert(1)' }, 'permalink'],
    ['a permalink to another site', { permalink: 'https://evil.example/dana/status/101' }, 'permalink'],
    ['a look-alike host', { permalink: 'https://x.com.evil.example/dana/status/101' }, 'permalink'],
    ['a permalink with credentials', { permalink: 'https://x.com@evil.example/dana/status/101' }, 'permalink'],
    ['a plain-http permalink', { permalink: 'http://x.com/dana/status/101' }, 'permalink'],
    ['an author with markup', { author: '<img src=x onerror=alert(1)>', customer: null }, 'author'],
    ['an author longer than X allows', { author: 'a'.repeat(16), customer: null }, 'author'],
    ['an author that is one of the paths X keeps for itself (/i/status/…)', { author: 'i', customer: null }, 'author'],
    ['a customer with markup', { fromBrand: true, author: 'acme', customer: '<b>dana</b>' }, 'customer'],
    ['a display name with a right-to-left override', { authorName: 'Ana\u202Eanatas' }, 'authorName'],
    ['a display name with a bidi isolate', { authorName: '\u2067Ana' }, 'authorName'],
    ['a display name with a control character', { authorName: 'Ana\u0000' }, 'authorName'],
    ['a time of 1e15 (year 33658)', { at: 1e15 }, 'at'],
    ['a time in the year 275760', { at: Date.parse('+275760-09-13T00:00:00.000Z') }, 'at'],
    ['a time before X existed', { at: Date.UTC(2006, 2, 20) }, 'at'],
    ['a time two days ahead', { at: NOW + 2 * 86_400_000 }, 'at'],
  ])('refuses %s and names the field', (_label, patch, field) => {
    const bad = { ...valid, ...patch };
    for (const result of [observeInputSchema.safeParse({ items: [bad] }), tagInputSchema.safeParse({ observation: bad, patch: {} })]) {
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((i) => i.path.at(-1))).toContain(field);
    }
  });

  it.each([
    ['x.com', 'https://x.com/Dana_1/status/101'],
    ['twitter.com', 'https://twitter.com/dana/status/101'],
  ])('accepts a permalink on %s', (_host, permalink) => {
    expect(observeInputSchema.safeParse({ items: [{ ...valid, permalink }] }).success).toBe(true);
  });

  it('accepts a time up to a day ahead of this clock (a clock set a little wrong)', () => {
    expect(observeInputSchema.safeParse({ items: [{ ...valid, at: NOW + 3_600_000 }] }).success).toBe(true);
  });

  it('accepts names in any script, emoji and right-to-left text', () => {
    for (const authorName of ['Ana María 🌷', 'محمد', 'Ștefan Țăran']) {
      expect(observeInputSchema.safeParse({ items: [{ ...valid, authorName }] }).success).toBe(true);
    }
  });

  it.each([
    ['www.facebook.com', 'https://www.facebook.com/acme/posts/1?comment_id=2', true],
    ['web.facebook.com', 'https://web.facebook.com/permalink.php?story_fbid=1&id=2', true],
    ['m.facebook.com', 'https://m.facebook.com/acme/posts/1', true],
    ['business.facebook.com', 'https://business.facebook.com/latest/inbox/all?selected_item_id=5', true],
    ['a look-alike host', 'https://www.facebook.com.evil.example/acme/posts/1', false],
    ['plain http', 'http://www.facebook.com/acme/posts/1', false],
    ['an X host', 'https://x.com/acme/status/1', false],
  ])('accepts Facebook permalinks on the hosts the adapter runs on: %s', (_label, href, ok) => {
    expect(isPermalink('facebook', href)).toBe(ok);
  });

  it.each([
    ['a numeric profile id', '100012345678901', true],
    ['a vanity name', 'customer.two', true],
    ['a display name with a space', 'Customer Two', false],
    ['a Facebook path that is not a profile', 'permalink.php', false],
  ])('holds Facebook authors to numeric ids or vanity names: %s', (_label, author, ok) => {
    expect(isHandle('facebook', author)).toBe(ok);
  });

  it('strips control and direction characters from a display name read off the page', () => {
    expect(cleanDisplayName(' Ana\u202E \u2066María\u0007 ')).toBe('Ana María');
  });
});

describe('stored record schema', () => {
  const record = mergeObservation(undefined, obs({ textNote: 'article' }), Date.UTC(2026, 10, 3));

  it('accepts what the sighting merge stores', () => {
    expect(messageRecordSchema.safeParse(record).success).toBe(true);
  });

  it.each([
    ['author `i` (an /i/status/ permalink read as a handle)', { author: 'i', permalink: 'https://x.com/i/status/101', customer: 'i', caseKey: 'x:100:i' }],
    ['a time in the year 275760', { at: 8.64e15 }],
  ])('refuses a record written by layout drift: %s', (_label, patch) => {
    expect(messageRecordSchema.safeParse({ ...record, ...patch }).success).toBe(false);
  });

  it('keeps a plain object shape to derive export rows from', () => {
    expect(Object.keys(messageRecordShape.pick({ key: true, at: true }).shape)).toEqual(['key', 'at']);
  });
});
