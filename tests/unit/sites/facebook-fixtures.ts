/** Loading Facebook fixtures (hand-written synthetic files and generated pages) as documents. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../fixtures/x/care-data';
import { pageDoc } from './fixtures';
import { standardInboxPage, standardPostPage } from '../../fixtures/facebook/standard-pages';

export const FB_SYNTHETIC = {
  'syn:dialog': { file: 'fb-post-dialog-comments.synthetic.html', url: 'https://www.facebook.com/' },
  'syn:sjs': { file: 'fb-sjs-prefetch-comments.synthetic.html', url: 'https://www.facebook.com/permalink.php?story_fbid=pfbid0EXAMPLEPOSTSLUG&id=100000000000001' },
} as const;

export function fbFile(name: string): string {
  return readFileSync(path.join(repoRoot, 'tests/fixtures/facebook/dom', name), 'utf8');
}

const generated = new Map<string, { html: string; url: string }>();
type Generator = () => { html: string; url: string };
const generators: Record<string, Generator> = {};

/** Generated pages register here (tests/fixtures/facebook/standard-pages.ts). */
export function registerFbGenerated(id: string, make: Generator): void {
  generators[id] = make;
}

export function fbFixture(id: string): { html: string; url: string } {
  if (id in FB_SYNTHETIC) {
    const f = FB_SYNTHETIC[id as keyof typeof FB_SYNTHETIC];
    const html = fbFile(f.file);
    return { html: /<html/i.test(html) ? html : `<!DOCTYPE html><html><body>${html}</body></html>`, url: f.url };
  }
  let page = generated.get(id);
  if (!page) {
    const make = generators[id];
    if (!make) throw new Error(`unknown Facebook fixture ${id}`);
    page = make();
    generated.set(id, page);
  }
  return page;
}

/** Any fixture named in lib/sites/facebook/selectors.ts, parsed (no scripts run). */
export function fbFixtureDoc(id: string): Document {
  return pageDoc(fbFixture(id).html);
}

export const FB_FIXTURE_IDS = (): string[] => [...Object.keys(FB_SYNTHETIC), ...Object.keys(generators)];

registerFbGenerated('gen:post', () => standardPostPage());
registerFbGenerated('gen:inbox', () => standardInboxPage());
