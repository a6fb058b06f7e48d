/**
 * Who the brand is on this page (issue 11 §3). The brand identities are the handles in
 * settings plus the account the agent is logged in with. X does not show that account on
 * every pass (the nav renders late, some layouts have no profile link), so the first handle
 * seen is remembered for the life of the tab's content script; X reloads the page when the
 * agent switches accounts, which starts a new one.
 *
 * Instead of guessing, classification pauses when:
 * - no brand identity is known at all (no handles set, no account seen yet): every post
 *   would be read as a customer's;
 * - the page shows another account than the one remembered, and it is not a configured
 *   brand handle: switching silently would re-attribute the agent's replies.
 */
export type IdentityProblem = { kind: 'noBrand' } | { kind: 'otherAccount'; kept: string; shown: string };

export interface BrandIdentity {
  /** Lower-cased brand handles: settings plus the remembered account. */
  brand: Set<string>;
  /** Non-null: do not classify (or store) posts on this page; the bar says why. */
  problem: IdentityProblem | null;
}

export function createTabIdentity() {
  let remembered: string | null = null;
  return {
    /** `configured`: the brand handles in settings; `shown`: the logged-in handle this pass found, if any. */
    resolve(configured: readonly string[], shown: string | null): BrandIdentity {
      const brand = new Set(configured.map((h) => h.toLowerCase()));
      const seen = shown?.toLowerCase() ?? null;
      remembered ??= seen;
      if (remembered) brand.add(remembered);
      if (seen && remembered && seen !== remembered && !brand.has(seen)) {
        return { brand, problem: { kind: 'otherAccount', kept: remembered, shown: seen } };
      }
      return { brand, problem: brand.size ? null : { kind: 'noBrand' } };
    },
    /** The logged-in account remembered for this tab, if one was seen. */
    remembered: () => remembered,
  };
}

export type TabIdentity = ReturnType<typeof createTabIdentity>;
