import { defineConfig } from 'wxt';

// See README "Permissions": only what the features need, nothing that reaches the network.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/i18n/module'],
  imports: false,
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'unlimitedStorage', 'alarms'],
    browser_specific_settings: {
      gecko: { id: 'threadmark@threadmark.app', data_collection_permissions: { required: ['none'] } },
    },
  },
});
