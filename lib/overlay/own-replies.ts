/**
 * Recognising the agent's own reply: when the agent submits a composer, remember the
 * draft; when a brand post with that text appears soon after, it is this agent's reply to
 * the post the composer answered. X adds nothing to the text but may drop the leading
 * @mentions it shows as "Replying to", so both sides are compared without them.
 */
export interface PendingReply {
  text: string;
  replyTo: string | null;
  submittedAt: number;
}

/** How long after a submit a matching post still counts as ours. */
export const PENDING_WINDOW_MS = 2 * 60_000;

export function normaliseDraft(text: string): string {
  return text
    .replace(/^(\s*@[A-Za-z0-9_]+)+/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Index of the pending reply this post fulfils, or -1. */
export function matchPending(pending: readonly PendingReply[], postText: string, now: number): number {
  const posted = normaliseDraft(postText);
  if (!posted) return -1;
  return pending.findIndex((p) => {
    if (now - p.submittedAt > PENDING_WINDOW_MS) return false;
    const draft = normaliseDraft(p.text);
    // A long post can show truncated ("Show more"), so a prefix match is enough.
    return draft.length > 0 && (draft === posted || draft.startsWith(posted) || posted.startsWith(draft));
  });
}
