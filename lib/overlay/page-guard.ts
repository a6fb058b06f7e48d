import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * WXT stops an older copy of a content script when a newer one starts: the new copy
 * dispatches a "content-script-started" event on the document, and every other copy that
 * hears it invalidates itself. The page hears and can dispatch that event too (its name is
 * the extension id, public, plus the entrypoint name), so a page script could shut
 * Threadmark down on its page. Events a page dispatches are untrusted, but so is WXT's own.
 *
 * What the page cannot forge: whether this copy is still connected to its extension. A copy
 * that has a newer one to make way for has lost its runtime (the extension was reloaded or
 * updated: `browser.runtime.id` is gone); a connected copy never needs to stop. So while
 * connected, the event is stopped before WXT's listener sees it.
 * (`noScriptStartedPostMessage` in the entrypoint keeps WXT from also announcing the event
 * name to the page with postMessage.)
 */
/** WXT's event name (`{extension id}:{entrypoint}:wxt:content-script-started`); private in its types. */
export const SCRIPT_STARTED_EVENT = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE;

export function guardAgainstPageShutdown(ctx: ContentScriptContext, connected: () => boolean = () => browser.runtime?.id != null): void {
  ctx.addEventListener(
    window,
    SCRIPT_STARTED_EVENT as never,
    (e: Event) => {
      if (connected()) e.stopImmediatePropagation();
    },
    { capture: true },
  );
}
