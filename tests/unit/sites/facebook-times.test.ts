// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { agreesWith, parseRelativeTime } from '../../../lib/sites/facebook/relative-time';
import { collectComments, commentsFromEmbedded, commentsFromGraphQL, mergeComment, parseDocuments } from '../../../lib/sites/facebook/times';
import { standardPostPage } from '../../fixtures/facebook/standard-pages';
import { pageDoc } from './fixtures';
import { fbFile, fbFixtureDoc } from './facebook-fixtures';

const H = 3600_000;
const M = 60_000;
const D = 24 * H;

describe('exact times from the JSON embedded in the first load', () => {
  it('reads every comment of the hand-written data-sjs page, skipping the broken and the decoy blocks', () => {
    const map = commentsFromEmbedded(fbFixtureDoc('syn:sjs'));
    expect(Object.fromEntries(map)).toEqual({
      '1000000000000020': { id: '1000000000000020', createdTime: 1767261600, authorId: '100000000000002', authorKind: 'User', depth: 0, postId: '1000000000000010', text: 'My order has not arrived yet, can you check?' },
      '1000000000000022': { id: '1000000000000022', createdTime: 1767267000, authorId: '100000000000003', authorKind: 'User', depth: 0, postId: '1000000000000010', text: 'Do you ship abroad?' },
      '1000000000000021': { id: '1000000000000021', createdTime: 1767263400, authorId: '100000000000001', authorKind: 'Page', parentId: '1000000000000020', depth: 1, postId: '1000000000000010', text: 'Sorry about that, we have sent you a message.' },
    });
  });

  it('reads only the preloaded comments of a generated page, with their real times, and reads a block once', () => {
    const page = standardPostPage();
    const doc = pageDoc(page.html);
    const done = new WeakSet<Element>();
    const map = commentsFromEmbedded(doc, new Map(), done);
    expect([...map.keys()]).toEqual(page.preloadedIds);
    for (const id of page.preloadedIds) expect(map.get(id)?.createdTime).toBe(page.comments.find((c) => c.id === id)!.createdTime);
    expect(commentsFromEmbedded(doc, new Map(), done).size).toBe(0);
  });
});

describe('exact times from GraphQL responses', () => {
  it('reads both documents of a multi-document body (a page and a streamed reply chunk)', () => {
    const map = commentsFromGraphQL(fbFile('fb-graphql-comments-response.synthetic.jsonl'));
    expect([...map.keys()].sort()).toEqual(['1000000000000020', '1000000000000021', '1000000000000022']);
    expect(map.get('1000000000000021')).toMatchObject({ createdTime: 1767263400, parentId: '1000000000000020', authorKind: 'Page', depth: 1 });
  });

  it('strips the for (;;); prefix and reads every comment of "View more comments" and "View replies" with the real times', () => {
    const page = standardPostPage();
    expect(page.graphql.moreComments.startsWith('for (;;);')).toBe(true);
    const map = commentsFromGraphQL(page.graphql.moreComments);
    commentsFromGraphQL(page.graphql.replies, map);
    const expected = page.comments.filter((c) => !page.preloadedIds.includes(c.id) && (c.depth > 0 || c.id !== page.comments[0]!.id));
    expect(expected.length).toBeGreaterThan(5);
    for (const c of expected) expect(map.get(c.id), c.id).toMatchObject({ createdTime: c.createdTime, authorId: c.authorId, text: c.text, ...(c.parentId ? { parentId: c.parentId } : {}) });
  });

  it('keeps the full copy when a stub of the same comment comes first or last, and a stub never erases a field', () => {
    const full = { __typename: 'Comment', legacy_fbid: '5', created_time: 1767261600, author: { __typename: 'User', id: '9' }, body: { text: 'hi' } };
    const stub = { __typename: 'Comment', legacy_fbid: '5', depth: 1 };
    for (const order of [[stub, full], [full, stub]]) {
      expect(collectComments(order).get('5')).toEqual({ id: '5', createdTime: 1767261600, authorId: '9', authorKind: 'User', text: 'hi', depth: 1 });
    }
  });

  it('merges a comment seen twice with different texts into one: the first time stays, the later text wins', () => {
    const a = { id: '5', createdTime: 1767261600, text: 'helo' };
    const b = { id: '5', createdTime: 1767261999, text: 'hello (edited)' };
    expect(mergeComment(a, b)).toEqual({ id: '5', createdTime: 1767261600, text: 'hello (edited)' });
    expect(collectComments({ a: { __typename: 'Comment', legacy_fbid: '5', created_time: 1767261600, body: { text: 'helo' } }, b: [{ __typename: 'Comment', legacy_fbid: '5', created_time: 1767261600, body: { text: 'hello' } }] }).size).toBe(1);
  });

  it.each([
    ['no comments', JSON.stringify({ data: { viewer: { id: '1' } } })],
    ['an HTML error page', '<!DOCTYPE html><html>error</html>'],
    ['a truncated chunk', '{"data":{"node":{"__typename":"Comment","legacy_fbid":"5","created_time":17'],
    ['a comment-shaped object with a bad id', JSON.stringify({ __typename: 'Comment', legacy_fbid: '12ab', created_time: 1767261600 })],
    ['an empty body', ''],
  ])('returns nothing, without throwing, for %s', (_name, body) => {
    expect(commentsFromGraphQL(body).size).toBe(0);
  });

  it('ignores times that are not times and ids that are not ids, keeping the rest of the comment', () => {
    const map = collectComments({ __typename: 'Comment', legacy_fbid: '5', created_time: '1767261600', author: { id: 'javascript:1' } });
    expect(map.get('5')).toEqual({ id: '5' });
  });

  it('reads a 5 MB response with many comments and a huge unrelated field', () => {
    const page = standardPostPage();
    const filler = 'x'.repeat(4_000_000);
    const edges = Array.from({ length: 3000 }, (_, i) => ({ node: { __typename: 'Comment', legacy_fbid: String(2_000_000 + i), created_time: 1767261600 + i, body: { text: `comment ${i}` } } }));
    const body = `for (;;);${JSON.stringify({ data: { filler, edges } })}\n${page.graphql.replies}`;
    expect(body.length).toBeGreaterThan(4_000_000);
    const map = commentsFromGraphQL(body);
    expect(map.size).toBe(3000 + page.comments.filter((c) => c.depth > 0 && !page.preloadedIds.includes(c.id)).length);
    expect(map.get('2002999')?.createdTime).toBe(1767261600 + 2999);
  });

  it('walks a deeply nested document without overflowing the stack', () => {
    let deep: unknown = { __typename: 'Comment', legacy_fbid: '7', created_time: 1767261600 };
    for (let i = 0; i < 100_000; i++) deep = { n: deep };
    expect(collectComments(deep).get('7')?.createdTime).toBe(1767261600);
  });

  it('splits documents on new lines and skips what is not JSON', () => {
    expect(parseDocuments('for (;;);{"a":1}\n\nnot json\n{"b":2}\r\n[3]')).toEqual([{ a: 1 }, { b: 2 }, [3]]);
  });
});

describe('relative times to an interval', () => {
  const seen = Date.UTC(2026, 0, 15, 12, 0, 0);
  it.each([
    ['3m', 4 * M, 3 * M],
    ['2h', 3 * H, 2 * H],
    ['2 h', 3 * H, 2 * H],
    ['1d', 2 * D, D],
    ['1w', 14 * D, 7 * D],
    ['3w', 28 * D, 21 * D],
    ['1y', 731 * D, 365 * D],
    ['5 min', 6 * M, 5 * M],
    ['Just now', M, 0],
    ['a few seconds ago', M, 0],
    ['2 hours ago', 3 * H, 2 * H],
    ['an hour ago', 2 * H, H],
    ['1 minute ago', 2 * M, M],
    // Spanish
    ['hace 2 h', 3 * H, 2 * H],
    ['hace 2 horas', 3 * H, 2 * H],
    ['hace una hora', 2 * H, H],
    ['hace 3 días', 4 * D, 3 * D],
    ['2 sem', 21 * D, 14 * D],
    ['Ahora', M, 0],
    ['1 a', 731 * D, 365 * D],
    // Romanian
    ['acum 2 ore', 3 * H, 2 * H],
    ['acum o oră', 2 * H, H],
    ['acum 20 de minute', 21 * M, 20 * M],
    ['acum 5 minute', 6 * M, 5 * M],
    ['3 z', 4 * D, 3 * D],
    ['2 săpt.', 21 * D, 14 * D],
    ['acum 2 săptămâni', 21 * D, 14 * D],
    ['Acum', M, 0],
    ['acum 1 an', 731 * D, 365 * D],
  ] as const)('"%s" seen at noon means created between %i and %i ms earlier', (text, earliest, latest) => {
    expect(parseRelativeTime(text, seen)).toEqual({ from: seen - earliest, to: seen - latest });
  });

  it.each([['Yesterday at 10:15'], ['Ayer a las 10:15'], ['Ieri la 10:15'], ['yesterday at 10:15 am']])('"%s" is that minute of the day before, local time', (text) => {
    const local = new Date(seen);
    local.setDate(local.getDate() - 1);
    local.setHours(10, 15, 0, 0);
    expect(parseRelativeTime(text, seen)).toEqual({ from: local.getTime(), to: local.getTime() + M - 1 });
  });

  it.each([['September 1 at 10:00'], ['2h ago ago'], ['3 lightyears'], ['Yesterday at 25:00'], [''], ['x'.repeat(100)], ['hace'], ['12345 h']])('gives no interval for "%s" (unknown: no time rather than a wrong one)', (text) => {
    expect(parseRelativeTime(text, seen)).toBeNull();
  });

  it('accepts an exact time inside the interval, with two minutes of slack for clock skew, and rejects one outside', () => {
    const i = parseRelativeTime('2h', seen)!;
    expect(agreesWith(seen - 2.5 * H, i)).toBe(true);
    expect(agreesWith(seen - 2 * H + M, i)).toBe(true);
    expect(agreesWith(seen - 5 * H, i)).toBe(false);
  });

  it('brackets the real time of every generated comment, in every interface language', () => {
    for (const locale of ['en', 'es', 'ro'] as const) {
      const page = standardPostPage({ locale });
      for (const c of page.comments) {
        const i = parseRelativeTime(c.relative, page.now);
        expect(i, `${locale} ${c.relative}`).not.toBeNull();
        expect(agreesWith(c.createdTime * 1000, i!, 0), `${locale} ${c.relative}`).toBe(true);
      }
    }
  });
});
