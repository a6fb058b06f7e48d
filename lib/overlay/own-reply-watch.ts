import type { Observation } from '../schema/records';
import type { SiteAdapter } from '../sites/types';
import { toObservation } from './observation';
import { matchPending, type PendingReply } from './own-replies';
import type { PageSession } from './page-session';

/** Drafts submitted from this tab that have not shown up as a post yet, at most this many. */
const MAX_PENDING = 20;

/**
 * Recognises the agent's own replies: remembers each draft the agent submits from a
 * composer (its button or the site's send key, `composer.isSubmitKey`), and claims the brand post that shows that text
 * ("My reply"), linked to the post the composer answered.
 */
export function createOwnReplyWatch(
  adapter: Pick<SiteAdapter, 'platform' | 'composer' | 'idTime'>,
  doc: Document = document,
  /** Only a submit the agent made counts: a page script's click() or key must not claim a post. */
  acts: (e: Event) => boolean = (e) => e.isTrusted,
  /** The page the agent submits from: the posts it already shows cannot be the reply being sent. */
  session: () => Pick<PageSession, 'posts'> | null = () => null,
) {
  const pending: PendingReply[] = [];

  function rememberDraft(from: Element): void {
    const text = adapter.composer.draftText(from, doc);
    if (!text.trim()) return;
    pending.push({
      text,
      replyTo: adapter.composer.replyTarget(from, doc, new URL(location.href)),
      submittedAt: Date.now(),
      // Whatever the page already shows cannot be the reply being sent (issue 11 §4).
      seenBefore: new Set(session()?.posts.keys() ?? []),
    });
    if (pending.length > MAX_PENDING) pending.shift();
  }

  return {
    pending,
    rememberDraft,
    onClick(e: MouseEvent): void {
      const target = e.target as Element | null;
      if (target && acts(e) && adapter.composer.isSubmit(target)) rememberDraft(target);
    },
    onKeyDown(e: KeyboardEvent): void {
      const target = e.target as Element | null;
      if (target && acts(e) && adapter.composer.isTextbox(target) && adapter.composer.isSubmitKey(e)) rememberDraft(target);
    },
    /**
     * The observations of a pass that are the agent's submitted drafts, each as a claim
     * (`sentBy: 'me'`) with the reply target the composer had. Only posts that appeared after
     * the submit can be claimed, each draft once.
     */
    claims(observations: readonly Observation[], brand: ReadonlySet<string>, page: PageSession): Observation[] {
      if (!pending.length) return [];
      const now = Date.now();
      const out: Observation[] = [];
      for (const o of observations) {
        // A post stored before it showed as the brand's (Facebook learns the acting identity
        // from the request that posted it, which can land after the comment) can still be
        // claimed: what the page showed before the submit never can (`seenBefore`).
        if (!o.fromBrand) continue;
        const p = page.posts.get(o.id)!;
        const i = matchPending(pending, { id: o.id, text: o.text, truncated: p.post.truncated, idTime: adapter.idTime(o.id) }, now, adapter.composer.normaliseDraft);
        if (i < 0) continue;
        const [claim] = pending.splice(i, 1);
        out.push(toObservation(adapter.platform, p, brand, page.posts, claim!.replyTo ?? p.inReplyTo, page.focusedId));
      }
      return out;
    },
  };
}
