import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '../messaging/client';
import { settingsItem } from '../settings/item';
import type { OverlayDeps } from './runtime';

/**
 * What every site's content script gives the runtime from the extension: the background's
 * messages and the settings item. Shared so the site entrypoints stay wiring only.
 */
export function extensionDeps(ctx: ContentScriptContext): Pick<OverlayDeps, 'ctx' | 'api' | 'settings'> {
  return {
    ctx,
    api: {
      observe: (data) => sendMessage('observe', data),
      peek: (data) => sendMessage('peek', data),
      tag: (data) => sendMessage('tag', data),
    },
    settings: { get: () => settingsItem.getValue(), watch: (cb) => settingsItem.watch(cb) },
  };
}
