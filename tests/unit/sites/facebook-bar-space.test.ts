// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createBarSpace, NOBAR_ATTR, PAGE_ATTR } from '../../../lib/overlay/bar-space';
import { createFacebookAdapter } from '../../../lib/sites/facebook';
import { facebookBarSpace } from '../../../lib/sites/facebook/bar-space';
import { fbFixture, fbFixtureDoc } from './facebook-fixtures';

const spec = facebookBarSpace('threadmark-bar');

/** The elements the adapter shows a bar on (the runtime shows one on every post readThread gives). */
function barred(id: string): { doc: Document; kind: string; elements: Element[] } {
  const doc = fbFixtureDoc(id);
  const read = createFacebookAdapter().readThread(doc, new URL(fbFixture(id).url), undefined as never);
  return { doc, kind: read.kind, elements: read.posts.map((p) => p.element) };
}

describe("Facebook's selector for the comments that get a bar's room", () => {
  it.each([
    ['syn:dialog', 3],
    ['syn:sjs', 3],
    ['gen:post', 11],
  ] as const)('names exactly the comments the adapter gives a bar in %s (%i)', (id, count) => {
    const { doc, kind, elements } = barred(id);
    expect(elements).toHaveLength(count);
    doc.documentElement.setAttribute(PAGE_ATTR, kind);
    expect([...doc.querySelectorAll(spec.posts)]).toEqual(elements);
  });

  it('names no comment while no bars show, nor on a Business Suite thread', () => {
    expect(fbFixtureDoc('gen:post').querySelectorAll(spec.posts)).toHaveLength(0);
    const { doc, kind, elements } = barred('gen:inbox');
    expect(elements.length).toBeGreaterThan(0);
    doc.documentElement.setAttribute(PAGE_ATTR, kind);
    expect(doc.querySelectorAll(spec.posts)).toHaveLength(0);
  });

  it('leaves out the feed behind a dialog, and gives the room back when a matched comment gets no bar', () => {
    const doc = fbFixtureDoc('syn:dialog');
    // A comment under the feed post behind the dialog: the feed's comments are never read there.
    const feedPost = doc.querySelector('div[role="feed"] div[role="article"]')!;
    const feedComment = doc.createElement('div');
    feedComment.setAttribute('role', 'article');
    feedPost.append(feedComment);
    const space = createBarSpace(spec, doc);
    space.on('conversation');
    expect([...doc.querySelectorAll(spec.posts)].includes(feedComment)).toBe(false);
    // A matched comment the runtime shows no bar on is marked, and the sheet skips it.
    const [first, ...rest] = [...doc.querySelectorAll(spec.posts)];
    space.settle(new Set(rest));
    expect(first!.hasAttribute(NOBAR_ATTR)).toBe(true);
    expect([...doc.querySelectorAll(spec.posts)]).toEqual(rest);
    space.remove();
    expect(doc.querySelector(`[${NOBAR_ATTR}]`)).toBeNull();
  });

});
