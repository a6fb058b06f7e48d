// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { createShortcutHandler, patchFor } from '../../../lib/overlay/keys';
import type { MessageView } from '../../../lib/messaging/protocol';

const view = (over: Partial<MessageView> = {}): MessageView => ({
  id: '1', stored: true, queryType: null, status: null, channel: null, sentiment: null,
  noReplyNeeded: false, sentBy: null, clock: null, waiting: false, latest: false, ...over,
});

describe('what a shortcut sets', () => {
  it.each([
    ['sets a query type', { patch: { queryType: 'complaint' } }, view(), { queryType: 'complaint' }],
    ['clears the query type already set', { patch: { queryType: 'complaint' } }, view({ queryType: 'complaint' }), { queryType: null }],
    ['replaces another status', { patch: { status: 'resolved' } }, view({ status: 'open' }), { status: 'resolved' }],
    ['sets a tag on a post not stored yet', { patch: { sentiment: 'negative' } }, undefined, { sentiment: 'negative' }],
    ['turns "no reply needed" on', { toggle: 'noReplyNeeded' }, view(), { noReplyNeeded: true }],
    ['turns "no reply needed" off', { toggle: 'noReplyNeeded' }, view({ noReplyNeeded: true }), { noReplyNeeded: false }],
  ] as const)('%s', (_, action, v, patch) => expect(patchFor(action as never, v)).toEqual(patch));
});

describe('the shortcut handler', () => {
  function setup(paused = false, acts?: (e: Event) => boolean) {
    document.body.innerHTML = '<article tabindex="0"><p>post</p><input></article><div id="out"></div>';
    const article = document.querySelector('article')!;
    const tag = vi.fn();
    const onKeyDown = createShortcutHandler({
      idAt: (t) => (article.contains(t) ? '1' : null),
      view: () => view({ queryType: 'feedback' }),
      paused: () => paused,
      tag,
      // jsdom's dispatched events are untrusted, like a page script's: a person's key here.
      acts: acts ?? (() => true),
    });
    const press = (target: Element, code: string, init: KeyboardEventInit = {}) => {
      const e = new KeyboardEvent('keydown', { code, bubbles: true, cancelable: true, ...init });
      Object.defineProperty(e, 'target', { value: target });
      onKeyDown(e);
      return e;
    };
    return { article, tag, press };
  }

  it('tags the focused post and keeps the key from X', () => {
    const { article, tag, press } = setup();
    const e = press(article, 'Digit1');
    expect(tag).toHaveBeenCalledWith('1', { queryType: 'complaint' });
    expect(e.defaultPrevented).toBe(true);
  });

  it.each([
    ['while typing in a field', (a: Element) => a.querySelector('input')!],
    ['outside any post', () => document.getElementById('out')!],
  ])('does nothing %s', (_, where) => {
    const { article, tag, press } = setup();
    const e = press(where(article), 'Digit1');
    expect(tag).not.toHaveBeenCalled();
    expect(e.defaultPrevented).toBe(false);
  });

  it('ignores a keydown a page script dispatched (untrusted)', () => {
    const { article, tag, press } = setup(false, (e) => e.isTrusted);
    const e = press(article, 'Digit1');
    expect(tag).not.toHaveBeenCalled();
    expect(e.defaultPrevented).toBe(false);
  });

  it('does nothing while Threadmark is paused', () => {
    const { article, tag, press } = setup(true);
    press(article, 'Digit1');
    expect(tag).not.toHaveBeenCalled();
  });
});
