// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createBarRegistry, type BarHandleLike } from '../../../lib/overlay/bar-registry';
import type { ThreadPost } from '../../../lib/sites/types';

function post(id: string | null, el = document.createElement('article')): ThreadPost {
  el.innerHTML = '<div role="group">actions</div><p>text</p>';
  document.body.append(el);
  return { element: el, post: id ? ({ id, author: 'dana' } as ThreadPost['post']) : null, problem: id ? null : 'no-permalink', role: 'reply', rootId: null, inReplyTo: null } as ThreadPost;
}

function setup(opts: { atEnd?: boolean } = {}) {
  const renders = vi.fn();
  const mounted: BarHandleLike[] = [];
  const registry = createBarRegistry({ barAnchor: (a) => a.querySelector('[role="group"]') }, () => {
    const h: BarHandleLike = {
      host: document.createElement('threadmark-bar'),
      slot: null,
      render(slot, onTag) {
        h.slot = slot;
        renders(slot, onTag);
      },
      unmount: vi.fn(() => h.host.remove()),
    };
    mounted.push(h);
    return h;
  }, opts);
  return { registry, renders, mounted };
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('the bar registry', () => {
  it('puts one bar right under the post action row and renders it once while nothing changes', () => {
    const { registry, renders, mounted } = setup();
    const tp = post('1');
    registry.show(tp, false, vi.fn());
    registry.show(tp, false, vi.fn());
    expect(mounted).toHaveLength(1);
    expect(tp.element.querySelector('[role="group"]')!.nextElementSibling).toBe(mounted[0]!.host);
    expect(renders).toHaveBeenCalledTimes(1);
  });

  it("puts the bar at the end of the post where the page's sheet reserved its room", () => {
    const { registry, mounted } = setup({ atEnd: true });
    const tp = post('1');
    registry.show(tp, false, vi.fn());
    expect(tp.element.lastElementChild).toBe(mounted[0]!.host);
  });

  it('renders again when the element shows another post or the sender changes side', () => {
    const { registry, renders } = setup();
    const tp = post('1');
    registry.show(tp, false, vi.fn());
    registry.show({ ...tp, post: { ...tp.post!, id: '2' } }, false, vi.fn());
    registry.show({ ...tp, post: { ...tp.post!, id: '2' } }, true, vi.fn());
    expect(renders.mock.calls.map(([s]) => [s.id, s.fromBrand])).toEqual([['1', false], ['2', false], ['2', true]]);
  });

  it('puts the bar back when X re-renders the post without it', () => {
    const { registry, mounted } = setup();
    const tp = post('1');
    registry.show(tp, false, vi.fn());
    tp.element.innerHTML = '<div role="group">actions</div>';
    registry.show(tp, false, vi.fn());
    expect(tp.element.contains(mounted[0]!.host)).toBe(true);
  });

  it('tags the post its bar shows, and a skipped post never', () => {
    const { registry, renders } = setup();
    const onTag = vi.fn();
    registry.show(post('7'), false, onTag);
    registry.show(post(null), false, onTag);
    renders.mock.calls[0]![1]({ status: 'open' });
    renders.mock.calls[1]![1]({ status: 'open' });
    expect(onTag.mock.calls).toEqual([['7', { status: 'open' }]]);
  });

  it('unmounts the bars of posts that left the page and finds the post a key was pressed in', () => {
    const { registry, mounted } = setup();
    const a = post('1');
    const b = post('2');
    registry.show(a, false, vi.fn());
    registry.show(b, false, vi.fn());
    expect(registry.idAt(b.element.querySelector('p')!)).toBe('2');
    a.element.remove();
    registry.sweep();
    expect(mounted[0]!.unmount).toHaveBeenCalled();
    expect(registry.bars.size).toBe(1);
    expect(registry.idAt(document.body)).toBeNull();
  });
});
