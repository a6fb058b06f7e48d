/**
 * Browser plumbing for the benchmarks: Chromium with the production build (the e2e
 * harness's launcher: same flags, loopback black-hole proxy, x.com served from strings) and
 * the same Chromium without the extension, plus the extension's own write path driven from
 * an extension page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { MessageView, ObserveInput, PeekInput, TagInput } from '../lib/messaging/protocol';
import type { Observation, TagPatch } from '../lib/schema/records';
export { median } from './report';
import { CHROMIUM_ARGS, CHROMIUM_BIN, launchChromium, openPage, startBlackholeProxy, type ChromiumSession } from '../tests/e2e/harness';

export const VIEWPORT = { width: 1280, height: 900 };

export interface Browser {
  context: BrowserContext;
  /** Null for the browser launched without the extension. */
  extensionId: string | null;
  close(): Promise<void>;
}

/**
 * tsx compiles the functions we hand to page.evaluate with esbuild's keepNames, which wraps
 * them in a `__name(fn, "name")` helper the page does not have: give every page a no-op one.
 */
async function allowKeepNames(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
}

/** Chromium with the production build in .output/chrome-mv3. */
export async function withExtension(extensionDir?: string): Promise<Browser & { session: ChromiumSession; extensionId: string }> {
  const session = await launchChromium({ viewport: VIEWPORT, ...(extensionDir ? { extensionDir } : {}) });
  await allowKeepNames(session.context);
  return { session, context: session.context, extensionId: session.extensionId, close: () => session.close() };
}

/** The same Chromium, same flags and proxy, no extension. */
export async function withoutExtension(): Promise<Browser> {
  const dir = await mkdtemp(path.join(tmpdir(), 'threadmark-bench-plain-'));
  mkdirSync(path.join(dir, 'Default'));
  writeFileSync(
    path.join(dir, 'Default', 'Preferences'),
    JSON.stringify({ net: { network_prediction_options: 2 }, signin: { allowed: false } }),
  );
  const proxy = await startBlackholeProxy();
  const args = CHROMIUM_ARGS('').filter((a) => !a.startsWith('--load-extension') && !a.startsWith('--disable-extensions-except'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_BIN,
    headless: true,
    timeout: 60_000,
    proxy: { server: `http://127.0.0.1:${proxy.port}` },
    args,
    viewport: VIEWPORT,
  });
  await allowKeepNames(context);
  return {
    context,
    extensionId: null,
    async close() {
      await context.close().catch(() => {});
      await proxy.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * An extension page from which the background's handlers are called exactly as the content
 * script calls them: `chrome.runtime.sendMessage` with @webext-core/messaging's message
 * (`{ id, type, data, timestamp }`, answered with `{ res }` or `{ err }`). The background
 * validates each message (zod), writes through the repository and answers with views, as
 * for a content script.
 */
export class ExtensionWriter {
  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string): Promise<ExtensionWriter> {
    // options.html: an extension page that only reads settings (the popup would recompute
    // its figures on every write).
    const page = await openPage(context, extensionId, 'options.html');
    await page.waitForLoadState('load');
    const writer = new ExtensionWriter(page);
    // The background creates its database (Dexie, at the schema's version) before this page
    // ever opens it: an open() here first would create an empty version-1 database instead.
    const { errors } = await writer.send([{ type: 'peek', data: { platform: 'x', ids: ['1'] } }], 1);
    if (errors.length) throw new Error(`the background did not answer: ${errors[0]}`);
    return writer;
  }

  /**
   * Sends the messages, at most `concurrency` in flight, and resolves when every one is
   * answered. Returns the time it took in the page (ms) and the number of refusals.
   */
  async send(messages: WireMessage[], concurrency = 8): Promise<{ ms: number; errors: string[] }> {
    return this.page.evaluate(
      async ({ messages, concurrency }) => {
        type Runtime = { sendMessage(m: unknown, cb: (reply?: { res?: unknown; err?: { message?: string } }) => void): void; lastError?: { message?: string } };
        const chrome = (globalThis as unknown as { chrome: { runtime: Runtime } }).chrome;
        const errors: string[] = [];
        let next = 0;
        let id = 1;
        const call = (m: { type: string; data: unknown }) =>
          new Promise<void>((resolve) => {
            chrome.runtime.sendMessage({ id: id++, type: m.type, data: m.data, timestamp: Date.now() }, (reply) => {
              const lastError = chrome.runtime.lastError;
              if (lastError) errors.push(lastError.message ?? String(lastError));
              else if (!reply) errors.push('no reply');
              else if (reply.err) errors.push(reply.err.message ?? JSON.stringify(reply.err));
              // Refusals and storage problems come back as typed replies (lib/messaging/replies.ts).
              else if ((reply.res as { ok?: boolean } | undefined)?.ok === false) errors.push(JSON.stringify(reply.res));
              resolve();
            });
          });
        const start = performance.now();
        const worker = async () => {
          while (next < messages.length) await call(messages[next++]!);
        };
        await Promise.all(Array.from({ length: Math.min(concurrency, messages.length) }, worker));
        return { ms: performance.now() - start, errors };
      },
      { messages, concurrency },
    );
  }

  /** Every stored record (read from the extension origin's IndexedDB directly). */
  async storedRows(): Promise<Array<{ key: string; id: string; rootId: string; queryType: string | null; sentBy: string | null; status: string | null }>> {
    return this.page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('threadmark');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const req = db.transaction('messages').objectStore('messages').getAll();
            req.onerror = () => reject(req.error);
            req.onsuccess = () => {
              resolve(
                (req.result as Array<Record<string, unknown>>).map((r) => ({
                  key: r.key as string,
                  id: r.id as string,
                  rootId: r.rootId as string,
                  queryType: (r.queryType as string | null) ?? null,
                  sentBy: (r.sentBy as string | null) ?? null,
                  status: (r.status as string | null) ?? null,
                })),
              );
              db.close();
            };
          };
        }),
    );
  }

  async count(): Promise<number> {
    return this.page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('threadmark');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const req = db.transaction('messages').objectStore('messages').count();
            req.onsuccess = () => {
              resolve(req.result);
              db.close();
            };
            req.onerror = () => reject(req.error);
          };
        }),
    );
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

export type WireMessage = { type: 'observe'; data: ObserveInput } | { type: 'tag'; data: TagInput } | { type: 'peek'; data: PeekInput };
export type { MessageView };

/**
 * The messages that store these posts: `observe` (500 posts each, the schema's limit) for the
 * posts without tags, then one `tag` per tagged post (it stores the post and its tags in one
 * transaction, as when the agent tags a post the page showed).
 */
export function writeMessages(items: Array<{ obs: Observation; patch: TagPatch | null }>): WireMessage[] {
  const out: WireMessage[] = [];
  const plain = items.filter((i) => !i.patch).map((i) => i.obs);
  for (let k = 0; k < plain.length; k += 500) out.push({ type: 'observe', data: { items: plain.slice(k, k + 500) } });
  for (const { obs, patch } of items) if (patch) out.push({ type: 'tag', data: { observation: obs, patch } });
  return out;
}
