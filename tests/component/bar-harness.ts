import { within } from '@testing-library/dom';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createBarMounter, shadowOfBar } from '../../components/bar/mount';
import type { MessageView } from '../../lib/messaging/protocol';
import type { BarSlot } from '../../lib/overlay/bar-registry';
import { createOverlayStore, putViews } from '../../lib/overlay/store';
import type { TagPatch } from '../../lib/schema/records';

export const NOW = Date.UTC(2026, 10, 2, 12, 0);
export const CSS = readFileSync(resolve(__dirname, '../../components/bar/bar.css'), 'utf8');

export const view = (over: Partial<MessageView> = {}): MessageView => ({
  id: '101', stored: true, queryType: null, status: null, channel: null, sentiment: null,
  noReplyNeeded: false, sentBy: null, clock: null, waiting: true, latest: true, ...over,
});

/**
 * One real bar (the production mounter) in a post, and Testing Library queries scoped to its
 * closed shadow root through the test hook. Testing Library's events are not trusted, as a
 * page script's would not be: `trustAll` lets them act, as a person's would.
 */
export function mountBar(slot: BarSlot = { id: '101', problem: null, fromBrand: false }, v?: MessageView, opts: { trustAll?: boolean } = {}) {
  const store = createOverlayStore(NOW);
  if (v) putViews(store, [v]);
  const tags: TagPatch[] = [];
  const controller = new AbortController();
  const mount = createBarMounter(store, CSS, { signal: controller.signal, acts: opts.trustAll === false ? undefined : () => true });
  const handle = mount();
  const article = document.createElement('article');
  article.append(handle.host);
  document.body.append(article);
  handle.render(slot, (p) => tags.push(p));
  const shadow = shadowOfBar(handle.host)!;
  return { store, tags, handle, shadow, bar: within(shadow.querySelector<HTMLElement>('.root')!), article, stop: () => controller.abort() };
}
