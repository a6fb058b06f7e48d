import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BAR_TAG, createBarMounter, NEAR_DWELL_MS, shadowOfBar } from '../../components/bar/mount';
import { createBarRegistry } from '../../lib/overlay/bar-registry';
import { createOverlayStore } from '../../lib/overlay/store';
import type { ThreadPost } from '../../lib/sites/types';
import { CSS, NOW } from './bar-harness';

/**
 * jsdom has no IntersectionObserver: this stand-in lets a test say when a bar's post comes
 * near the viewport and when it leaves, as the browser would report it.
 */
class PageViewport {
  static current: PageViewport | null = null;
  readonly watched = new Set<Element>();
  constructor(private readonly report: (entries: Partial<IntersectionObserverEntry>[]) => void) {
    PageViewport.current = this;
  }
  observe(el: Element) {
    this.watched.add(el);
  }
  unobserve(el: Element) {
    this.watched.delete(el);
  }
  disconnect() {
    this.watched.clear();
  }
  comesNear(el: Element) {
    this.report([{ target: el, isIntersecting: true, time: performance.now() }]);
  }
  leaves(el: Element) {
    this.report([{ target: el, isIntersecting: false, time: performance.now() }]);
  }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      private readonly viewport: PageViewport;
      constructor(cb: (entries: Partial<IntersectionObserverEntry>[]) => void) {
        this.viewport = new PageViewport(cb);
      }
      observe = (el: Element) => this.viewport.observe(el);
      unobserve = (el: Element) => this.viewport.unobserve(el);
      disconnect = () => this.viewport.disconnect();
    },
  );
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

function barInPost() {
  const controller = new AbortController();
  const mount = createBarMounter(createOverlayStore(NOW), CSS, { signal: controller.signal, acts: () => true });
  const handle = mount();
  const article = document.body.appendChild(document.createElement('article'));
  article.append(handle.host);
  handle.render({ id: '101', problem: null, fromBrand: false }, () => {});
  const controls = () => shadowOfBar(handle.host)!.querySelectorAll('button').length;
  return { handle, controls, viewport: PageViewport.current!, stop: () => controller.abort() };
}

describe('a bar renders when its post stays near the viewport', () => {
  it('stays an empty placeholder while its post is far from the viewport', () => {
    const { controls } = barInPost();
    vi.advanceTimersByTime(10 * NEAR_DWELL_MS);
    expect(controls()).toBe(0);
  });

  it('draws its controls once the post has stayed near the viewport for a moment', () => {
    const { handle, controls, viewport } = barInPost();
    viewport.comesNear(handle.host);
    vi.advanceTimersByTime(NEAR_DWELL_MS - 1);
    expect(controls()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(controls()).toBeGreaterThan(0);
    expect(viewport.watched.has(handle.host)).toBe(false); // drawn once: no longer watched
  });

  it('never draws a post that the list scrolled past faster than that', () => {
    const { handle, controls, viewport } = barInPost();
    viewport.comesNear(handle.host);
    vi.advanceTimersByTime(NEAR_DWELL_MS / 2);
    viewport.leaves(handle.host);
    vi.advanceTimersByTime(10 * NEAR_DWELL_MS);
    expect(controls()).toBe(0);
    // …and draws it when the agent comes back to it.
    viewport.comesNear(handle.host);
    vi.advanceTimersByTime(NEAR_DWELL_MS);
    expect(controls()).toBeGreaterThan(0);
  });

  it('does not draw a bar whose post left the page in the meantime', () => {
    const { handle, controls, viewport } = barInPost();
    viewport.comesNear(handle.host);
    handle.host.parentElement!.remove();
    vi.advanceTimersByTime(NEAR_DWELL_MS);
    expect(controls()).toBe(0);
  });

  it('draws nothing after the content script stopped', () => {
    const { handle, controls, viewport, stop } = barInPost();
    viewport.comesNear(handle.host);
    stop();
    vi.advanceTimersByTime(NEAR_DWELL_MS);
    expect(controls()).toBe(0);
  });
});

/**
 * With `hostsOnDraw` (X, whose sheet reserves every bar's room), an undrawn bar puts nothing in
 * its post: the post is watched, and the host goes in when the bar draws.
 */
describe('a bar whose room the page reserves puts its host in the post only when it draws', () => {
  function reservedBar() {
    const controller = new AbortController();
    const mount = createBarMounter(createOverlayStore(NOW), CSS, { signal: controller.signal, acts: () => true, hostsOnDraw: true });
    const registry = createBarRegistry({}, mount, { atEnd: true });
    const article = document.body.appendChild(document.createElement('article'));
    article.append(document.createElement('p'));
    const tp = { element: article, post: { id: '101', author: 'dana' }, problem: null, role: 'reply', rootId: null, inReplyTo: null } as unknown as ThreadPost;
    registry.show(tp, false, () => {});
    const hosts = () => article.querySelectorAll(BAR_TAG).length;
    const controls = () => {
      const host = article.querySelector(BAR_TAG);
      return host ? shadowOfBar(host)!.querySelectorAll('button').length : 0;
    };
    return { article, tp, registry, hosts, controls, viewport: PageViewport.current!, stop: () => controller.abort() };
  }

  it('adds no element to a post far from the viewport', () => {
    const { hosts, viewport, article } = reservedBar();
    vi.advanceTimersByTime(10 * NEAR_DWELL_MS);
    expect(hosts()).toBe(0);
    expect(viewport.watched.has(article)).toBe(true);
  });

  it('places the host at the end of the post and draws its controls once the post stayed near the viewport', () => {
    const { article, hosts, controls, viewport } = reservedBar();
    viewport.comesNear(article);
    vi.advanceTimersByTime(NEAR_DWELL_MS - 1);
    expect(hosts()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(article.lastElementChild?.localName).toBe(BAR_TAG);
    expect(controls()).toBeGreaterThan(0);
    expect(viewport.watched.size).toBe(0); // drawn once: nothing watched any more
  });

  it('adds nothing for a post the list scrolled past faster than that', () => {
    const { article, hosts, viewport } = reservedBar();
    viewport.comesNear(article);
    vi.advanceTimersByTime(NEAR_DWELL_MS / 2);
    viewport.leaves(article);
    vi.advanceTimersByTime(10 * NEAR_DWELL_MS);
    expect(hosts()).toBe(0);
  });

  it('puts a drawn bar back when the page re-renders its post, and watches a post only once across passes', () => {
    const { article, tp, registry, hosts, controls, viewport } = reservedBar();
    registry.show(tp, false, () => {}); // the next pass, still undrawn
    expect(viewport.watched.size).toBe(1);
    viewport.comesNear(article);
    vi.advanceTimersByTime(NEAR_DWELL_MS);
    article.replaceChildren(document.createElement('p')); // the page re-renders the post's content
    registry.show(tp, false, () => {});
    expect(hosts()).toBe(1);
    expect(controls()).toBeGreaterThan(0);
  });

  it('stops watching the post when its bar is unmounted, and draws nothing after the content script stopped', () => {
    const { article, registry, hosts, viewport, stop } = reservedBar();
    viewport.comesNear(article);
    article.remove();
    registry.sweep();
    expect(viewport.watched.size).toBe(0);
    stop();
    vi.advanceTimersByTime(NEAR_DWELL_MS);
    expect(hosts()).toBe(0);
  });
});
