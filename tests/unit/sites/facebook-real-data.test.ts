// @vitest-environment jsdom
/**
 * Every real conversation (../shared/data: 525, or the bundled 12) as Facebook comment
 * threads, one Page post per brand and batch: the adapter reads back each comment as drawn,
 * and ends with Facebook's exact time for every one once the embedded JSON and the GraphQL
 * responses are in.
 */
import { describe, expect, it } from 'vitest';
import { createFacebookAdapter, type FacebookPost } from '../../../lib/sites/facebook';
import { summarise } from '../../../lib/sites/facebook/tap';
import { createTapReceiver } from '../../../lib/sites/facebook/tap-receiver';
import { buildPostPage } from '../../fixtures/facebook/post-page';
import { loadCareConversations, type FixtureConversation } from '../../fixtures/x/care-data';
import { pageDoc } from './fixtures';

function batches(): FixtureConversation[][] {
  const byBrand = new Map<string, FixtureConversation[]>();
  for (const c of loadCareConversations()) byBrand.set(c.brand, [...(byBrand.get(c.brand) ?? []), c]);
  const out: FixtureConversation[][] = [];
  for (const list of byBrand.values()) for (let i = 0; i < list.length; i += 8) out.push(list.slice(i, i + 8));
  return out;
}

describe('Facebook adapter on every real conversation', () => {
  it('reads each comment with its thread, parent and text, then Facebook\'s exact time', () => {
    const all = batches();
    let comments = 0;
    for (const [i, convs] of all.entries()) {
      const page = buildPostPage(convs, { locale: (['en', 'es', 'ro'] as const)[i % 3], depth1: 1 + (i % 3) });
      const win = { location: { origin: 'https://www.facebook.com' } };
      const tap = createTapReceiver(win);
      const adapter = createFacebookAdapter({ now: () => page.now, tap });
      const doc = pageDoc(page.html);
      const url = new URL(page.url);
      const first = adapter.readThread(doc, url);
      const label = `${convs[0]!.brand} ${convs[0]!.session}`;
      expect(first.layoutOk, label).toBe(true);
      const drawn = (p: FacebookPost) => page.comments.find((c) => c.id === p.id)!;
      for (const p of first.posts.map((s) => s.post as FacebookPost)) {
        const c = drawn(p);
        expect([p.rootId, p.parentId, p.text], label).toEqual([c.topId, c.parentId, c.text]);
        // Before the responses, every time is exact or an interval that holds the real one.
        if (p.precision === 'approx') expect(p.approx!.from <= c.createdTime * 1000 && c.createdTime * 1000 <= p.approx!.to, `${label} ${c.relative}`).toBe(true);
        else expect(p.at, label).toBe(c.createdTime * 1000);
      }
      for (const body of [page.graphql.moreComments, page.graphql.replies]) {
        const msg = summarise(body, page.pageId);
        if (msg) tap.receive({ source: win, origin: win.location.origin, data: msg });
      }
      const after = adapter.readThread(doc, url).posts.map((s) => s.post as FacebookPost);
      expect(after.map((p) => [p.id, p.precision, p.at]), label).toEqual(page.comments.map((c) => [c.id, 'exact', c.createdTime * 1000]));
      comments += page.comments.length;
    }
    expect(comments).toBeGreaterThanOrEqual(loadCareConversations().reduce((n, c) => n + c.turns.length, 0));
  }, 120_000);
});
