// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createCommentScan } from '../../../lib/sites/facebook/comment-scan';
import { installTap, summarise, SLICED_FROM_CHARS, type TapMessage, type TapWindow } from '../../../lib/sites/facebook/tap';
import { commentsFromGraphQL } from '../../../lib/sites/facebook/times';
import { standardPostPage } from '../../fixtures/facebook/standard-pages';
import { fbFile } from './facebook-fixtures';

/** Scans to the end with a clock that moves 1 ms per look: returns the comments and how many slices it took. */
function scanAll(body: string, budgetMs = 8): { comments: Map<string, unknown>; slices: number } {
  let t = 0;
  const scan = createCommentScan(body, () => t++);
  let slices = 1;
  while (!scan.step(budgetMs)) slices++;
  return { comments: scan.comments, slices };
}

const sorted = (m: Map<string, unknown>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));

function bigBody(): string {
  const page = standardPostPage();
  const filler = 'x'.repeat(4_000_000);
  const edges = Array.from({ length: 3000 }, (_, i) => ({ node: { __typename: 'Comment', legacy_fbid: String(2_000_000 + i), created_time: 1767261600 + i, author: { __typename: 'User', id: String(9_000 + i) }, body: { text: `comment {${i}} "quoted" \\ end` } } }));
  return `for (;;);${JSON.stringify({ data: { filler, edges } })}\n${page.graphql.replies}`;
}

/** Written as text: JSON.stringify itself overflows at this depth. */
const nested = (depth: number) => `${'{"n":'.repeat(depth)}{"__typename":"Comment","legacy_fbid":"7","created_time":1767261600}${'}'.repeat(depth)}`;

const full = { __typename: 'Comment', legacy_fbid: '5', created_time: 1767261600, author: { __typename: 'Page', id: '42' }, body: { text: 'full' } };
const stub = { __typename: 'Comment', legacy_fbid: '5', depth: 1 };

describe('reading a large GraphQL body in slices', () => {
  it.each([
    ['the fixture response (several documents, for (;;);)', () => fbFile('fb-graphql-comments-response.synthetic.jsonl')],
    ['the generated page\'s "View more comments" and "View replies"', () => `${standardPostPage().graphql.moreComments}\n${standardPostPage().graphql.replies}`],
    ['a 5 MB body with a huge unrelated field and braces and quotes in texts', bigBody],
    ['a stub before the full copy, in one document', () => JSON.stringify({ a: [stub, full] })],
    ['the full copy before a stub, in two documents', () => `for (;;);${JSON.stringify(full)}\n${JSON.stringify({ x: stub })}`],
    ['replies nested in their comment', () => JSON.stringify({ __typename: 'Comment', legacy_fbid: '1', created_time: 1767261600, replies: { edges: [{ node: { __typename: 'Comment', legacy_fbid: '2', created_time: 1767261700, comment_direct_parent: { legacy_fbid: '1' } } }] } })],
    ['a comment 100,000 objects deep', () => nested(100_000)],
    ['a "__typename":"Comment" that is only text inside a string', () => JSON.stringify({ note: '{"__typename":"Comment","legacy_fbid":"9","created_time":1767261600}', c: full })],
  ])('finds the same comments as parsing it whole: %s', (_what, body) => {
    const text = body();
    const whole = commentsFromGraphQL(text);
    expect(whole.size).toBeGreaterThan(0);
    expect(sorted(scanAll(text).comments)).toEqual(sorted(whole));
  });

  it.each([
    ['a truncated chunk', `{"data":{"c":${JSON.stringify(full)},"more":"cut off`],
    ['an HTML error page', '<html><body>{"__typename":"Comment","legacy_fbid":"5","created_time":1767261600}</body></html>'],
    ['a document whose brackets do not match', `{"c":${JSON.stringify(full)}]`],
  ])('reads nothing from %s, as parsing it whole would', (_what, text) => {
    expect(commentsFromGraphQL(text).size).toBe(0);
    expect(scanAll(text).comments.size).toBe(0);
  });

  it('stops when its time is up and goes on where it stopped', () => {
    const { comments, slices } = scanAll(bigBody(), 4);
    expect(slices).toBeGreaterThan(3);
    expect(comments.get('2002999')).toMatchObject({ createdTime: 1767261600 + 2999, authorId: '11999' });
  });

  it('stops between the small documents of a streamed response too, and reads each whole', () => {
    const docs = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ label: 'CommentsList$stream', data: { node: { __typename: 'Comment', legacy_fbid: String(5_000_000 + i), created_time: 1767261600 + i, body: { text: 'y'.repeat(200) } } } }));
    const body = `for (;;);${docs.join('\n')}`;
    expect(body.length).toBeGreaterThan(5_000_000);
    const { comments, slices } = scanAll(body, 4);
    expect(slices).toBeGreaterThan(3);
    expect(sorted(comments)).toEqual(sorted(commentsFromGraphQL(body)));
  });
});

describe('the tap on a large response', () => {
  it('reads it in several tasks, not one, and posts what summarise would', async () => {
    const body = bigBody();
    expect(body.length).toBeGreaterThan(SLICED_FROM_CHARS);
    const tasks: (() => void)[] = [];
    const posted: TapMessage[] = [];
    const win = {
      location: { origin: 'https://www.facebook.com' },
      postMessage: () => {},
      fetch: async (_url: string, _init?: RequestInit) => new Response(body),
    };
    // A clock that moves 1 ms per reading: slices end by the work done, not by this machine's speed.
    let clock = 0;
    installTap(win as unknown as TapWindow, { post: (m) => posted.push(m), defer: (fn) => void tasks.push(fn), now: () => clock++ });
    expect(await (await win.fetch('/api/graphql/', { method: 'POST', body: 'av=42' })).text()).toBe(body);
    await new Promise((r) => setTimeout(r, 20));
    let ran = 0;
    while (tasks.length) {
      tasks.shift()!();
      ran++;
    }
    expect(ran).toBeGreaterThan(2);
    const expected = summarise(body, '42')!;
    expect(posted).toHaveLength(1);
    expect(posted[0]!.actor).toBe('42');
    expect([...posted[0]!.items].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...expected.items].sort((a, b) => a.id.localeCompare(b.id)));
  });
});
