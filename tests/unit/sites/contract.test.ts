// @vitest-environment jsdom
/**
 * The contract every registered site adapter meets (issue 8): its selector table is proven
 * by fixtures, it uses no class selectors, it never throws on any fixture (nor on hostile
 * variants of them), the ids it reports have the site's format, and it runs on its hosts only.
 * A new site adds one entry to SITES.
 */
import { describe, expect, it } from 'vitest';
import { facebookAdapter, isFacebookId } from '../../../lib/sites/facebook';
import { FB_SELECTOR_TABLE, HOSTS as FB_HOSTS, SEL as FB_SEL } from '../../../lib/sites/facebook/selectors';
import type { SiteAdapter } from '../../../lib/sites/types';
import { xAdapter } from '../../../lib/sites/x';
import { HOSTS as X_HOSTS, SEL as X_SEL, X_SELECTOR_TABLE } from '../../../lib/sites/x/selectors';
import { standardConversation, standardDialog, standardNotifications } from '../../fixtures/x/standard-pages';
import { fixtureDoc } from './fixtures';
import { FB_FIXTURE_IDS, fbFixture, fbFixtureDoc } from './facebook-fixtures';
import { SITES as REGISTRY } from '../../../lib/sites/registry';
import { platformIdSchema } from '../../../lib/schema/records';

interface SiteUnderContract {
  name: string;
  adapter: SiteAdapter;
  table: readonly { name: string; selector: string; fixture: string; expectedCount: number }[];
  selectors: Record<string, string>;
  hosts: readonly string[];
  fixtures: string[];
  doc(id: string): Document;
  url(id: string): string;
  isId(id: string): boolean;
}

const X_URLS: Record<string, () => string> = {
  'gen:conversation': () => standardConversation().url,
  'gen:dialog': () => standardDialog().url,
  'gen:notifications': () => standardNotifications().url,
};

const SITES: SiteUnderContract[] = [
  {
    name: 'x',
    adapter: xAdapter,
    table: X_SELECTOR_TABLE,
    selectors: X_SEL,
    hosts: X_HOSTS,
    fixtures: ['real:focused', 'real:quote', 'real:quote-video', 'gen:conversation', 'gen:dialog', 'gen:notifications'],
    doc: fixtureDoc,
    url: (id) => X_URLS[id]?.() ?? 'https://x.com/TestUser123/status/1981398750557065646',
    isId: (id) => /^\d{1,25}$/.test(id),
  },
  {
    name: 'facebook',
    adapter: facebookAdapter,
    table: FB_SELECTOR_TABLE,
    selectors: FB_SEL,
    hosts: FB_HOSTS,
    fixtures: FB_FIXTURE_IDS(),
    doc: fbFixtureDoc,
    url: (id) => fbFixture(id).url,
    isId: isFacebookId,
  },
];

/** Hostile variants of a fixture: every id link broken, every attribute of one kind removed, the body emptied. */
function variants(doc: Document): Document[] {
  const out: Document[] = [];
  const clone = () => doc.cloneNode(true) as Document;
  const a = clone();
  a.querySelectorAll('a[href]').forEach((el, i) => el.setAttribute('href', i % 2 ? 'http://[' : 'javascript:alert(1)'));
  out.push(a);
  const b = clone();
  b.querySelectorAll('[role]').forEach((el) => el.removeAttribute('role'));
  out.push(b);
  const c = clone();
  for (const attr of ['data-testid', 'data-message-id', 'data-utime', 'data-commentid']) c.querySelectorAll(`[${attr}]`).forEach((el) => el.setAttribute(attr, '\u0000<>'));
  out.push(c);
  const d = clone();
  d.body.innerHTML = '';
  out.push(d);
  return out;
}

const parsed = new Map<string, Document>();
/** One parse per fixture (the generated X pages are large); callers that mutate get a clone. */
function docOf(site: SiteUnderContract, id: string): Document {
  const key = `${site.name}:${id}`;
  let d = parsed.get(key);
  if (!d) parsed.set(key, (d = site.doc(id)));
  return d;
}

describe.each(SITES)('site adapter contract: $name', (site) => {
  it('has every selector of its table proven by its fixture', () => {
    for (const row of site.table) expect(docOf(site, row.fixture).querySelectorAll(row.selector).length, `${row.name} in ${row.fixture}`).toBe(row.expectedCount);
    const named = new Set(site.table.map((r) => r.name));
    expect(Object.entries(site.selectors).filter(([n, s]) => !named.has(n) && !site.table.some((r) => r.selector.includes(s))).map(([n]) => n)).toEqual([]);
    // The first test of a site parses its large real captures in jsdom: seconds on a loaded machine.
  }, 30_000);

  it('uses no class selectors', () => {
    for (const sel of [...Object.values(site.selectors), ...site.table.map((r) => r.selector)]) expect(sel).not.toMatch(/(^|[\s>+~,(])[a-z0-9]*\.[A-Za-z_-]/);
  });

  it('is registered: the site registry lists its hosts, and every id it reports passes the registry and the record schema', () => {
    const entry = REGISTRY[site.adapter.platform];
    expect([...entry.hosts].sort()).toEqual([...site.adapter.hosts].sort());
    for (const id of site.fixtures) {
      for (const p of site.adapter.readThread(docOf(site, id), new URL(site.url(id)), undefined, null).posts) {
        if (!p.post) continue;
        expect(entry.idPattern.test(p.post.id), `${id}: ${p.post.id}`).toBe(true);
        expect(platformIdSchema.safeParse(p.post.id).success, `${id}: ${p.post.id}`).toBe(true);
      }
    }
  });

  it('runs on its hosts over https only', () => {
    for (const h of site.hosts) {
      expect(site.adapter.matches(new URL(`https://${h}/`)), h).toBe(true);
      expect(site.adapter.matches(new URL(`http://${h}/`)), `http ${h}`).toBe(false);
      expect(site.adapter.matches(new URL(`https://${h}.evil.example/`)), `${h}.evil`).toBe(false);
      expect(site.adapter.matches(new URL(`https://evil${h}/`)), `evil${h}`).toBe(false);
    }
    for (const other of SITES.filter((s) => s !== site)) for (const h of other.hosts) expect(site.adapter.matches(new URL(`https://${h}/`)), `${site.name} on ${h}`).toBe(false);
  });

  it('reads every fixture, and hostile variants of it, without throwing, reporting only well-formed ids', () => {
    for (const id of site.fixtures) {
      const url = new URL(site.url(id));
      for (const doc of [docOf(site, id), ...variants(docOf(site, id))]) {
        const read = site.adapter.readThread(doc, url, undefined, null);
        expect(['conversation', 'notifications', 'other']).toContain(read.kind);
        for (const p of read.posts) {
          if (p.post) {
            expect(site.isId(p.post.id), `${id}: ${p.post.id}`).toBe(true);
            expect(Number.isFinite(p.post.at), `${id}: time of ${p.post.id}`).toBe(true);
          } else expect(p.problem, id).not.toBeNull();
          if (p.rootId !== null) expect(site.isId(p.rootId), `${id}: root ${p.rootId}`).toBe(true);
          if (p.inReplyTo !== null) expect(site.isId(p.inReplyTo), `${id}: parent ${p.inReplyTo}`).toBe(true);
        }
        for (const el of doc.querySelectorAll('article, [role="article"], [data-message-id]')) {
          const slot = site.adapter.parsePost(el);
          if (slot.post) expect(site.isId(slot.post.id)).toBe(true);
          expect(typeof site.adapter.signature(el)).toBe('string');
          site.adapter.barAnchor?.(el);
        }
        site.adapter.listRoot(doc);
        site.adapter.loggedInHandle(doc);
      }
    }
  }, 60_000);

  it('finds posts with ids on at least one of its fixtures (the contract is not vacuous)', () => {
    const found = site.fixtures.flatMap((id) => site.adapter.readThread(docOf(site, id), new URL(site.url(id)), undefined, null).posts.filter((p) => p.post));
    expect(found.length).toBeGreaterThan(5);
  });
});
