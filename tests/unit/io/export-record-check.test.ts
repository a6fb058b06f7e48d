// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { recordLineSchema } from '../../../lib/io/export-format';
import { checkRecordLine, EARLIEST_TIME, isPermalinkFast } from '../../../lib/io/export-record-check';
import { isPermalink } from '../../../lib/schema/sites';
import { seededRandom } from '../../seeded-random';

/**
 * An export file's message lines are checked without zod (checkRecordLine); the zod line
 * schema stays the definition. These cases and the generated ones prove the two accept
 * and refuse exactly the same lines, and accept them as the same value.
 */
const MAX = Date.UTC(2025, 0, 2);
const schema = recordLineSchema(MAX);
const T = Date.UTC(2024, 5, 1, 10);

const xRecord = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  platform: 'x',
  id: '1790000000000000001',
  rootId: '1790000000000000000',
  inReplyTo: '1790000000000000000',
  author: 'acme_help',
  authorName: 'Acme Help',
  fromBrand: true,
  customer: 'jane_doe',
  at: T,
  atPrecision: 'exact',
  text: 'Sorry about that, DM us',
  permalink: 'https://x.com/acme_help/status/1790000000000000001',
  key: 'x:1790000000000000001',
  caseKey: 'x:1790000000000000000:jane_doe',
  sentBy: 'me',
  agent: 'Ana',
  queryType: 'complaint',
  status: 'resolved',
  channel: null,
  sentiment: 'neutral',
  noReplyNeeded: false,
  firstSeenAt: T,
  taggedAt: T + 60_000,
  updatedAt: T + 60_000,
  ...over,
});

const fbRecord = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...xRecord(),
  platform: 'facebook',
  id: '1234567890',
  rootId: 'pfbid0abcdefghijKLMNOP',
  inReplyTo: null,
  author: '100000001',
  authorName: 'Acme',
  customer: 'jane.doe',
  atPrecision: 'approx',
  approxFrom: T - 3_600_000,
  approxTo: T,
  textNote: 'translated',
  permalink: 'https://www.facebook.com/acme/posts/pfbid0abcdefghijKLMNOP?comment_id=1234567890',
  pageId: '100000001',
  sentAsPerson: true,
  key: 'facebook:1234567890',
  caseKey: 'facebook:pfbid0abcdefghijKLMNOP:jane.doe',
  sentBy: null,
  agent: null,
  queryType: null,
  status: null,
  sentiment: null,
  taggedAt: null,
  ...over,
});

const line = (record: unknown, over: Record<string, unknown> = {}) => ({ kind: 'message', record, ...over });

function agree(value: unknown): { zod: boolean; fast: boolean } {
  const z = schema.safeParse(value);
  const f = checkRecordLine(value, MAX);
  if (z.success && f) expect(f).toEqual(z.data.record);
  return { zod: z.success, fast: f !== null };
}

const CASES: [string, boolean, unknown][] = [
  ['an X reply', true, line(xRecord())],
  ['a Facebook comment with an approximate time, a Page and a note', true, line(fbRecord())],
  ['a customer message nobody tagged', true, line(xRecord({ fromBrand: false, author: 'jane_doe', sentBy: null, agent: null, taggedAt: null, queryType: null, status: null, sentiment: null }))],
  ['an agent name with spaces around it (kept trimmed)', true, line(xRecord({ agent: '  Ana  ' }))],
  ['times at the earliest and the latest allowed', true, line(xRecord({ at: EARLIEST_TIME, firstSeenAt: EARLIEST_TIME, updatedAt: MAX, taggedAt: MAX }))],
  ['an empty text and permalink-less name', true, line(xRecord({ text: '', authorName: '' }))],
  ['a time a millisecond after the export', false, line(xRecord({ updatedAt: MAX + 1 }))],
  ['a time before 2006', false, line(xRecord({ at: EARLIEST_TIME - 1 }))],
  ['a fractional time', false, line(xRecord({ at: T + 0.5 }))],
  ['a time as a string', false, line(xRecord({ at: String(T) }))],
  ['an approximate start beyond a safe integer', false, line(fbRecord({ approxFrom: 2 ** 60 }))],
  ['an interval on an exact time', false, line(fbRecord({ atPrecision: 'exact' }))],
  ['an interval that does not end at the time', false, line(fbRecord({ approxTo: T - 1 }))],
  ['half an interval', false, line(fbRecord({ approxFrom: undefined }))],
  ['an interval that ends before it starts', false, line(fbRecord({ approxFrom: T + 1 }))],
  ['a key that is not platform:id', false, line(xRecord({ key: 'x:1' }))],
  ['a case key of another customer', false, line(xRecord({ caseKey: 'x:1790000000000000000:someone' }))],
  ['an X author that is not a handle', false, line(xRecord({ author: 'acme help' }))],
  ['an X author that is one of X\'s own paths', false, line(xRecord({ author: 'i', caseKey: 'x:1790000000000000000:jane_doe' }))],
  ['a permalink to another site', false, line(xRecord({ permalink: 'https://evil.example/acme_help/status/1' }))],
  ['a javascript: permalink', false, line(xRecord({ permalink: 'javascript:alert(1)' }))],
  ['a Facebook permalink on an X record', false, line(xRecord({ permalink: 'https://www.facebook.com/x' }))],
  ['an agent name with markup', false, line(xRecord({ agent: '<b>Ana</b>' }))],
  ['an agent name starting with =', false, line(xRecord({ agent: '=cmd' }))],
  ['an agent name of spaces only', false, line(xRecord({ agent: '   ' }))],
  ['an agent name with a tab inside', false, line(xRecord({ agent: 'A\tna' }))],
  ['an agent name of 101 characters', false, line(xRecord({ agent: 'a'.repeat(101) }))],
  ['an author name with a direction override', false, line(xRecord({ authorName: 'Acme\u202e' }))],
  ['a text of 5,001 characters', false, line(xRecord({ text: 'a'.repeat(5001) }))],
  ['an unknown query type', false, line(xRecord({ queryType: 'rant' }))],
  ['an unknown text note', false, line(fbRecord({ textNote: 'edited' }))],
  ['sentAsPerson false', false, line(fbRecord({ sentAsPerson: false }))],
  ['a Page id with letters', false, line(fbRecord({ pageId: 'acme' }))],
  ['a platform id with a newline after it', false, line(xRecord({ id: '1790000000000000001\n', key: 'x:1790000000000000001\n' }))],
  ['an unknown platform', false, line(xRecord({ platform: 'threads' }))],
  ['a record with an extra field', false, line(xRecord({ html: '<b>' }))],
  ['a record with a __proto__ key', false, JSON.parse(JSON.stringify(line(xRecord())).replace('"platform"', '"__proto__":{},"platform"'))],
  ['a line with an extra field', false, line(xRecord(), { extra: 1 })],
  ['a line of another kind', false, line(xRecord(), { kind: 'header' })],
  ['a record that is an array', false, line([xRecord()])],
  ['a missing record', false, { kind: 'message' }],
  ['null', false, null],
  ['a string', false, JSON.stringify(line(xRecord()))],
];

describe("the fast check of an export file's message lines agrees with the zod schema", () => {
  it.each(CASES)('%s (accepted: %s)', (_name, accepted, value) => {
    expect(agree(value)).toEqual({ zod: accepted, fast: accepted });
  });

  it('agrees on thousands of generated lines, valid and broken', () => {
    // A seeded generator (mulberry32): the same lines every run.
    const rnd = seededRandom(0x7e57);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const values: unknown[] = [
      null, true, false, 0, -0, 1, 1.5, -1, 2 ** 53, T, T + 0.5, EARLIEST_TIME - 1, EARLIEST_TIME, MAX, MAX + 1, '', ' ', 'a', 'x', 'facebook',
      'exact', 'approx', 'me', 'teammate', 'complaint', 'resolved', 'dm', 'positive', 'translated', 'article', '123', '1'.repeat(26),
      'pfbid0abcdefghijKLMNOP', 'mid.$abcd', 'jane_doe', 'jane.doe', 'i', 'home', 'Ana', ' Ana ', '=1', '<b>', 'a\u0000b', 'a'.repeat(101),
      'a'.repeat(5001), 'https://x.com/a/status/1', 'https://www.facebook.com/a', 'http://x.com/a', 'https://x.com:8080/a', 'https://evil.com/',
      'x:1790000000000000001', 'x:1790000000000000000:jane_doe', [], {},
    ];
    const keys = [...Object.keys(fbRecord()), 'extra'];
    let accepted = 0;
    for (let n = 0; n < 6000; n++) {
      const r = rnd() < 0.5 ? xRecord() : fbRecord();
      // Zero to three random edits; a key edit may keep key/caseKey consistent with it.
      for (let e = Math.floor(rnd() * 4); e > 0; e--) {
        const k = pick(keys);
        if (rnd() < 0.15) delete r[k];
        else r[k] = pick(values);
        if (rnd() < 0.5) {
          r.key = `${String(r.platform)}:${String(r.id)}`;
          r.caseKey = `${String(r.platform)}:${String(r.rootId)}:${String(r.customer)}`;
        }
      }
      const l = rnd() < 0.03 ? line(r, pick([{ extra: 1 }, { kind: 'footer' }, { kind: undefined }])) : line(r);
      // Through JSON, as the reader sees it.
      const value: unknown = JSON.parse(JSON.stringify(l));
      const got = agree(value);
      expect(got.fast, JSON.stringify(value)).toBe(got.zod);
      if (got.zod) accepted++;
    }
    // Both kinds were generated in number.
    expect(accepted).toBeGreaterThan(600);
    expect(accepted).toBeLessThan(5400);
  });
});

describe("the fast check's permalink test agrees with isPermalink", () => {
  const LINKS: [string, 'x' | 'facebook', string][] = [
    ['an X status', 'x', 'https://x.com/acme_help/status/1790000000000000001'],
    ['a twitter.com status', 'x', 'https://twitter.com/acme_help/status/1'],
    ['a Facebook comment', 'facebook', 'https://www.facebook.com/acme/posts/pfbid0abc?comment_id=1234567890'],
    ['a Business Suite link', 'facebook', 'https://business.facebook.com/latest/inbox/all?asset_id=1&mailbox_id=2#x'],
    ['a host in capitals', 'x', 'https://X.COM/acme/status/1'],
    ['a scheme in capitals', 'x', 'HTTPS://x.com/acme/status/1'],
    ['credentials before the host', 'x', 'https://user:pw@x.com/acme'],
    ['an allowed host as the user name', 'x', 'https://x.com@evil.example/acme'],
    ['an explicit port', 'x', 'https://x.com:443/acme'],
    ['another port', 'x', 'https://x.com:8443/acme'],
    ['a backslash after the host', 'x', 'https://x.com\\@evil.example/'],
    ['a host with a trailing dot', 'x', 'https://x.com./acme'],
    ['a longer host', 'x', 'https://x.com.evil.example/acme'],
    ['no path', 'x', 'https://x.com'],
    ['encoded dots in the path', 'x', 'https://x.com/%2e%2e/%2e%2e/acme'],
    ['a space in the path', 'x', 'https://x.com/a b'],
    ['a tab in the host', 'x', 'https://x.\tcom/a'],
    ['plain http', 'x', 'http://x.com/acme'],
    ['javascript:', 'x', 'javascript:alert(1)//https://x.com/'],
    ['another site with the host in its path', 'x', 'https://evil.example/https://x.com/'],
    ['a Facebook link on X', 'x', 'https://www.facebook.com/acme'],
    ['an X link on Facebook', 'facebook', 'https://x.com/acme'],
    ['an empty link', 'x', ''],
  ];
  it.each(LINKS)('%s', (_, platform, href) => {
    expect(isPermalinkFast(platform, href)).toBe(isPermalink(platform, href));
  });

  it('agrees on 5,000 generated links around the allowed hosts', () => {
    const random = seededRandom(91);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const parts = ['https://', 'http://', 'HTTPS://', 'x.com', 'twitter.com', 'www.facebook.com', 'X.com', 'evil.example', '/', '//', '\\', '@', ':', ':443', '.', '%2e', '?', '#', '=', '&', ' ', '\t', 'a', 'Z9', '~', '-', '_', '+', 'é', '%', 'status/1'];
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const start = random() < 0.7 ? `https://${pick(['x.com', 'twitter.com', 'www.facebook.com', 'facebook.com'])}` : '';
      const href = start + (start && random() < 0.6 ? '/' : '') + Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(parts)).join('');
      for (const platform of ['x', 'facebook'] as const) {
        const fast = isPermalinkFast(platform, href);
        expect({ href, platform, fast }).toEqual({ href, platform, fast: isPermalink(platform, href) });
        if (fast) accepted++;
      }
    }
    // Both answers occur often: the links probe the boundary, not one side of it.
    expect(accepted).toBeGreaterThan(1000);
    expect(accepted).toBeLessThan(9000);
  });
});
