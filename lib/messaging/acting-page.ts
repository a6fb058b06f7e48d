import { defineExtensionMessaging } from '@webext-core/messaging';

/**
 * Popup → the active Facebook tab: which Page is the agent acting as there? The options page
 * cannot see a tab, so "This is our Page" is offered by the popup, which asks the tab's
 * content script (the adapter's identity: Business Suite asset_id, the request's actor, i_user).
 * The answer is checked again on arrival: only a numeric Page id is ever offered.
 */
interface ActingPageMap {
  /** `name`: the label of the tab's comment box ("Comment as …"), a hint for the settings form. */
  actingPage(): { id: string | null; name?: string | null };
}

export interface ActingPage {
  id: string;
  name: string | null;
}

const channel = defineExtensionMessaging<ActingPageMap>();

export const onActingPageQuestion = channel.onMessage;

export const PAGE_ID_RE = /^\d{1,20}$/;

/** The answer as the popup may use it: a numeric id, and a name only when it is plain text of a sane length. */
export function readActingPage(answer: unknown): ActingPage | null {
  const { id, name } = (answer ?? {}) as { id?: unknown; name?: unknown };
  if (typeof id !== 'string' || !PAGE_ID_RE.test(id)) return null;
  const clean = typeof name === 'string' ? name.trim() : '';
  // eslint-disable-next-line no-control-regex
  return { id, name: clean && clean.length <= 100 && !/[\u0000-\u001f\u007f<>]/.test(clean) ? clean : null };
}

/** The acting Page of a tab, or null when the tab has no Facebook content script or no Page. */
export async function askActingPage(tabId: number): Promise<ActingPage | null> {
  try {
    return readActingPage(await channel.sendMessage('actingPage', undefined, tabId));
  } catch {
    return null; // not a Facebook tab (no listener there)
  }
}
