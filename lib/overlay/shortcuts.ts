import type { TagPatch } from '../schema/records';
import { QUERY_TYPES, SENTIMENTS, STATUSES } from '../schema/taxonomy';

/**
 * One key per tag for the post that has focus. Digits only: X uses letters (j, k, l, r, t,
 * s, b, n, …) for its own shortcuts and none of the digits. `event.code` keeps the keys in
 * the same place on every keyboard layout.
 *
 *   1–6        query type: complaint, feedback, recommendation, technical question, response, other
 *   Shift+1–4  status: open, pending, escalated, resolved
 *   7, 8, 9    sentiment: negative, neutral, positive (customer messages)
 *   0          no reply needed (toggles)
 */
export interface KeyLike {
  code: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

export type ShortcutAction = { patch: TagPatch } | { toggle: 'noReplyNeeded' };

export function shortcutFor(e: KeyLike): ShortcutAction | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  const m = /^(?:Digit|Numpad)(\d)$/.exec(e.code);
  if (!m) return null;
  const n = Number(m[1]);
  if (e.shiftKey) {
    const status = STATUSES[n - 1];
    return status ? { patch: { status } } : null;
  }
  if (n >= 1 && n <= 6) return { patch: { queryType: QUERY_TYPES[n - 1]! } };
  if (n >= 7 && n <= 9) return { patch: { sentiment: SENTIMENTS[n - 7]! } };
  return { toggle: 'noReplyNeeded' };
}

/** The key that sets a value, for the bar's tooltips. */
export const SHORTCUT_LABELS: Record<string, string> = {
  ...Object.fromEntries(QUERY_TYPES.map((q, i) => [q, String(i + 1)])),
  ...Object.fromEntries(STATUSES.map((s, i) => [s, `Shift+${i + 1}`])),
  ...Object.fromEntries(SENTIMENTS.map((s, i) => [s, String(i + 7)])),
  noReplyNeeded: '0',
};
