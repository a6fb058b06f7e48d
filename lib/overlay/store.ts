import type { IdentityProblem } from './identity';
import { createStore } from 'zustand/vanilla';
import type { MessageView } from '../messaging/protocol';
import type { StorageProblem } from '../messaging/replies';
import type { TagPatch } from '../schema/records';

/** UI state of the bars on one page. Views come from the background; nothing here is the source of truth. */
export interface OverlayState {
  /** Written in place by putViews: compare a view with the one drawn, not with an earlier state's. */
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
  /**
   * Why writes cannot be stored right now (they stay queued), shown in the bars that wait
   * for one; null when storage answers.
   */
  storageProblem: { problem: StorageProblem; detail: string } | null;
}

export type OverlayStore = ReturnType<typeof createOverlayStore>;

export function createOverlayStore(now = Date.now()) {
  return createStore<OverlayState>(() => ({ views: {}, now, paused: null, saving: {}, errors: {}, storageProblem: null }));
}

export function setStorageProblem(store: OverlayStore, storageProblem: OverlayState['storageProblem']): void {
  const current = store.getState().storageProblem;
  if (current?.problem === storageProblem?.problem && current?.detail === storageProblem?.detail) return;
  store.setState({ storageProblem });
}

/**
 * Views from the background, written into the page's views in place: the page keeps a view of
 * every post it showed (a thousand on a long thread), and copying them all for every answer
 * made each answer cost as much as the page. The bars compare the view each one last drew
 * (components/bar/mount.ts), never the previous state's `views`.
 */
export function putViews(store: OverlayStore, views: MessageView[]): void {
  if (!views.length) return;
  store.setState((s) => {
    for (const v of views) s.views[v.id] = v;
    return { views: s.views };
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

/**
 * A write of `id` that failed, settled against what is stored (`stored`, read again after
 * the failure; undefined when it could not be read). A write can land and still fail (the
 * worker stopped before answering): then the bar shows it stored and no error. Otherwise
 * the bar shows what is stored, or rolls back (`undo`) when even that is unknown.
 */
export function settleFailed(store: OverlayStore, id: string, patch: TagPatch, reason: string, stored: MessageView | undefined, undo: () => void): void {
  if (!stored) undo();
  const landed = !!stored && Object.entries(patch).every(([k, v]) => stored[k as keyof MessageView] === v);
  settle(store, id, landed ? undefined : reason);
}

/** One write of `id` fewer in flight. */
function oneLessSaving(s: OverlayState, id: string): OverlayState['saving'] {
  return { ...s.saving, [id]: Math.max(0, (s.saving[id] ?? 1) - 1) };
}

function omit<T>(o: Record<string, T>, k: string): Record<string, T> {
  const { [k]: _, ...rest } = o;
  return rest;
}
