import { defineContentScript } from '#imports';
import { BAR_TAG, createBarMounter } from '../../components/bar/mount';
import barCss from '../../components/bar/bar.css?inline';
import { onActingPageQuestion } from '../../lib/messaging/acting-page';
import { extensionDeps } from '../../lib/overlay/extension-deps';
import { guardAgainstPageShutdown } from '../../lib/overlay/page-guard';
import { startOverlay } from '../../lib/overlay/runtime';
import { createFacebookAdapter } from '../../lib/sites/facebook';
import { actingName } from '../../lib/sites/facebook/acting-name';
import { facebookBarSpace } from '../../lib/sites/facebook/bar-space';
import { createTapReceiver } from '../../lib/sites/facebook/tap-receiver';
import { matchPatterns } from '../../lib/sites/registry';

// Wiring only: the adapter reads Facebook (with the exact times the MAIN-world tap forwards,
// entrypoints/fb-tap.content.ts), the runtime drives the bars, the background stores.
export default defineContentScript({
  matches: matchPatterns('facebook'),
  runAt: 'document_idle',
  // The page must not learn the name of WXT's restart event (see page-guard.ts).
  noScriptStartedPostMessage: true,
  main(ctx) {
    guardAgainstPageShutdown(ctx);
    // Whatever the page posts is untrusted: the receiver validates it and hands a time out
    // only for a comment the page shows (lib/sites/facebook/tap-receiver.ts).
    const tap = createTapReceiver(window);
    const facebook = createFacebookAdapter({ tap });
    const overlay = startOverlay({
      adapter: facebook,
      ...extensionDeps(ctx),
      // An undrawn bar puts no host in its post: the sheet already holds its room (bar-space.ts).
      mountBar: (store) => createBarMounter(store, barCss, { signal: ctx.signal, hostsOnDraw: true }),
      // The comments' room is in the page before Facebook lays a new comment out (lib/overlay/bar-space.ts).
      barSpace: facebookBarSpace(BAR_TAG),
    });
    // The popup's "This is our Page" asks which Page this tab acts as (lib/messaging/acting-page.ts).
    ctx.onInvalidated(
      onActingPageQuestion('actingPage', () => {
        const id = facebook.identity(document, new URL(location.href)).actorId;
        return { id, name: id ? actingName(document) : null };
      }),
    );
    // New exact times are read on the next pass.
    ctx.addEventListener(window, 'message', (e) => {
      if (tap.receive(e)) overlay.schedule();
    });
  },
});
