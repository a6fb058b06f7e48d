// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { textOf } from '../../../lib/sites/x/parse';
import { loadCareConversations } from '../../fixtures/x/care-data';
import { kit } from '../../fixtures/x/markup';
import { standardConversation } from '../../fixtures/x/standard-pages';
import { pageDoc, realDoc } from './fixtures';

/** Tags (with data-testid / role) from the article down to `el`: the nesting, without X's classes. */
function path(article: Element, el: Element): string[] {
  const out: string[] = [];
  for (let p: Element | null = el; p && p !== article; p = p.parentElement) {
    const id = p.getAttribute('data-testid');
    const role = p.getAttribute('role');
    out.unshift(`${p.tagName.toLowerCase()}${id ? `[${id}]` : ''}${role ? `(${role})` : ''}`);
  }
  return out;
}

/** The hooks the adapter reads, located in an article. */
function hooks(article: Element): Record<string, string[]> {
  const q = (s: string) => article.querySelector(s)!;
  const own = (s: string) => [...article.querySelectorAll(s)].find((e) => !e.closest('div[role="link"] [data-testid="User-Name"], div[role="link"]'))!;
  const time = [...article.querySelectorAll('a[href*="/status/"] > time')][0]!;
  return {
    userName: path(article, own('[data-testid="User-Name"]')),
    nameLink: path(article, own('[data-testid="User-Name"] a[role="link"]')),
    text: path(article, own('[data-testid="tweetText"]')),
    permalinkTime: path(article, time),
    avatar: path(article, own('[data-testid="Tweet-User-Avatar"]')),
    actions: path(article, q('[role="group"]')),
    reply: path(article, q('[data-testid="reply"]')),
    topSpacerRow: path(article, article.firstElementChild!.firstElementChild!.firstElementChild!.firstElementChild!),
  };
}

describe('generated pages use the nesting of the real X captures', () => {
  const page = standardConversation();
  const doc = pageDoc(page.html, page.url);

  it('the focused post has the nesting of x-status-focused-tweet for every hook the adapter reads', () => {
    const real = realDoc('real:focused').querySelector('article')!;
    const ours = doc.querySelector('article[tabindex="-1"]')!;
    expect(hooks(ours)).toEqual(hooks(real));
  });

  it('a reply that quotes a post has the nesting of the quote tweet in x-timeline-cell-quote-tweet', () => {
    const real = realDoc('real:quote').querySelector('article')!;
    const quoting = doc.querySelector('article div[role="link"]')!.closest('article')!;
    expect(hooks(quoting)).toEqual(hooks(real));
    const cellPath = (a: Element) => path(a.closest('[data-testid="cellInnerDiv"]')!, a);
    expect(cellPath(quoting)).toEqual(cellPath(real));
  });

  it('a plain reply differs from it only where the quote was (actions one level up, as in rvinowise\'s captures)', () => {
    const real = hooks(realDoc('real:quote').querySelector('article')!);
    const plain = [...doc.querySelectorAll('article[data-testid="tweet"][tabindex="0"]')].find((a) => !a.querySelector('div[role="link"]') && !a.closest('[data-testid="placementTracking"]'))!;
    const mine = hooks(plain);
    expect({ ...mine, actions: [], reply: [] }).toEqual({ ...real, actions: [], reply: [] });
    expect(mine.actions).toEqual(real.actions!.slice(1));
  });

  it('a quoted post has the nesting of the real quote block', () => {
    const real = realDoc('real:quote').querySelector('div[role="link"]')!;
    const ours = doc.querySelector('article div[role="link"]')!;
    const inQuote = (q: Element) => ({
      userName: path(q, q.querySelector('[data-testid="User-Name"]')!),
      time: path(q, q.querySelector('time')!),
      text: path(q, q.querySelector('[data-testid="tweetText"]')!),
    });
    expect(inQuote(ours)).toEqual(inQuote(real));
  });

  it('renders text as X does: links, mentions, emoji images, and reads back to the original', () => {
    const samples = loadCareConversations()
      .flatMap((c) => c.turns.map((t) => t.text))
      .filter((t) => /https?:\/\//.test(t) || /\p{Extended_Pictographic}/u.test(t))
      .slice(0, 200);
    // 17 in the bundled sample, 200 with the full data set beside the repository.
    expect(samples.length).toBeGreaterThanOrEqual(15);
    const d = pageDoc(`<div>${samples.map((t) => `<div data-testid="tweetText">${kit.tmRenderText(t)}</div>`).join('')}</div>`);
    const got = [...d.querySelectorAll('[data-testid="tweetText"]')].map((el) => textOf(el));
    expect(got).toEqual(samples);
    expect(d.querySelector('img[alt]')).not.toBeNull();
    expect(d.querySelector('a[href^="https://t.co/"]')).not.toBeNull();
  });
});
