import type { MessageView } from '../messaging/protocol';
import type { TagPatch } from '../schema/records';
import { shortcutFor, type ShortcutAction } from './shortcuts';

/**
 * The tag a shortcut sets on a post showing `view`: pressing the key of the tag already set
 * clears it, like clicking the chip again; `0` toggles "no reply needed".
 */
export function patchFor(action: ShortcutAction, view: MessageView | undefined): TagPatch {
  if ('toggle' in action) return { noReplyNeeded: !view?.noReplyNeeded };
  const [[field, value]] = Object.entries(action.patch) as [[keyof TagPatch, unknown]];
  return { [field]: view && view[field as keyof MessageView] === value ? null : value } as TagPatch;
}

export interface KeyDeps {
  /** The post id of the bar whose post is, or contains, the element; null if none. */
  idAt(target: Element): string | null;
  view(id: string): MessageView | undefined;
  paused(): boolean;
  tag(id: string, patch: TagPatch): void;
  /** Only keys a person pressed act; a page script's dispatched keydown is ignored (default: isTrusted). */
  acts?(e: Event): boolean;
}

/**
 * The keydown handler for the shortcuts (lib/overlay/shortcuts.ts): acts on the post that
 * has focus or holds the focused element, never while typing, and keeps the key from X.
 */
export function createShortcutHandler(deps: KeyDeps) {
  const acts = deps.acts ?? ((e: Event) => e.isTrusted);
  return function onKeyDown(e: KeyboardEvent): void {
    const target = e.target as Element | null;
    if (!target || e.defaultPrevented || !acts(e) || isEditable(target)) return;
    const action = shortcutFor(e);
    if (!action) return;
    const id = deps.idAt(target);
    if (!id || deps.paused()) return;
    e.preventDefault();
    e.stopPropagation();
    deps.tag(id, patchFor(action, deps.view(id)));
  };
}

function isEditable(el: Element): boolean {
  return (el as HTMLElement).isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || !!el.closest('[contenteditable="true"]');
}
