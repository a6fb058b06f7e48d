import { defineConfig } from 'wxt';
import { popupModulePreload, resolvePopupDependencies } from './scripts/popup-preload';

// Permissions (see README "Privacy"): storage + unlimitedStorage for the local history,
// alarms to recount overdue cases for the badge. No host permissions beyond the content
// scripts' own matches, nothing that reaches the network.
const SYNC_ORIGINS = ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'];
/**
 * Test-only build (`wxt build --mode e2e-sync`, output `.output/chrome-mv3-e2e-sync`): the
 * loopback origin is granted at install, so `permissions.request` for a test server on
 * 127.0.0.1 answers at once instead of opening the browser's prompt, which no test driver
 * can answer (Chromium has no switch for it). Never in the shipped build (a unit test
 * checks the production manifest).
 */
export const E2E_SYNC_MODE = 'e2e-sync';

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/i18n/module'],
  imports: false,
  // popup.html preloads the popup's code itself (scripts/popup-preload.ts, issue 7).
  vite: () => ({ plugins: [popupModulePreload()], build: { modulePreload: { resolveDependencies: resolvePopupDependencies } } }),
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'unlimitedStorage', 'alarms'],
    // Team sync (issue 10): the team's server is asked for at run time, that origin only,
    // when the agent or lead saves it (never at install). MV2 Firefox lists origins here.
    ...(browser === 'firefox' ? { optional_permissions: SYNC_ORIGINS } : { optional_host_permissions: SYNC_ORIGINS }),
    ...(mode === E2E_SYNC_MODE && browser !== 'firefox' && { host_permissions: ['http://127.0.0.1/*'] }),
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: { id: 'threadmark@threadmark.app', strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } },
      },
    }),
  }),
});
