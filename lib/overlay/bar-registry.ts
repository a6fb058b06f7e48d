import type { TagPatch } from '../schema/records';
import type { TextNote } from '../schema/taxonomy';
import type { Problem, SiteAdapter, ThreadPost } from '../sites/types';

/** What one bar shows a post as. */
export interface BarSlot {
  /** Platform id of the post; null when it could not be read (then `problem` says why). */
  id: string | null;
  problem: Problem | null;
  fromBrand: boolean;
  /** The stored text is X's translation, or an Article's title only (lib/sites/types.ts). */
  textNote?: TextNote;
}

/** What the runtime needs from a bar implementation (the DOM bar in production, anything in tests). */
export interface BarHandleLike {
  host: HTMLElement;
  slot: BarSlot | null;
  render(slot: BarSlot, onTag: (patch: TagPatch) => void): void;
  unmount(): void;
  /**
   * Optional: the bar places its host itself, by calling `place`, only once it draws (it
   * watches `post` until then). Used where the page's sheet already reserves the bar's room,
   * so an undrawn bar needs no element in the post (components/bar/mount.ts says why).
   */
  placeWhenDrawn?(post: HTMLElement, place: () => void): void;
}

/**
 * The bars on the page, one per post element: mounts, places, re-keys when X recycles an
 * element for another post, and unmounts bars whose post left the page.
 */
export function createBarRegistry(
  adapter: Pick<SiteAdapter, 'barAnchor'>,
  mount: () => BarHandleLike,
  opts: { atEnd?: boolean } = {},
) {
  const bars = new Map<HTMLElement, BarHandleLike>();
  /** Every host this registry mounted: adding or removing one changes nothing of the post. */
  const hosts = new WeakSet<Node>();

  /**
   * Under the post's action row when the adapter knows it, else at the end of the post.
   * `atEnd`: always the post's last child, where the page's sheet reserved the bar's room
   * (lib/overlay/bar-space.ts) and places the host.
   */
  function place(article: HTMLElement, host: HTMLElement): void {
    const after = opts.atEnd ? null : adapter.barAnchor?.(article);
    if (after && after.parentElement && article.contains(after)) {
      if (after.nextSibling !== host) after.after(host);
    } else if (host.parentElement !== article) article.append(host);
  }
  /** Places the host now, or, where the room is reserved and the bar can wait, when it draws. */
  function put(article: HTMLElement, handle: BarHandleLike): void {
    if (opts.atEnd && handle.placeWhenDrawn) handle.placeWhenDrawn(article, () => place(article, handle.host));
    else place(article, handle.host);
  }

  return {
    bars,
    show(tp: ThreadPost, fromBrand: boolean, onTag: (id: string, patch: TagPatch) => void): void {
      let handle = bars.get(tp.element);
      if (handle && !tp.element.contains(handle.host)) put(tp.element, handle); // X re-rendered the post, or not drawn yet
      if (!handle) {
        handle = mount();
        hosts.add(handle.host);
        put(tp.element, handle);
        bars.set(tp.element, handle);
      }
      const id = tp.post?.id ?? null;
      const textNote = tp.post?.textNote;
      const prev = handle.slot;
      if (prev && prev.id === id && prev.problem === tp.problem && prev.fromBrand === fromBrand && prev.textNote === textNote) return;
      handle.render({ id, problem: tp.problem, fromBrand, ...(textNote ? { textNote } : {}) }, (patch) => id && onTag(id, patch));
    },
    /** Unmounts bars whose post left the page (X's virtual list drops far-away cells). */
    sweep(): void {
      for (const [el, h] of bars) {
        if (!el.isConnected) {
          h.unmount();
          bars.delete(el);
        }
      }
    },
    clear(): void {
      for (const h of bars.values()) h.unmount();
      bars.clear();
    },
    /** Forget what every bar shows so the next pass renders them again (brand identities changed). */
    invalidate(): void {
      for (const h of bars.values()) h.slot = null;
    },
    /** `node` is one of the bars' hosts. */
    owns(node: Node): boolean {
      return hosts.has(node);
    },
    /** The post id of the bar whose post is, or contains, `target`. */
    idAt(target: Element): string | null {
      for (const [el, h] of bars) if (el === target || el.contains(target)) return h.slot?.id ?? null;
      return null;
    },
  };
}

export type BarRegistry = ReturnType<typeof createBarRegistry>;
