/** Loading X fixtures into their own jsdom windows (not the test's global document). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../../fixtures/x/care-data';
import { standardConversation, standardDialog, standardNotifications } from '../../fixtures/x/standard-pages';
import { asPostCard, withTranslationNotice } from '../../fixtures/x/variants-2026';

interface JsdomLike {
  window: Window & typeof globalThis;
}
type JsdomCtor = new (html: string, opts?: { url?: string; runScripts?: 'dangerously' | 'outside-only'; pretendToBeVisual?: boolean }) => JsdomLike;
// jsdom ships no types here (@types/jsdom is not installed): a minimal shape is enough.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: JsdomCtor };

export function pageWindow(html: string, url = 'https://x.com/home', scripts = false): Window & typeof globalThis {
  return new JSDOM(html, { url, ...(scripts ? { runScripts: 'dangerously' as const, pretendToBeVisual: true } : {}) }).window;
}

let parser: DOMParser | null = null;
/** A parsed page (no scripts run). One shared window's DOMParser: much cheaper than a window per page. */
export function pageDoc(html: string, _url = 'https://x.com/home'): Document {
  parser ??= new (pageWindow('<!DOCTYPE html><html><body></body></html>').DOMParser)();
  return parser.parseFromString(html, 'text/html');
}

export const REAL = {
  'real:focused': 'x-status-focused-tweet.tweetyoink.html',
  'real:quote': 'x-timeline-cell-quote-tweet.tweetyoink.html',
  'real:quote-video': 'x-timeline-cell-quote-video.tweetyoink.html',
  'real:article': 'x-status-article-2026-02.defuddle.html',
} as const;

/** The status page real:article was saved from. */
export const ARTICLE_URL = 'https://x.com/arscontexta/status/2013045749580259680';

export function realHtml(id: keyof typeof REAL): string {
  return readFileSync(path.join(repoRoot, 'tests/fixtures/x/dom', REAL[id]), 'utf8');
}

/** A real capture as the body of a page (they are fragments: one article or one cell). */
export function realDoc(id: keyof typeof REAL): Document {
  // real:article is a whole saved page; the others are fragments.
  if (id === 'real:article') return pageDoc(realHtml(id), ARTICLE_URL);
  return pageDoc(`<!DOCTYPE html><html><body>${realHtml(id)}</body></html>`, 'https://x.com/TestUser123/status/1981398750557065646');
}

const cache = new Map<string, { html: string; url: string }>();
function gen(id: string): { html: string; url: string } {
  let page = cache.get(id);
  if (!page) {
    page = id === 'gen:conversation' ? standardConversation() : id === 'gen:dialog' ? standardDialog() : standardNotifications();
    cache.set(id, page);
  }
  return page;
}

/** Any fixture named in lib/sites/x/selectors.ts. */
export function fixtureDoc(id: string): Document {
  if (id in REAL) return realDoc(id as keyof typeof REAL);
  if (id === 'built:translated') return withTranslationNotice(realDoc('real:focused'));
  if (id === 'built:card-2026') return asPostCard(realDoc('real:article'));
  if (id === 'gen:conversation' || id === 'gen:dialog' || id === 'gen:notifications') {
    const page = gen(id);
    return pageDoc(page.html, page.url);
  }
  throw new Error(`unknown fixture ${id}`);
}

/** The top-level article of a real capture. */
export function realArticle(id: keyof typeof REAL): Element {
  return realDoc(id).querySelector('article[data-testid="tweet"]')!;
}
