// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createListWatcher, createPassScheduler, MIN_PASS_GAP_MS } from '../../../lib/overlay/pass-scheduler';

let ctx: ContentScriptContext;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'requestAnimationFrame', 'performance'] });
  ctx = new ContentScriptContext('test');
});
afterEach(() => {
  ctx.notifyInvalidated();
  vi.useRealTimers();
});

describe('pass scheduling', () => {
  it('runs one pass for a burst of page changes, on the next frame', () => {
    const pass = vi.fn();
    const { schedule } = createPassScheduler(ctx, pass);
    for (let i = 0; i < 50; i++) schedule();
    expect(pass).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(pass).toHaveBeenCalledTimes(1);
  });

  it('keeps passes at least MIN_PASS_GAP_MS apart while X keeps changing the page', () => {
    const pass = vi.fn();
    const { schedule } = createPassScheduler(ctx, pass);
    for (let t = 0; t < 1000; t += 5) {
      schedule();
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(MIN_PASS_GAP_MS + 20);
    // One pass per gap and frame: the page's changes are still read while it keeps changing.
    expect(pass.mock.calls.length).toBeGreaterThanOrEqual(Math.floor(1000 / (MIN_PASS_GAP_MS + 20)));
    expect(pass.mock.calls.length).toBeLessThanOrEqual(1000 / MIN_PASS_GAP_MS + 1);
  });

  it('never throws a failed pass into the page, and keeps scheduling', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const pass = vi.fn(() => {
      throw new Error('boom');
    });
    const { schedule } = createPassScheduler(ctx, pass);
    schedule();
    vi.advanceTimersByTime(20);
    schedule();
    vi.advanceTimersByTime(MIN_PASS_GAP_MS + 20);
    expect(pass).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('stops when the script is invalidated', () => {
    const pass = vi.fn();
    const { schedule } = createPassScheduler(ctx, pass);
    ctx.notifyInvalidated();
    schedule();
    vi.advanceTimersByTime(200);
    expect(pass).not.toHaveBeenCalled();
  });
});

describe('the list watcher', () => {
  it('watches the body until the list exists, then moves to the list', async () => {
    vi.useRealTimers();
    document.body.innerHTML = '<main></main>';
    let list: Element | null = null;
    const onChange = vi.fn();
    const w = createListWatcher(() => list, onChange);
    w.attach();
    expect(w.stale).toBe(true);
    list = Object.assign(document.createElement('section'), { id: 'list' });
    document.body.append(list);
    await Promise.resolve();
    expect(onChange).toHaveBeenCalled();
    w.attach();
    expect(w.stale).toBe(false);
    list.remove();
    expect(w.detached).toBe(true);
    w.disconnect();
  });

  it('names the cells a change touched since the last take, and nothing else', async () => {
    vi.useRealTimers();
    document.body.innerHTML = '<section id="list"><div><p>a</p></div><div><p>b</p></div><div><p>c</p></div></section>';
    const list = document.getElementById('list')!;
    const [a, b] = [...list.children] as HTMLElement[];
    const w = createListWatcher(() => list, () => {});
    w.attach();
    expect(w.takeChanges()).toBeNull(); // a new list: nothing read from it yet
    b!.firstElementChild!.append(document.createElement('time'));
    const inserted = list.appendChild(document.createElement('div'));
    a!.remove();
    expect(w.takeChanges()).toEqual(new Set([b, inserted]));
    expect(w.takeChanges()).toEqual(new Set());
    w.forget();
    expect(w.takeChanges()).toBeNull();
    w.disconnect();
  });

  it('reads again a kept cell whose post link or time X changed in place (a cell pointed at another post)', async () => {
    vi.useRealTimers();
    document.body.innerHTML =
      '<section id="list"><div><article><a href="/a/status/1"><time datetime="2026-01-01T00:00:00.000Z">1m</time></a></article></div><div><article><a href="/b/status/2">x</a></article></div></section>';
    const list = document.getElementById('list')!;
    const [first, second] = [...list.children] as HTMLElement[];
    const onChange = vi.fn();
    const w = createListWatcher(() => list, onChange);
    w.attach();
    w.takeChanges();
    first!.querySelector('a')!.setAttribute('href', '/a/status/3');
    second!.querySelector('a')!.setAttribute('title', 'not identity'); // other attributes are not a reason to read again
    expect(w.takeChanges()).toEqual(new Set([first]));
    second!.querySelector('a')!.append(document.createElement('time'));
    first!.querySelector('time')!.setAttribute('datetime', '2026-01-02T00:00:00.000Z');
    await Promise.resolve();
    expect(onChange).toHaveBeenCalled();
    expect(w.takeChanges()).toEqual(new Set([first, second]));
    w.disconnect();
  });

  it("asks for no pass when only the extension's own bars were added or removed", async () => {
    vi.useRealTimers();
    document.body.innerHTML = '<section id="list"><div><article></article></div></section>';
    const list = document.getElementById('list')!;
    const ours = new WeakSet<Node>();
    const onChange = vi.fn();
    const w = createListWatcher(() => list, onChange, (n) => ours.has(n));
    w.attach();
    w.takeChanges();
    const host = document.createElement('threadmark-bar');
    ours.add(host);
    list.querySelector('article')!.append(host);
    await Promise.resolve();
    expect(onChange).not.toHaveBeenCalled();
    host.remove();
    await Promise.resolve();
    expect(onChange).not.toHaveBeenCalled();
    expect(w.takeChanges()).toEqual(new Set());
    list.querySelector('article')!.append(document.createElement('span'));
    await Promise.resolve();
    expect(onChange).toHaveBeenCalledTimes(1);
    w.disconnect();
  });
  it('watching a wider root, notes cells in the list and brings a pass for a batch put outside it, which then reads every cell of the grown list', async () => {
    vi.useRealTimers();
    // Facebook: the first page of comments in one container; where the next page goes is not known.
    document.body.innerHTML = '<article id="post"><p>post</p><div id="pages"><div id="list"><div>c1</div><div>c2</div></div></div></article>';
    const post = document.getElementById('post')!;
    const pages = document.getElementById('pages')!;
    let list: Element = document.getElementById('list')!;
    const onChange = vi.fn();
    const w = createListWatcher(() => list, onChange, () => false, () => post);
    w.attach();
    w.takeChanges();
    const c2 = list.lastElementChild!;
    c2.append(document.createElement('span'));
    expect(w.takeChanges()).toEqual(new Set([c2]));
    // The next page in a container of its own, beside the first one: outside the list.
    const next = pages.appendChild(document.createElement('div'));
    next.innerHTML = '<div>c3</div>';
    await Promise.resolve();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(w.takeChanges()).toEqual(new Set());
    // The pass finds the list the first and last comments now share, and reads all of it.
    list = pages;
    w.attach();
    expect(w.takeChanges()).toBeNull();
    next.firstElementChild!.append(document.createElement('span'));
    expect(w.takeChanges()).toEqual(new Set([next]));
    w.disconnect();
  });
});
