import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { MessageView, ObserveInput, PeekInput, TagInput } from '../messaging/protocol';
import type { Observation, TagPatch } from '../schema/records';
import type { SiteAdapter } from '../sites/types';
import { toObservation, toObservations } from './observation';
import { createOutbox } from './outbox';
import type { PageSession } from './page-session';
import { acknowledge, optimisticTag, putViews, setStorageProblem, settleFailed, type OverlayStore } from './store';

export interface OverlayApi {
  observe(data: ObserveInput): Promise<MessageView[]>;
  peek(data: PeekInput): Promise<MessageView[]>;
  tag(data: TagInput): Promise<MessageView>;
}

const OBSERVE_CHUNK = 200;
const PEEK_CHUNK = 500;
/**
 * After a tag the other posts' views (case clocks) are read again, once per burst: this long
 * after the last tag, and at least this often while the agent keeps tagging. One refresh per
 * tag queued a page-wide peek behind every write (1,000 tags: 1,000 peeks of 1,000 posts).
 */
export const REFRESH_AFTER_TAG_MS = 300;
export const REFRESH_AFTER_TAG_MAX_MS = 2000;

export interface WriterDeps {
  adapter: Pick<SiteAdapter, 'platform' | 'pageKind'>;
  ctx: Pick<ContentScriptContext, 'signal' | 'setTimeout'>;
  api: OverlayApi;
  store: OverlayStore;
  /** The page the writes are about (replaced when the URL changes). */
  session(): PageSession;
  brand(): Set<string>;
}

/**
 * Everything the content script sends to the background, in order through one retrying
 * outbox: sightings (observe), reads (peek) and tags, with the bars' optimistic state.
 */
export function createWriter({ adapter, ctx, api, store, session, brand }: WriterDeps) {
  const outbox = createOutbox({ signal: ctx.signal, onProblem: (problem) => setStorageProblem(store, problem) });
  let refreshTimer: number | undefined;
  let refreshDue = 0;

  async function observe(items: Observation[]): Promise<void> {
    const page = session();
    for (let i = 0; i < items.length; i += OBSERVE_CHUNK) {
      const chunk = items.slice(i, i + OBSERVE_CHUNK);
      try {
        putViews(store, await outbox.send(() => api.observe({ items: chunk })));
      } catch (e) {
        // Let a later pass try again.
        for (const o of chunk) page.sent.delete(o.id);
        console.warn('Threadmark: could not store posts', e);
      }
    }
  }

  async function peek(ids: string[]): Promise<MessageView[]> {
    const out: MessageView[] = [];
    for (let i = 0; i < ids.length; i += PEEK_CHUNK) {
      try {
        const views = await outbox.send(() => api.peek({ platform: adapter.platform, ids: ids.slice(i, i + PEEK_CHUNK) }));
        putViews(store, views);
        out.push(...views);
      } catch (e) {
        console.warn('Threadmark: could not read tags', e);
      }
    }
    return out;
  }

  async function tag(id: string, patch: TagPatch, observation?: Observation): Promise<void> {
    const page = session();
    const p = page.posts.get(id);
    const obs = observation ?? (p ? toObservation(adapter.platform, p, brand(), page.posts, p.inReplyTo, page.focusedId) : undefined);
    if (!obs) return;
    const undo = optimisticTag(store, id, patch);
    try {
      acknowledge(store, id, await outbox.send(() => api.tag({ observation: obs, patch })));
      if (!page.tracked && adapter.pageKind(new URL(location.href)) === 'conversation') {
        // The first tag makes the conversation tracked: store its other posts for context.
        page.tracked = true;
        void observe(toObservations(adapter.platform, [...page.posts.values()], brand(), page.focusedId));
      } else {
        refreshSoon(); // a tag can change the clock of every post in the case
      }
    } catch (e) {
      // The write may have landed before its answer was lost: show what is stored, not a guess.
      const [stored] = await peek([id]);
      settleFailed(store, id, patch, e instanceof Error ? e.message.replace(/^.*?: /, '') : String(e), stored, undo);
    }
  }

  /** refresh() REFRESH_AFTER_TAG_MS after the last call, at most REFRESH_AFTER_TAG_MAX_MS after the first. */
  function refreshSoon(): void {
    const now = Date.now();
    if (refreshTimer === undefined) refreshDue = now + REFRESH_AFTER_TAG_MAX_MS;
    else clearTimeout(refreshTimer);
    refreshTimer = ctx.setTimeout(() => {
      refreshTimer = undefined;
      void refresh();
    }, Math.max(0, Math.min(REFRESH_AFTER_TAG_MS, refreshDue - now)));
  }

  /** Reads the views of every post of the page again (case clocks move with other posts' tags). */
  async function refresh(): Promise<void> {
    const ids = [...session().posts.keys()];
    if (ids.length) await peek(ids);
  }

  return { observe, peek, tag, refresh };
}

export type Writer = ReturnType<typeof createWriter>;
