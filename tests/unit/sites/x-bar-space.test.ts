// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { PAGE_ATTR } from '../../../lib/overlay/bar-space';
import { xBarSpace } from '../../../lib/sites/x/bar-space';
import { SEL } from '../../../lib/sites/x/selectors';
import { fixtureDoc } from './fixtures';

const { posts } = xBarSpace('threadmark-bar');

function matched(fixture: string, kind: string | null): Element[] {
  const doc = fixtureDoc(fixture);
  if (kind) doc.documentElement.setAttribute(PAGE_ATTR, kind);
  return [...doc.querySelectorAll(posts)];
}

describe("X's selector for the posts that get a bar's room", () => {
  it('names every post of a conversation list, a withheld one too, but no promoted post', () => {
    const found = matched('gen:conversation', 'conversation');
    // 19 tweets (one promoted) and one withheld post, a bare article.
    expect(found).toHaveLength(19);
    expect(found.some((a) => a.closest(SEL.promoted))).toBe(false);
    expect(found.filter((a) => !a.hasAttribute('data-testid'))).toHaveLength(1);
  });

  it('names only tweets on the mentions timeline', () => {
    const doc = fixtureDoc('gen:notifications');
    doc.documentElement.setAttribute(PAGE_ATTR, 'notifications');
    const tweets = [...doc.querySelectorAll(`${SEL.timeline} ${SEL.tweet}`)].filter((a) => !a.closest(SEL.promoted));
    expect([...doc.querySelectorAll(posts)]).toEqual(tweets);
  });

  it('names no post while no bars show, nor the post a reply dialog shows', () => {
    expect(matched('gen:conversation', null)).toHaveLength(0);
    const dialog = fixtureDoc('gen:dialog');
    dialog.documentElement.setAttribute(PAGE_ATTR, 'conversation');
    expect(dialog.querySelectorAll(`${SEL.dialog} ${SEL.tweet}`)).toHaveLength(1);
    expect([...dialog.querySelectorAll(posts)].filter((a) => a.closest(SEL.dialog))).toHaveLength(0);
  });
});
