import type { IdentityProblem } from './identity';
import { createStore } from 'zustand/vanilla';
import type { MessageView } from '../messaging/protocol';
import type { TagPatch } from '../schema/records';

/** UI state of the bars on one page. Views come from the background; nothing here is the source of truth. */
export interface OverlayState {
  views: Record<string, MessageView>;
  /** Ticks every 30 s so the case clocks move. */
  now: number;
  /**
   * Set when the page no longer matches the adapter, or (`identity`) the brand is not known
   * on this page (lib/overlay/identity.ts): every bar says so and tagging stops.
   */
  paused: { missing: string[]; identity?: IdentityProblem } | null;
  /** Writes sent but not yet acknowledged, per post id. */
  saving: Record<string, number>;
  /** The last refused write per post id, shown in its bar. */
  errors: Record<string, string>;
}

export type OverlayStore = ReturnType<typeof createOverlayStore>;

export function createOverlayStore(now = Date.now()) {
  return createStore<OverlayState>(() => ({ views: {}, now, paused: null, saving: {}, errors: {} }));
}

export function putViews(store: OverlayStore, views: MessageView[]): void {
  if (!views.length) return;
  store.setState((s) => {
    const next = { ...s.views };
    for (const v of views) next[v.id] = v;
    return { views: next };
  });
}

/** Shows a tag at once (optimistic) and returns how to undo it if the write is refused. */
export function optimisticTag(store: OverlayStore, id: string, patch: TagPatch): () => void {
  const before = store.getState().views[id];
  const base: MessageView = before ?? {
    id, stored: false, queryType: null, status: null, channel: null, sentiment: null,
    noReplyNeeded: false, sentBy: null, clock: null, waiting: false, latest: false,
  };
  const next = { ...base, ...patch } as MessageView;
  if (patch.status !== undefined && patch.status !== 'escalated') next.channel = null;
  store.setState((s) => ({
    views: { ...s.views, [id]: next },
    saving: { ...s.saving, [id]: (s.saving[id] ?? 0) + 1 },
    errors: omit(s.errors, id),
  }));
  return () => store.setState((s) => ({ views: before ? { ...s.views, [id]: before } : omit(s.views, id) }));
}

/**
 * A write of `id` acknowledged with its view: putViews + settle in one update, so each of the
 * page's bars checks the store once per acknowledged tag, not twice (1,000 bars: ~2 ms each).
 */
export function acknowledge(store: OverlayStore, id: string, view: MessageView): void {
  store.setState((s) => ({
    views: { ...s.views, [view.id]: view },
    saving: oneLessSaving(s, id),
  }));
}

export function settle(store: OverlayStore, id: string, error?: string): void {
  store.setState((s) => ({
    saving: oneLessSaving(s, id),
    errors: error ? { ...s.errors, [id]: error } : s.errors,
  }));
}

/** One write of `id` fewer in flight. */
function oneLessSaving(s: OverlayState, id: string): OverlayState['saving'] {
  return { ...s.saving, [id]: Math.max(0, (s.saving[id] ?? 1) - 1) };
}

function omit<T>(o: Record<string, T>, k: string): Record<string, T> {
  const { [k]: _, ...rest } = o;
  return rest;
}
