import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Settings } from '../schema/records';
import type { PostSlot, SiteAdapter } from '../sites/types';
import { createBarRegistry, type BarHandleLike } from './bar-registry';
import { createBarSpace, type BarSpaceSpec } from './bar-space';
import { createTabIdentity } from './identity';
import { createShortcutHandler } from './keys';
import { createObservationCache, type ReadyPost } from './observation';
import { createOwnReplyWatch } from './own-reply-watch';
import { newPageSession, signatureOf, storesConversation } from './page-session';
import { createListWatcher, createPassScheduler } from './pass-scheduler';
import { createOverlayStore, type OverlayStore } from './store';
import { createWriter, type OverlayApi } from './writer';

export type { BarHandleLike, BarSlot } from './bar-registry';
export { MIN_PASS_GAP_MS } from './pass-scheduler';
export { REFRESH_AFTER_TAG_MAX_MS, REFRESH_AFTER_TAG_MS } from './writer';

export interface OverlayDeps {
  adapter: SiteAdapter;
  ctx: ContentScriptContext;
  api: OverlayApi;
  settings: { get(): Promise<Settings>; watch(cb: (s: Settings) => void): () => void };
  mountBar(store: OverlayStore): () => BarHandleLike;
  /** The site's sheet reserving each bar's room before the site measures a post (./bar-space.ts). */
  barSpace?: BarSpaceSpec;
  /** How long the page may show posts without a recognisable list before the bars say "paused". */
  layoutGraceMs?: number;
  /** Which events act (keys, composer submits): a person's only, by default (`isTrusted`). */
  acts?: (e: Event) => boolean;
}

/**
 * The content-script runtime for one site: watches the page, mounts a bar in every post,
 * sends sightings and tags to the background, and tears everything down through `ctx`.
 * The parts live in their own modules; this is the pass and the wiring.
 */
export function startOverlay(deps: OverlayDeps) {
  const { adapter, ctx } = deps;
  const store = createOverlayStore();
  const registry = createBarRegistry(adapter, deps.mountBar(store), { atEnd: !!deps.barSpace });
  const space = deps.barSpace ? createBarSpace(deps.barSpace) : null;
  const noBars = () => {
    space?.off();
    registry.clear();
    list.forget(); // the cells were not read: the next pass reads them all
  };
  const parseCache = new WeakMap<Element, { sig: string; slot: PostSlot }>();
  const toObservations = createObservationCache(adapter.platform);
  let settings: Settings | null = null;
  let page = newPageSession();
  const identity = createTabIdentity();
  /** Brand identities (settings + the account remembered for this tab) and whether they are known: lib/overlay/identity.ts. */
  const brandIdentity = () => identity.resolve(settings?.brandHandles[adapter.platform] ?? [], adapter.loggedInHandle(document));
  const brand = () => brandIdentity().brand;
  const writer = createWriter({ adapter, ctx, api: deps.api, store, session: () => page, brand });
  const acts = deps.acts ?? ((e: Event) => e.isTrusted);
  const ownReplies = createOwnReplyWatch(adapter, document, acts, () => page);
  const { schedule } = createPassScheduler(ctx, pass);
  const list = createListWatcher(() => adapter.listRoot(document), schedule, registry.owns, () => adapter.watchRoot?.(document) ?? null);

  const cachedParse = (el: Element): PostSlot => {
    const sig = adapter.signature(el);
    const hit = parseCache.get(el);
    if (hit && hit.sig === sig) return hit.slot;
    const slot = adapter.parsePost(el);
    parseCache.set(el, { sig, slot });
    return slot;
  };
  const tag = (id: string, patch: Parameters<typeof writer.tag>[1]) => void writer.tag(id, patch);

  function pass(): void {
    if (!settings) return;
    if (location.href !== page.url) page = newPageSession();
    list.attach();
    // The cells the page changed since the last pass; the adapter keeps what it read in the rest.
    const changes = list.takeChanges();
    const url = new URL(location.href);
    registry.sweep();
    // A site whose dialogs open over any page (Facebook's post dialog) is read on every page,
    // and the read says what the page is; elsewhere the URL decides before anything is read.
    if (!adapter.readsEveryPage && adapter.pageKind(url) === 'other') return noBars();
    const read = adapter.readThread(document, url, cachedParse, undefined, changes ? (cell) => changes.has(cell) : undefined);
    if (!read.layoutOk) list.forget();
    const kind = adapter.readsEveryPage ? read.kind : adapter.pageKind(url);
    if (kind === 'other' && !read.posts.length) return noBars();
    const grace = Date.now() - page.startedAt > (deps.layoutGraceMs ?? 3000);
    const who = brandIdentity();
    const layoutPaused = !read.layoutOk && (read.posts.length > 0 || grace) ? { missing: read.missing } : null;
    // Without a known brand every post would be classified as a customer's: pause instead of guessing.
    const paused = layoutPaused ?? (who.problem ? { missing: [], identity: who.problem } : null);
    if (JSON.stringify(paused) !== JSON.stringify(store.getState().paused)) store.setState({ paused });

    const brands = who.brand;
    space?.on(kind);
    for (const tp of read.posts) registry.show(tp, !!tp.post && brands.has(tp.post.author), tag);
    space?.settle(registry.bars, changes);
    if (paused) return;

    const ready = read.posts.filter((p): p is ReadyPost => !!p.post);
    page.focusedId = ready.find((p) => p.role === 'focused')?.post.id ?? page.focusedId;
    const observations = toObservations(ready, brands, page.focusedId);
    ready.forEach((p) => page.posts.set(p.post.id, p));
    for (const claim of ownReplies.claims(observations, brands, page)) {
      page.tracked = true;
      // Facebook: which identity sent it (a Page, or the agent's own profile: "sent as you").
      const sentAs = adapter.replyIdentity?.(document, url, claim.author) ?? {};
      void writer.tag(claim.id, { sentBy: 'me' }, { ...claim, ...sentAs });
    }
    const fresh = observations.filter((o) => page.sent.get(o.id) !== signatureOf(o));
    if (!fresh.length) return;
    for (const o of fresh) page.sent.set(o.id, signatureOf(o));
    if (storesConversation(kind, page, observations)) {
      // The pass that starts tracking stores every post shown, not only the new ones: posts
      // seen while the conversation was not tracked yet (a customer's comment before the
      // brand's reply loaded) are already in `page.sent` and would otherwise never be stored.
      const starts = !page.tracked;
      page.tracked = true;
      void writer.observe(starts ? observations : fresh);
    } else {
      const session = page;
      void writer.peek(fresh.map((o) => o.id)).then((views) => {
        // A post of this conversation is already stored (tagged elsewhere): track it all.
        if (kind === 'conversation' && !session.tracked && views.some((v) => v.stored)) {
          session.tracked = true;
          void writer.observe(observations);
        }
      });
    }
  }

  // Wiring: everything goes through ctx so it is torn down when the script is invalidated.
  const onShortcut = createShortcutHandler({
    idAt: registry.idAt,
    view: (id) => store.getState().views[id],
    paused: () => !!store.getState().paused,
    tag,
    acts,
  });
  ctx.addEventListener(window, 'keydown', ownReplies.onKeyDown, { capture: true });
  ctx.addEventListener(window, 'keydown', onShortcut, { capture: true });
  ctx.addEventListener(window, 'click', ownReplies.onClick, { capture: true });
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    page = newPageSession();
    schedule();
  });
  ctx.addEventListener(window, 'popstate', schedule);
  ctx.setInterval(() => {
    store.setState({ now: Date.now() });
    if (list.detached) schedule();
  }, 30_000);
  ctx.setInterval(() => void writer.refresh(), 60_000);
  // Until X has rendered the list, look for it a few times a second (cheap: one querySelector).
  ctx.setInterval(() => list.stale && schedule(), 500);
  const unwatch = deps.settings.watch((s) => {
    settings = s;
    registry.invalidate(); // re-render: brand identities may have changed
    schedule();
  });
  ctx.onInvalidated(() => {
    unwatch();
    list.disconnect();
    registry.clear();
    space?.remove();
  });
  void deps.settings.get().then((s) => {
    settings = s;
    schedule();
  });

  /** `schedule`: ask for a pass (coalesced), e.g. when a site's data arrives outside the DOM. */
  return { store, pass, schedule, bars: registry.bars };
}
