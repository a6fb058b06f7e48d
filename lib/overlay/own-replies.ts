/**
 * Recognising the agent's own reply: when the agent submits a composer, remember the
 * draft; when a brand post with that text appears soon after, it is this agent's reply to
 * the post the composer answered. Each site says how a draft becomes the posted text
 * (`composer.normaliseDraft`: X drops the leading @mentions it shows as "Replying to");
 * both sides are compared after it, with spaces folded and case ignored.
 *
 * A canned reply is typed by every agent of a team, so the text alone proves nothing
 * (issue 11 §4): the post must also be new, i.e. created at or after the submit (the time
 * in its id, less a small margin for this computer's clock) and not on the page before the
 * submit. The text must match exactly, unless X shows the post truncated.
 */
export interface PendingReply {
  text: string;
  replyTo: string | null;
  submittedAt: number;
  /** Ids of the posts the page showed when the agent submitted: none of them is the reply. */
  seenBefore: ReadonlySet<string>;
}

/** A brand post on the page that may be the agent's reply. */
export interface ReplyCandidate {
  id: string;
  text: string;
  /** X shows "Show more": `text` is only the start of the post. */
  truncated: boolean;
  /** When the site created the post, from its id (X snowflake); null when the id says nothing. */
  idTime: number | null;
}

/** How long after a submit a matching post still counts as ours. */
export const PENDING_WINDOW_MS = 2 * 60_000;
/** This computer's clock may run ahead of X's by this much: a reply's id time may precede the submit by it. */
export const CLOCK_MARGIN_MS = 30_000;
/** A truncated post must show at least this much of the draft to match it. */
const MIN_TRUNCATED_MATCH = 20;

/** The site's own normalising, then spaces folded and case ignored. */
function comparable(text: string, siteNormalise: (text: string) => string): string {
  return siteNormalise(text).replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Index of the pending reply this post fulfils, or -1. `siteNormalise` is the adapter's `composer.normaliseDraft`. */
export function matchPending(
  pending: readonly PendingReply[],
  post: ReplyCandidate,
  now: number,
  siteNormalise: (text: string) => string,
): number {
  const normaliseDraft = (text: string) => comparable(text, siteNormalise);
  const posted = normaliseDraft(post.text);
  if (!posted) return -1;
  // X ends a truncated text with an ellipsis of its own.
  const shown = post.truncated ? posted.replace(/\s*(?:…|\.\.\.)$/, '') : posted;
  return pending.findIndex((p) => {
    if (now - p.submittedAt > PENDING_WINDOW_MS) return false;
    if (p.seenBefore.has(post.id)) return false;
    if (post.idTime !== null && post.idTime < p.submittedAt - CLOCK_MARGIN_MS) return false;
    const draft = normaliseDraft(p.text);
    if (!draft) return false;
    if (draft === posted) return true;
    return post.truncated && shown.length >= MIN_TRUNCATED_MATCH && draft.startsWith(shown);
  });
}
