// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { BAR_ROOM_PX, createBarSpace, NOBAR_ATTR, PAGE_ATTR } from '../../../lib/overlay/bar-space';

const spec = {
  posts: `html[${PAGE_ATTR}="conversation"] article:not([${NOBAR_ATTR}])`,
  css: `article { padding-bottom: ${BAR_ROOM_PX}px; }`,
  candidates: 'article',
};

function articles(n: number): HTMLElement[] {
  return Array.from({ length: n }, () => document.body.appendChild(document.createElement('article')));
}
const sheets = () => [...document.querySelectorAll('style')].filter((s) => s.textContent === spec.css);

beforeEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  document.documentElement.removeAttribute(PAGE_ATTR);
});

describe("the bar's room reserved in the page", () => {
  it('puts one sheet in the page and names the page kind while bars show, however often it is asked', () => {
    const space = createBarSpace(spec);
    space.on('conversation');
    space.on('conversation');
    expect(sheets()).toHaveLength(1);
    expect(document.documentElement.getAttribute(PAGE_ATTR)).toBe('conversation');
    space.off();
    expect(document.documentElement.hasAttribute(PAGE_ATTR)).toBe(false);
  });

  it('puts the sheet and the page kind back when the page removed them', () => {
    const space = createBarSpace(spec);
    space.on('conversation');
    sheets()[0]!.remove();
    document.documentElement.setAttribute(PAGE_ATTR, 'forged');
    space.on('conversation');
    expect(sheets()).toHaveLength(1);
    expect(document.documentElement.getAttribute(PAGE_ATTR)).toBe('conversation');
  });

  it('gives back the room of a post that shows no bar, and takes it again once it shows one', () => {
    const space = createBarSpace(spec);
    const [withBar, without] = articles(2);
    space.on('conversation');
    const barred = new Set<Element>([withBar!]);
    space.settle(barred);
    expect([...document.querySelectorAll(spec.posts)]).toEqual([withBar]);
    expect(without!.hasAttribute(NOBAR_ATTR)).toBe(true);
    barred.add(without!);
    space.settle(barred);
    expect([...document.querySelectorAll(spec.posts)]).toEqual([withBar, without]);
  });

  it('looks only at the parts of the page that changed once it has settled the whole page', () => {
    const space = createBarSpace(spec);
    space.on('conversation');
    space.settle(new Set());
    const [kept, inserted] = [document.createElement('section'), document.createElement('section')];
    document.body.append(kept, inserted);
    const [old, fresh] = [kept.appendChild(document.createElement('article')), inserted.appendChild(document.createElement('article'))];
    space.settle(new Set(), [inserted]);
    expect(fresh.hasAttribute(NOBAR_ATTR)).toBe(true);
    // Not named as changed: left as the last settle saw the page.
    expect(old.hasAttribute(NOBAR_ATTR)).toBe(false);
    // A new page kind: every post is looked at again.
    space.on('notifications');
    document.documentElement.setAttribute(PAGE_ATTR, 'conversation');
    space.on('conversation');
    space.settle(new Set(), []);
    expect(old.hasAttribute(NOBAR_ATTR)).toBe(true);
  });

  it('leaves the page as it was when the extension stops', () => {
    const space = createBarSpace(spec);
    const [a] = articles(1);
    space.on('conversation');
    space.settle(new Set());
    space.remove();
    expect(sheets()).toHaveLength(0);
    expect(document.documentElement.hasAttribute(PAGE_ATTR)).toBe(false);
    expect(a!.hasAttribute(NOBAR_ATTR)).toBe(false);
  });
});
