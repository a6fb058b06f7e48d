// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { guardAgainstPageShutdown, SCRIPT_STARTED_EVENT } from '../../../lib/overlay/page-guard';

/** What a page script can do: dispatch WXT's "a newer copy started" event under its public name. */
const forge = (ctx: ContentScriptContext) =>
  document.dispatchEvent(new CustomEvent(SCRIPT_STARTED_EVENT, { detail: { contentScriptName: ctx['contentScriptName' as never], messageId: 'page' } }));

const contexts: ContentScriptContext[] = [];
const context = () => {
  const ctx = new ContentScriptContext('x');
  contexts.push(ctx);
  return ctx;
};
afterEach(() => contexts.splice(0).forEach((c) => c.notifyInvalidated()));

describe('the page cannot shut the content script down', () => {
  it('would, without the guard (WXT listens for the event on the document)', () => {
    const ctx = context();
    forge(ctx);
    expect(ctx.signal.aborted).toBe(true);
  });

  it('cannot while this copy is connected to its extension', () => {
    const ctx = context();
    guardAgainstPageShutdown(ctx, () => true);
    forge(ctx);
    expect(ctx.signal.aborted).toBe(false);
  });

  it('still lets a newer copy replace this one once the extension was reloaded or updated', () => {
    const ctx = context();
    guardAgainstPageShutdown(ctx, () => false);
    forge(ctx);
    expect(ctx.signal.aborted).toBe(true);
  });
});
