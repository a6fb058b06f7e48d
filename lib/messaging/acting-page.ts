import { defineExtensionMessaging } from '@webext-core/messaging';

/**
 * Popup → the active Facebook tab: which Page is the agent acting as there? The options page
 * cannot see a tab, so "This is our Page" is offered by the popup, which asks the tab's
 * content script (the adapter's identity: Business Suite asset_id, the request's actor, i_user).
 * The answer is checked again on arrival: only a numeric Page id is ever offered.
 */
interface ActingPageMap {
  actingPage(): { id: string | null };
}

const channel = defineExtensionMessaging<ActingPageMap>();

export const onActingPageQuestion = channel.onMessage;

export const PAGE_ID_RE = /^\d{1,20}$/;

/** The acting Page id of a tab, or null when the tab has no Facebook content script or no Page. */
export async function askActingPage(tabId: number): Promise<string | null> {
  try {
    const { id } = await channel.sendMessage('actingPage', undefined, tabId);
    return typeof id === 'string' && PAGE_ID_RE.test(id) ? id : null;
  } catch {
    return null; // not a Facebook tab (no listener there)
  }
}
