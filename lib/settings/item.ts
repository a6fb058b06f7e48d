import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS } from '../schema/defaults';
import type { Settings } from '../schema/records';

/**
 * The agent's settings in extension storage (readable by the content script without
 * messaging). Written only through `saveSettings`, which validates.
 */
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});
