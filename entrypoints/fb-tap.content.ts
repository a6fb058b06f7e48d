import { defineContentScript } from '#imports';
import { installTap } from '../lib/sites/facebook/tap';
import { matchPatterns } from '../lib/sites/registry';

// Wiring only: Facebook's exact comment times are in its own /api/graphql/ responses, which
// only the page's world can see. The tap reads them without changing anything and forwards
// the few fields Threadmark stores with postMessage (lib/sites/facebook/tap.ts); it has no
// extension API, sends nothing, and the isolated script validates what it posts.
export default defineContentScript({
  matches: matchPatterns('facebook'),
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    installTap(window);
  },
});
