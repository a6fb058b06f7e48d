import { defineContentScript } from '#imports';
import { BAR_TAG, createBarMounter } from '../../components/bar/mount';
import barCss from '../../components/bar/bar.css?inline';
import { extensionDeps } from '../../lib/overlay/extension-deps';
import { guardAgainstPageShutdown } from '../../lib/overlay/page-guard';
import { startOverlay } from '../../lib/overlay/runtime';
import { matchPatterns } from '../../lib/sites/registry';
import { xAdapter } from '../../lib/sites/x';
import { xBarSpace } from '../../lib/sites/x/bar-space';

// Wiring only: the adapter reads X, the runtime drives the bars, the background stores.
export default defineContentScript({
  // From the site registry: the adapter's own host list, so the two cannot drift.
  matches: matchPatterns('x'),
  runAt: 'document_idle',
  // The page must not learn the name of WXT's restart event (see page-guard.ts).
  noScriptStartedPostMessage: true,
  main(ctx) {
    guardAgainstPageShutdown(ctx);
    startOverlay({
      adapter: xAdapter,
      ...extensionDeps(ctx),
      mountBar: (store) => createBarMounter(store, barCss, { signal: ctx.signal, hostsOnDraw: true }),
      barSpace: xBarSpace(BAR_TAG),
    });
  },
});
