import type { CDPSession, Page } from 'playwright-core';

/**
 * Reaching the bars in Chromium. Their shadow roots are closed, so neither the page nor
 * Playwright's locators can see inside; the DevTools protocol can (`DOM.describeNode` with
 * `pierce` lists closed shadow roots). Clicks and keys then go through the real mouse and
 * keyboard (`page.mouse`, `page.keyboard`), so the bar receives trusted events, as from a
 * person.
 */
export interface BarControl {
  name: string;
  pressed: string | null;
  expanded: string | null;
  x: number;
  y: number;
  visible: boolean;
}

export interface BarSnapshot {
  text: string;
  pills: string[];
  controls: BarControl[];
  quiet: boolean;
  /** The host's height (placeholder or rendered bar). */
  height: number;
  roles: Record<string, string[]>;
  /** Name of the control that has the keyboard focus inside the bar, if any. */
  focused: string | null;
  /** The bar's text colour (follows X's theme). */
  color: string;
  /** Visible controls cut off by the line's edge, and the line's width. */
  clipped: string[];
  width: number;
}

/** The host of the bar in the article of status `id` (its own, not a nested article's). Runs in the page. */
export function findBarHost(id: string): Element | null {
  const time = [...document.querySelectorAll('article[data-testid="tweet"] a[href*="/status/"] time')].find((t) =>
    new RegExp(`^/[A-Za-z0-9_]{1,20}/status/${id}$`).test(t.parentElement?.getAttribute('href') ?? ''),
  );
  const article = time?.closest('article[data-testid="tweet"]');
  return article ? ([...article.querySelectorAll('threadmark-bar')].find((b) => b.closest('article') === article) ?? null) : null;
}

/**
 * The host of the bar in the Facebook comment `id`: the article whose own time link names it
 * (`reply_comment_id=id`, or `comment_id=id` without a reply id). Runs in the page.
 */
export function findFacebookBarHost(id: string): Element | null {
  for (const a of document.querySelectorAll('div[role="article"] a[href*="comment_id="]')) {
    const q = new URL(a.getAttribute('href') ?? '', location.href).searchParams;
    if (!(q.get('reply_comment_id') === id || (q.get('comment_id') === id && !q.get('reply_comment_id')))) continue;
    const article = a.closest('div[role="article"]');
    const bar = article && [...article.querySelectorAll('threadmark-bar')].find((b) => b.closest('div[role="article"]') === article);
    if (bar) return bar;
  }
  return null;
}

/** Runs with `this` = the bar's shadow root. */
function snapshot(this: ShadowRoot, scroll: boolean): BarSnapshot {
  const host = this.host as HTMLElement;
  if (scroll) host.scrollIntoView({ block: 'center' });
  const name = (el: Element) => (el.getAttribute('aria-label') || el.textContent || '').trim();
  const roles: Record<string, string[]> = {};
  for (const el of this.querySelectorAll('[role]')) (roles[el.getAttribute('role')!] ??= []).push(name(el));
  return {
    text: this.textContent ?? '',
    pills: [...this.querySelectorAll('.pill')].map((p) => p.textContent ?? ''),
    controls: [...this.querySelectorAll('button')].map((b) => {
      const r = b.getBoundingClientRect();
      return {
        name: name(b),
        pressed: b.getAttribute('aria-pressed'),
        expanded: b.getAttribute('aria-expanded'),
        x: r.left + r.width / 2,
        y: r.top + r.height / 2,
        visible: r.width > 0 && r.height > 0 && b.checkVisibility(),
      };
    }),
    quiet: !!this.querySelector('.bar.quiet'),
    height: host.getBoundingClientRect().height,
    roles,
    focused: this.activeElement ? name(this.activeElement) : null,
    color: getComputedStyle(host).color,
    clipped: (() => {
      const line = this.querySelector('.bar');
      if (!line) return [];
      const edge = line.getBoundingClientRect();
      return [...line.querySelectorAll(':scope > button, :scope > span > button')]
        .filter((b) => b.checkVisibility() && (b.getBoundingClientRect().right > edge.right + 0.5 || b.getBoundingClientRect().left < edge.left - 0.5))
        .map(name);
    })(),
    width: this.querySelector('.bar')?.getBoundingClientRect().width ?? 0,
  };
}

/** `findHost`: the page-side finder of a post's bar host (X by default; `findFacebookBarHost`). */
export async function barAccess(page: Page, findHost: (id: string) => Element | null = findBarHost) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');

  async function shadowRootOf(id: string): Promise<string | null> {
    const { result } = await cdp.send('Runtime.evaluate', { expression: `(${findHost.toString()})(${JSON.stringify(id)})` });
    if (!result.objectId) return null;
    const { node } = await cdp.send('DOM.describeNode', { objectId: result.objectId, depth: 1, pierce: true });
    const root = node.shadowRoots?.[0];
    if (!root) return null;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: root.backendNodeId });
    return object.objectId ?? null;
  }

  /** What the bar of post `id` shows; null while it has no bar (or, with `scroll`, brings it near first). */
  async function read(id: string, scroll = false): Promise<BarSnapshot | null> {
    const root = await shadowRootOf(id);
    if (!root) return null;
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: root,
      functionDeclaration: snapshot.toString(),
      arguments: [{ value: scroll }],
      returnByValue: true,
    });
    return result.value as BarSnapshot;
  }

  /** A visible control of the bar, its post scrolled into view first (and the scroll settled: an open choice closes on scroll). */
  async function control(id: string, name: string): Promise<BarControl | undefined> {
    await read(id, true);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    return (await read(id))?.controls.find((c) => c.name === name && c.visible);
  }

  /** Clicks the control named `name` with the real mouse, opening the full choice first if it is in there. */
  async function click(id: string, name: string): Promise<void> {
    let c = await control(id, name);
    if (!c) {
      const more = await control(id, 'Set tags for this post');
      if (!more) throw new Error(`no bar with controls for ${id}`);
      await page.mouse.click(more.x, more.y);
      c = await control(id, name);
    }
    if (!c) throw new Error(`no control "${name}" in the bar of ${id}`);
    await page.mouse.click(c.x, c.y);
  }

  return { read, click, control, cdp };
}
