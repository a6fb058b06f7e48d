import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { barAccess } from './bar-access';
import { type ChromiumSession, launchChromium, serveX } from './harness';
import { smokeConversation } from './pages';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown; failureSummary?: string }[];
}

/**
 * axe-core against the bars on a conversation page, in each language, with the full choice
 * open. The bars' shadow roots are closed, so axe (in the page) cannot see into them: each
 * bar's content is copied, as rendered, into an open shadow root next to it (same styles,
 * same place in the post, so the same colours behind it), the open choice shown in place.
 */
async function axeOnBars(page: Page, ids: string[]): Promise<Violation[]> {
  const bars = await barAccess(page);
  for (const id of ids) {
    await bars.read(id, true);
    const { result } = await bars.cdp.send('Runtime.evaluate', {
      expression: `(() => { const a = [...document.querySelectorAll('article a[href$="/status/${id}"] > time')][0]?.closest('article'); return a && [...a.querySelectorAll('threadmark-bar')].find((b) => b.closest('article') === a); })()`,
    });
    const { node } = await bars.cdp.send('DOM.describeNode', { objectId: result.objectId!, depth: 1, pierce: true });
    const { object } = await bars.cdp.send('DOM.resolveNode', { backendNodeId: node.shadowRoots![0]!.backendNodeId });
    await bars.cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: `function (id) {
        const copy = document.createElement('threadmark-a11y-copy');
        copy.dataset.id = id;
        const open = copy.attachShadow({ mode: 'open' });
        open.adoptedStyleSheets = [...this.adoptedStyleSheets];
        for (const child of this.children) open.append(child.cloneNode(true));
        for (const p of open.querySelectorAll('[popover]')) p.removeAttribute('popover');
        this.host.after(copy);
      }`,
      arguments: [{ value: id }],
    });
  }
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const out = await axe.run(
      { include: [...document.querySelectorAll('threadmark-a11y-copy')] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } },
    );
    document.querySelectorAll('threadmark-a11y-copy').forEach((el) => el.remove());
    return out.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

describe.each([
  ['en', 'Set tags for this post'],
  ['es', 'Etiquetas de esta publicación'],
  ['ro', 'Etichete pentru această postare'],
])('accessibility of the bar with the browser in %s', (lang, tagsName) => {
  let session: ChromiumSession | undefined;
  afterEach(async () => session?.close());

  it('has no serious or critical axe violations, the full choice open, on every theme X has', async () => {
    session = await launchChromium({ args: [`--lang=${lang}`] });
    const conversation = smokeConversation();
    await serveX(session.context, { [conversation.path]: conversation.html });
    const page = await session.context.newPage();
    await page.goto(conversation.url);
    const bars = await barAccess(page);
    const ids = conversation.conversationIds.slice(0, 4);
    for (const id of ids) await expect.poll(async () => (await bars.read(id, true))?.controls.length ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
    // The busiest line: a customer post with four tags set (by key), in a column as wide as X's.
    await page.locator('article[data-testid="tweet"]').filter({ has: page.locator(`a[href$="/status/${ids[0]}"] > time`) }).first().focus();
    for (const key of ['Digit4', 'Shift+Digit3', 'Digit7', 'Digit0']) await page.keyboard.press(key);
    await expect.poll(async () => (await bars.read(ids[0]!))!.pills.length).toBe(4);
    for (const id of ids) {
      const line = (await bars.read(id, true))!;
      expect(line.height).toBe(24);
      expect(line.width).toBeLessThanOrEqual(600);
      expect(line.clipped, `${lang} ${id}`).toEqual([]);
    }
    // Every control reachable and named: open the first bar's choice with the real mouse.
    const more = (await bars.control(ids[0]!, tagsName))!;
    await page.mouse.click(more.x, more.y);
    const opened = (await bars.read(ids[0]!))!;
    expect(opened.controls.filter((c) => c.visible).every((c) => c.name.length > 0)).toBe(true);
    expect(opened.controls.filter((c) => c.pressed !== null).length).toBeGreaterThanOrEqual(13);
    // From the control, Tab walks through the choice.
    expect(opened.focused).toBe(tagsName);
    await page.keyboard.press('Tab');
    const firstChip = opened.controls.find((c) => c.pressed !== null)!.name;
    expect((await bars.read(ids[0]!))!.focused).toBe(firstChip);
    await page.keyboard.press('Shift+Tab');
    const colours = new Set<string>();

    const themes: [string, string][] = lang === 'en' ? [['light', ''], ['dim', 'rgb(21, 32, 43)'], ['dark', 'rgb(0, 0, 0)']] : [['light', '']];
    for (const [theme, background] of themes) {
      if (background) {
        await page.evaluate((bg) => {
          document.body.style.backgroundColor = bg;
          for (const el of document.querySelectorAll<HTMLElement>('article')) el.style.backgroundColor = bg;
        }, background);
        await page.waitForTimeout(5500); // the bars read X's theme every 5 s
        await page.mouse.click(more.x, more.y);
        await page.mouse.click(more.x, more.y);
      }
      colours.add((await bars.read(ids[0]!))!.color);
      const serious = (await axeOnBars(page, ids)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious, `${lang}, ${theme}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
    }
    // Each theme really gave the bar other colours.
    expect(colours.size).toBe(themes.length);
  }, 90_000);
});
