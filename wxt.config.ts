import { defineConfig } from 'wxt';

// Permissions (see README "Privacy"): storage + unlimitedStorage for the local history,
// alarms to recount overdue cases for the badge. No host permissions beyond the content
// scripts' own matches, nothing that reaches the network.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/i18n/module'],
  imports: false,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'unlimitedStorage', 'alarms'],
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: { id: 'threadmark@threadmark.app', strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } },
      },
    }),
  }),
});
