// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { directionOf, readInbox } from '../../../lib/sites/facebook/inbox';
import { standardInboxPage } from '../../fixtures/facebook/standard-pages';
import { pageWindow } from './fixtures';

/** A window (not a bare parsed document): direction is read from computed styles. */
const open = (html: string, url: string) => pageWindow(html, url).document;

describe('Business Suite inbox: a Messenger thread', () => {
  it('reads every message with its exact time, direction and text, and the thread as the case', () => {
    const page = standardInboxPage();
    const r = readInbox(open(page.html, page.url), new URL(page.url));
    expect(r).toMatchObject({ kind: 'conversation', layoutOk: true, pageId: page.pageId, threadId: page.threadId, caseKey: `facebook:${page.threadId}:${page.threadId}` });
    expect(r.messages.map((s) => s.message)).toEqual(page.messages.map((m) => ({ id: m.id, at: m.utime * 1000, direction: m.fromPage ? 'page' : 'customer', text: m.text })));
    expect(new Set(page.messages.map((m) => m.fromPage))).toEqual(new Set([true, false]));
  });

  it('takes the identity from asset_id, not from any name on the page', () => {
    const page = standardInboxPage();
    const other = new URL(page.url);
    other.searchParams.set('asset_id', '123456789');
    expect(readInbox(open(page.html, other.href), other).pageId).toBe('123456789');
  });

  it('has no thread (and no bars) when no conversation is selected, or outside the inbox', () => {
    const page = standardInboxPage();
    const none = new URL(page.url);
    none.searchParams.delete('selected_item_id');
    expect(readInbox(open(page.html, none.href), none)).toMatchObject({ kind: 'other', messages: [], caseKey: null });
    const home = new URL('https://business.facebook.com/latest/home?asset_id=1');
    expect(readInbox(open(page.html, home.href), home)).toMatchObject({ kind: 'other', messages: [] });
  });

  it('skips a message whose direction the page does not show, and one whose group has no time, saying why', () => {
    const page = standardInboxPage();
    const doc = open(page.html, page.url);
    const bubbles = doc.querySelectorAll('[data-message-id]');
    bubbles[0]!.parentElement!.parentElement!.removeAttribute('class');
    bubbles[0]!.closest('[data-utime]')!.nextElementSibling!.setAttribute('data-utime', 'yesterday');
    const r = readInbox(doc, new URL(page.url));
    expect(r.messages[0]!.problem).toBe('no-direction');
    expect(r.messages.filter((s) => s.problem === 'no-time').length).toBeGreaterThan(0);
    expect(r.messages.filter((s) => s.message).length).toBeGreaterThan(0);
  });

  it('pauses, naming what is missing, when the thread shows no message markup it knows', () => {
    const url = standardInboxPage().url;
    expect(readInbox(open('<!DOCTYPE html><html><body><div role="region"><div>hello</div></div></body></html>', url), new URL(url))).toMatchObject({ layoutOk: false, missing: ['bsHeader', 'bsMessage'] });
  });

  it('rejects message ids of the wrong shape and reports a repeated id once', () => {
    const page = standardInboxPage();
    const doc = open(page.html, page.url);
    const bubbles = doc.querySelectorAll('[data-message-id]');
    bubbles[0]!.setAttribute('data-message-id', '<img onerror=x>');
    bubbles[2]!.setAttribute('data-message-id', bubbles[1]!.getAttribute('data-message-id')!);
    const r = readInbox(doc, new URL(page.url));
    expect(r.messages.map((s) => s.problem).slice(0, 3)).toEqual(['bad-id', null, 'duplicate']);
  });

  it.each([
    ['flex-start', 'customer'],
    ['flex-end', 'page'],
    ['center', null],
  ] as const)('reads justify-content %s as %s', (j, expected) => {
    const doc = open(`<div data-utime="1767261600"><div style="display:flex;justify-content:${j}"><div data-message-id="mid.$abcd"><div dir="auto">hi</div></div></div></div>`, 'https://business.facebook.com/');
    expect(directionOf(doc.querySelector('[data-message-id]')!)).toBe(expected);
  });
});
