// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { xAdapter } from '../../../lib/sites/x';
import { statusIdOf } from '../../../lib/sites/x/thread';
import { standardConversation } from '../../fixtures/x/standard-pages';
import { pageDoc } from './fixtures';

describe('X adapter: sites, pages, identity', () => {
  it('matches x.com, twitter.com and their mobile hosts only', () => {
    for (const u of ['https://x.com/home', 'https://twitter.com/a/status/1', 'https://mobile.x.com/', 'https://mobile.twitter.com/notifications']) {
      expect(xAdapter.matches(new URL(u))).toBe(true);
    }
    for (const u of ['https://example.com/', 'https://x.com.evil.io/', 'http://x.com/home', 'https://ads.x.com/']) expect(xAdapter.matches(new URL(u))).toBe(false);
  });

  it.each([
    ['https://x.com/AdobeCare/status/1243668995494023170', 'conversation', '1243668995494023170'],
    ['https://x.com/AdobeCare/status/1243668995494023170/photo/1', 'conversation', '1243668995494023170'],
    ['https://twitter.com/AdobeCare/status/1243668995494023170/analytics', 'conversation', '1243668995494023170'],
    ['https://x.com/i/web/status/1243668995494023170', 'conversation', '1243668995494023170'],
    ['https://x.com/AdobeCare/status/1243668995494023170?s=20#x', 'conversation', '1243668995494023170'],
    ['https://x.com/notifications', 'notifications', null],
    ['https://x.com/notifications/mentions', 'notifications', null],
    ['https://x.com/home', 'other', null],
    ['https://x.com/AdobeCare', 'other', null],
    ['https://x.com/AdobeCare/statuses', 'other', null],
    ['https://x.com/search?q=status', 'other', null],
  ])('%s is a %s page', (u, kind, id) => {
    expect(xAdapter.pageKind(new URL(u))).toBe(kind);
    expect(statusIdOf(new URL(u))).toBe(id);
  });

  it('finds the list root whose children are the cells', () => {
    const page = standardConversation();
    const doc = pageDoc(page.html, page.url);
    const root = xAdapter.listRoot(doc)!;
    expect(root.firstElementChild!.getAttribute('data-testid')).toBe('cellInnerDiv');
    expect(xAdapter.listRoot(pageDoc('<p></p>'))).toBeNull();
  });

  it('reads the logged-in handle from the profile link, else from the account switcher', () => {
    const page = standardConversation();
    const doc = pageDoc(page.html, page.url);
    expect(xAdapter.loggedInHandle(doc)).toBe('adobecare');
    doc.querySelector('[data-testid="AppTabBar_Profile_Link"]')!.remove();
    expect(xAdapter.loggedInHandle(doc)).toBe('adobecare');
    doc.querySelector('[data-testid="SideNav_AccountSwitcher_Button"]')!.remove();
    expect(xAdapter.loggedInHandle(doc)).toBeNull();
  });

  it('looks past a first profile link that is not a profile path', () => {
    const doc = pageDoc(standardConversation().html);
    const link = doc.querySelector('[data-testid="AppTabBar_Profile_Link"]')!;
    const odd = link.cloneNode() as Element;
    odd.setAttribute('href', '/i/flow/login');
    link.before(odd);
    expect(xAdapter.loggedInHandle(doc)).toBe('adobecare');
  });

  it('uses the profile link of the account the page is built for', () => {
    const doc = pageDoc(standardConversation().html.replace('href="/AdobeCare" aria-label="Profile"', 'href="/SomeAgent_2" aria-label="Profile"'));
    expect(xAdapter.loggedInHandle(doc)).toBe('someagent_2');
  });
});
