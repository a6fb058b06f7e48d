import type { Observation } from '../schema/records';
import type { Platform } from '../schema/taxonomy';
import type { ThreadPost } from '../sites/types';

/** A parsed post in its thread, ready to become an Observation. */
export type ReadyPost = ThreadPost & { post: NonNullable<ThreadPost['post']> };

/**
 * Turns the posts of one page into observations. `brand` holds the lower-cased brand
 * identities (settings plus the account the agent is logged in with).
 *
 * `fallbackRoot` is the conversation the page is about (the status id in its URL), used when
 * the adapter does not know the root.
 *
 * The customer of a brand reply is the nearest non-brand author up its reply chain on
 * the page, else the first non-brand handle it mentions; null when the page does not say
 * (the background then tries the stored parent).
 */
export function toObservations(
  platform: Platform,
  posts: ReadyPost[],
  brand: ReadonlySet<string>,
  fallbackRoot: string | null = null,
): Observation[] {
  const byId = new Map(posts.map((p) => [p.post.id, p]));
  return posts.map((p) => toObservation(platform, p, brand, byId, p.inReplyTo, fallbackRoot));
}

/**
 * `toObservations` for a page read again and again: the adapters hand back the same post
 * object for an unchanged post (never changed once returned), so a customer's post keeps its
 * observation object (and the pass its sent signature) instead of being rebuilt on every pass.
 * Only a customer's post is reused: its observation depends on the post, on where the page
 * places it (`rootId`, `inReplyTo`), on its author not being the brand's and, when the root
 * is unknown, on `fallbackRoot`. A brand post's customer depends on the other posts on the
 * page: it is built afresh every time.
 */
export function createObservationCache(platform: Platform) {
  type Built = { rootId: string | null; inReplyTo: string | null; fallbackRoot: string | null; observation: Observation };
  const customerPosts = new WeakMap<ReadyPost['post'], Built>();
  return function observe(posts: ReadyPost[], brand: ReadonlySet<string>, fallbackRoot: string | null = null): Observation[] {
    let byId: Map<string, ReadyPost> | null = null;
    return posts.map((p) => {
      if (!brand.has(p.post.author)) {
        const hit = customerPosts.get(p.post);
        if (hit && hit.rootId === p.rootId && hit.inReplyTo === p.inReplyTo && (p.rootId !== null || hit.fallbackRoot === fallbackRoot)) return hit.observation;
        const observation = toObservation(platform, p, brand, undefined, p.inReplyTo, fallbackRoot);
        customerPosts.set(p.post, { rootId: p.rootId, inReplyTo: p.inReplyTo, fallbackRoot, observation });
        return observation;
      }
      byId ??= new Map(posts.map((q) => [q.post.id, q]));
      return toObservation(platform, p, brand, byId, p.inReplyTo, fallbackRoot);
    });
  };
}

export function toObservation(
  platform: Platform,
  p: ReadyPost,
  brand: ReadonlySet<string>,
  byId: ReadonlyMap<string, ReadyPost> = new Map(),
  inReplyTo: string | null = p.inReplyTo,
  fallbackRoot: string | null = null,
): Observation {
  const { post } = p;
  const fromBrand = brand.has(post.author);
  return {
    platform,
    id: post.id,
    // Unknown root (the top of the thread is not on the page): the conversation in the URL,
    // else the post itself. A later sighting with an older root replaces it (lib/db/merge).
    rootId: p.rootId ?? fallbackRoot ?? post.id,
    inReplyTo: inReplyTo === post.id ? null : inReplyTo,
    author: post.author,
    authorName: post.authorName.slice(0, 200),
    fromBrand,
    customer: fromBrand ? customerOf(inReplyTo, post.mentions, brand, byId) : post.author,
    at: post.at,
    // Approximate times (a relative "2 h") are stored as such: timed figures leave them out.
    atPrecision: post.precision ?? 'exact',
    ...(post.precision === 'approx' && post.approx ? { approxFrom: Math.min(post.approx.from, post.at), approxTo: post.at } : {}),
    text: post.text.slice(0, 5000),
    ...(post.textNote ? { textNote: post.textNote } : {}),
    permalink: post.permalink.slice(0, 500),
  };
}

function customerOf(
  parentId: string | null,
  mentions: readonly string[],
  brand: ReadonlySet<string>,
  byId: ReadonlyMap<string, ReadyPost>,
): string | null {
  const seen = new Set<string>();
  for (let id = parentId; id && !seen.has(id); ) {
    seen.add(id);
    const parent = byId.get(id);
    if (!parent) break;
    if (!brand.has(parent.post.author)) return parent.post.author;
    id = parent.inReplyTo;
  }
  return mentions.find((m) => !brand.has(m)) ?? null;
}
