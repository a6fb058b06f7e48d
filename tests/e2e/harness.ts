// Real-browser helpers for the e2e tests (and the demo in scripts/demo.ts).
//
// Both browsers run the production build in `.output/` (run `npx wxt build` and
// `npx wxt build -b firefox` first) against x.com pages served from strings, and nothing
// they do reaches the network:
//
// 1. Pages (and, in Chromium, the extension's service worker) are answered by request
//    interception: x.com/twitter.com paths we know get their HTML, other x.com paths a
//    404, everything else is aborted and recorded.
// 2. Whatever interception does not see (the browser's own update/sign-in/settings calls,
//    requests made before the routes were installed, Firefox extension pages and
//    content-script fetches, which WebDriver BiDi does not report) goes to a local
//    "black-hole" HTTP proxy that records the request line and answers 403. So every
//    attempt to leave the machine is both stopped and listed. Interception answers before
//    the proxy is consulted, so served pages never touch it.
//
// Versions this was worked out with: Debian chromium 156 + playwright-core 1.65,
// Debian firefox-esr 153 ESR + puppeteer-core 24.43.
//
// Chromium recipe: `chromium.launchPersistentContext(tmpDir, { executablePath:
// '/usr/bin/chromium', headless: true, args: ['--load-extension=…', …] })`. With a full
// Chromium (not headless-shell) playwright's `headless: true` passes `--headless`, which in
// Chromium ≥ 132 is the new headless mode, and unpacked extensions load in it; no
// `--headless=new` workaround is needed. The extension id comes from the service worker
// URL. A `Default/Preferences` with `net.network_prediction_options = 2` is written first:
// without it Chromium preconnects (TCP+TLS) to x.com on every navigation even though the
// response is fulfilled locally.
//
// Firefox recipe: `puppeteer.launch({ browser: 'firefox', executablePath:
// '/usr/bin/firefox-esr', headless: true })` (WebDriver BiDi) then
// `browser.installExtension(absDir)` (BiDi `webExtension.install`, installs the unpacked
// MV2 build as a temporary add-on; it resolves to the gecko id). Page interception:
// `page.setRequestInterception(true)` + `request.respond()` / `request.abort()` (BiDi
// `network.addIntercept` scoped to the page). Limits found: BiDi refuses to navigate a tab
// to `moz-extension://…` ("not allowed in this context"), so the popup/options pages
// cannot be opened in Firefox this way; and requests made by the extension itself
// (background page, content-script fetch) are not reported by BiDi, only the proxy sees them.

import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import puppeteer, { type Browser as PuppeteerBrowser, type HTTPRequest, type Page as PuppeteerPage } from 'puppeteer-core';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Overridable to try the harness against another build.
export const CHROME_BUILD = path.resolve(process.env.THREADMARK_CHROME_BUILD ?? path.join(ROOT, '.output/chrome-mv3'));
export const FIREFOX_BUILD = path.resolve(process.env.THREADMARK_FIREFOX_BUILD ?? path.join(ROOT, '.output/firefox-mv2'));
export const CHROMIUM_BIN = process.env.THREADMARK_CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX_BIN = process.env.THREADMARK_FIREFOX ?? '/usr/bin/firefox-esr';

/** Hosts the browsers call on their own (updates, sign-in, remote settings), not the extension. */
const BROWSER_OWN_HOSTS = [
  /(^|\.)google\.com$/,
  /(^|\.)googleapis\.com$/,
  /(^|\.)gvt1\.com$/,
  /(^|\.)gstatic\.com$/,
  /(^|\.)mozilla\.(com|net|org)$/,
  /(^|\.)firefox\.com$/,
  /(^|\.)mozaws\.net$/,
];

// ---------------------------------------------------------------------------------------
// Temp dirs: removed by close(), and by a last-resort exit hook if a test died before that.

const liveTempDirs = new Set<string>();
let exitHookInstalled = false;

function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  liveTempDirs.add(dir);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const d of liveTempDirs) rmSync(d, { recursive: true, force: true });
    });
  }
  return dir;
}

function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  liveTempDirs.delete(dir);
}

function assertBuilt(dir: string, command: string): void {
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`No extension build in ${dir}. Run \`${command}\` first.`);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every cleanup step even if one throws; rethrows the first error. */
async function cleanupAll(steps: Array<() => unknown>): Promise<void> {
  let first: unknown;
  for (const step of steps) {
    try {
      await step();
    } catch (err) {
      first ??= err;
    }
  }
  if (first !== undefined) throw first;
}

// ---------------------------------------------------------------------------------------
// Black-hole proxy

export interface BlackholeProxy {
  port: number;
  /** Every request line the browser tried to send off the machine, e.g. `CONNECT host:443 HTTP/1.1`. */
  attempts: string[];
  /** `attempts` as hosts, minus the browser's own housekeeping hosts. */
  offMachineHosts(): string[];
  close(): Promise<void>;
}

export async function startBlackholeProxy(): Promise<BlackholeProxy> {
  const attempts: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.once('data', (chunk) => {
      attempts.push(chunk.toString('latin1').split('\r\n', 1)[0] ?? '');
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    attempts,
    offMachineHosts: () =>
      attempts
        .map(hostOfRequestLine)
        .filter((host) => host !== '' && !BROWSER_OWN_HOSTS.some((re) => re.test(host))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function hostOfRequestLine(line: string): string {
  const target = line.split(' ')[1] ?? '';
  if (/^[a-z]+:\/\//i.test(target)) {
    try {
      return new URL(target).hostname;
    } catch {
      return target;
    }
  }
  return target.replace(/:\d+$/, ''); // CONNECT host:port
}

// ---------------------------------------------------------------------------------------
// Serving x.com from strings

/** Path (e.g. `/AcmeSupport/status/123`) → HTML. */
export type XRoutes = Record<string, string>;

export interface XTraffic {
  /** x.com/twitter.com URLs answered with fixture HTML. */
  served: string[];
  /** x.com/twitter.com URLs with no fixture (answered 404). */
  notFound: string[];
  /** Every other URL, aborted. A test asserting "no network request" checks this is empty. */
  aborted: string[];
}

const X_HOSTS = new Set(['x.com', 'www.x.com', 'mobile.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com']);
/** Facebook's hosts are answered from the same routes (paths do not collide with X's). */
const FACEBOOK_HOSTS = new Set(['www.facebook.com', 'facebook.com', 'web.facebook.com', 'm.facebook.com', 'business.facebook.com']);
const LOCAL_SCHEMES = new Set(['chrome-extension:', 'moz-extension:', 'data:', 'blob:', 'about:']);

type Decision = { kind: 'local' } | { kind: 'serve'; html: string } | { kind: 'notFound' } | { kind: 'abort' };

function decide(rawUrl: string, routes: XRoutes): Decision {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { kind: 'abort' };
  }
  if (LOCAL_SCHEMES.has(url.protocol)) return { kind: 'local' };
  if (url.protocol === 'https:' && (X_HOSTS.has(url.hostname) || FACEBOOK_HOSTS.has(url.hostname))) {
    const html = routes[url.pathname] ?? routes[url.pathname.replace(/\/+$/, '')];
    return html === undefined ? { kind: 'notFound' } : { kind: 'serve', html };
  }
  return { kind: 'abort' };
}

function record(traffic: XTraffic, decision: Decision, url: string): void {
  if (decision.kind === 'serve') traffic.served.push(url);
  else if (decision.kind === 'notFound') traffic.notFound.push(url);
  else if (decision.kind === 'abort') traffic.aborted.push(url);
}

const HTML_HEADERS = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };

/**
 * Answers x.com / twitter.com from `routes` for every page and worker of the context
 * (Playwright routes also cover the extension's service worker) and aborts anything else.
 * Call it before opening pages. Requests the service worker made before this was installed
 * are not seen here; the black-hole proxy (`session.proxy`) has them.
 */
export async function serveX(context: BrowserContext, routes: XRoutes): Promise<XTraffic> {
  const traffic: XTraffic = { served: [], notFound: [], aborted: [] };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    const decision = decide(url, routes);
    record(traffic, decision, url);
    switch (decision.kind) {
      case 'local':
        return route.continue();
      case 'serve':
        return route.fulfill({ status: 200, headers: HTML_HEADERS, body: decision.html });
      case 'notFound':
        return route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found (threadmark e2e fixture server)' });
      case 'abort':
        return route.abort('blockedbyclient');
    }
  });
  return traffic;
}

// ---------------------------------------------------------------------------------------
// Chromium

export const CHROMIUM_ARGS = (extensionDir: string): string[] => [
  `--disable-extensions-except=${extensionDir}`,
  `--load-extension=${extensionDir}`,
  '--no-sandbox', // we run as root in CI
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--no-pings',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
];

export interface ChromiumSession {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  proxy: BlackholeProxy;
  userDataDir: string;
  /** Idempotent; closes the browser, the proxy, and deletes the profile. */
  close(): Promise<void>;
}

export interface LaunchChromiumOptions {
  headless?: boolean;
  extensionDir?: string;
  /** ms to wait for the extension's service worker. */
  workerTimeout?: number;
  args?: string[];
  viewport?: { width: number; height: number } | null;
  /** Let Playwright kill the browser on SIGINT/SIGTERM/SIGHUP (default). The demo turns this off to shut down itself. */
  handleSignals?: boolean;
  /** Hosts the browser reaches directly instead of through the black-hole proxy (a loopback test server, `127.0.0.1:5984`). */
  proxyBypass?: string;
}

export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<ChromiumSession> {
  const { headless = true, extensionDir = CHROME_BUILD, workerTimeout = 20_000, args = [], viewport, handleSignals = true, proxyBypass } = options;
  assertBuilt(extensionDir, 'npx wxt build');
  const userDataDir = makeTempDir('threadmark-chromium-');
  // No speculative preconnects to the sites we serve from strings.
  mkdirSync(path.join(userDataDir, 'Default'));
  writeFileSync(
    path.join(userDataDir, 'Default', 'Preferences'),
    JSON.stringify({ net: { network_prediction_options: 2 }, signin: { allowed: false } }),
  );
  const proxy = await startBlackholeProxy();
  let context: BrowserContext | undefined;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await cleanupAll([
      () => context && withTimeout(context.close(), 15_000, 'closing Chromium'),
      () => proxy.close(),
      () => removeTempDir(userDataDir),
    ]);
  };
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_BIN,
      headless,
      timeout: 60_000,
      handleSIGINT: handleSignals,
      handleSIGTERM: handleSignals,
      handleSIGHUP: handleSignals,
      proxy: { server: `http://127.0.0.1:${proxy.port}` },
      // Chromium reads the last --proxy-bypass-list, and within it later rules win: Playwright's
      // `<-loopback>` (loopback through the proxy) first, then the one host let through.
      args: [...CHROMIUM_ARGS(extensionDir), ...args, ...(proxyBypass ? [`--proxy-bypass-list=<-loopback>;${proxyBypass}`] : [])],
      ...(viewport === undefined ? {} : { viewport }),
    });
    const serviceWorker = await waitForExtensionWorker(context, workerTimeout);
    const extensionId = new URL(serviceWorker.url()).host;
    return { context, extensionId, serviceWorker, proxy, userDataDir, close };
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
}

async function waitForExtensionWorker(context: BrowserContext, timeout: number): Promise<Worker> {
  const isOurs = (w: Worker) => w.url().startsWith('chrome-extension://');
  const deadline = Date.now() + timeout;
  // Poll + short waits: covers a worker that registered before we started listening and
  // one that starts late, without leaving a dangling waitForEvent promise.
  for (;;) {
    const found = context.serviceWorkers().find(isOurs);
    if (found) return found;
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new Error(
        `The extension's service worker did not start within ${timeout} ms ` +
          `(workers: ${context.serviceWorkers().map((w) => w.url()).join(', ') || 'none'}). ` +
          'Does the build have a background entrypoint, and did --load-extension point at it?',
      );
    }
    const worker = await context
      .waitForEvent('serviceworker', { predicate: isOurs, timeout: Math.min(left, 1_000) })
      .catch(() => undefined);
    if (worker) return worker;
  }
}

export async function openPage(context: BrowserContext, extensionId: string, file: string): Promise<Page> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/${file}`);
    return page;
  } catch (err) {
    await page.close().catch(() => {});
    throw err;
  }
}

export function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  return openPage(context, extensionId, 'popup.html');
}

// ---------------------------------------------------------------------------------------
// Firefox

export interface FirefoxSession {
  browser: PuppeteerBrowser;
  /** The gecko id from the manifest, as returned by installExtension. */
  extensionId: string;
  proxy: BlackholeProxy;
  /** Opens a tab whose x.com/twitter.com requests are served from `routes`; everything else aborted. */
  openX(url: string, routes: XRoutes): Promise<{ page: PuppeteerPage; traffic: XTraffic }>;
  close(): Promise<void>;
}

/** The add-on's internal UUID in the Firefox tests: its pages are at moz-extension://<this>/. */
export const FIREFOX_EXTENSION_UUID = '6f1c7e0e-7c55-4d6b-9d43-3a1f0c2b7e11';

export interface LaunchFirefoxOptions {
  headless?: boolean;
  extensionDir?: string;
}

export async function launchFirefox(options: LaunchFirefoxOptions = {}): Promise<FirefoxSession> {
  const { headless = true, extensionDir = FIREFOX_BUILD } = options;
  assertBuilt(extensionDir, 'npx wxt build -b firefox');
  const profile = makeTempDir('threadmark-firefox-');
  const proxy = await startBlackholeProxy();
  let browser: PuppeteerBrowser | undefined;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await cleanupAll([
      () => browser && withTimeout(browser.close(), 15_000, 'closing Firefox').catch(async (err) => {
        browser?.process()?.kill('SIGKILL');
        throw err;
      }),
      () => proxy.close(),
      () => removeTempDir(profile),
    ]);
  };
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_BIN,
      headless,
      timeout: 60_000,
      userDataDir: profile,
      // Firefox 153+ lets WebDriver open moz-extension:// pages only with this flag.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        // Everything that is not intercepted goes to the black-hole proxy.
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.share_proxy_settings': true,
        'network.proxy.socks_remote_dns': true,
        'network.dns.disablePrefetch': true,
        'network.predictor.enabled': false,
        'network.prefetch-next': false,
        'network.http.speculative-parallel-limit': 0,
        // A fixed moz-extension:// origin, so tests can open the add-on's own pages.
        'extensions.webextensions.uuids': JSON.stringify({ [geckoId(extensionDir) ?? '']: FIREFOX_EXTENSION_UUID }),
      },
    });
    const b = browser;
    const extensionId = await withTimeout(b.installExtension(extensionDir), 30_000, 'installing the add-on');
    const openX = async (url: string, routes: XRoutes) => {
      const page = await b.newPage();
      try {
        const traffic = await serveXInPage(page, routes);
        await page.goto(url);
        return { page, traffic };
      } catch (err) {
        await page.close().catch(() => {});
        throw err;
      }
    };
    return { browser: b, extensionId, proxy, openX, close };
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
}

/** Puppeteer (Firefox) counterpart of `serveX`, per page. */
export async function serveXInPage(page: PuppeteerPage, routes: XRoutes): Promise<XTraffic> {
  const traffic: XTraffic = { served: [], notFound: [], aborted: [] };
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    const decision = decide(url, routes);
    record(traffic, decision, url);
    const done = (() => {
      switch (decision.kind) {
        case 'local':
          return request.continue();
        case 'serve':
          return request.respond({ status: 200, headers: HTML_HEADERS, body: decision.html });
        case 'notFound':
          return request.respond({ status: 404, contentType: 'text/plain', body: 'Not found (threadmark e2e fixture server)' });
        case 'abort':
          return request.abort('blockedbyclient');
      }
    })();
    void done.catch(() => {}); // the page may have gone away meanwhile
  });
  return traffic;
}

// ---------------------------------------------------------------------------------------

/** Gecko id of a Firefox build (from its manifest). */
export function geckoId(extensionDir = FIREFOX_BUILD): string | undefined {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  return manifest.browser_specific_settings?.gecko?.id;
}

// ---------------------------------------------------------------------------------------
// Storage faults (tests/e2e/faults.test.ts)

/**
 * Stops every service worker of the browser, the extension's included, as Chrome does to an
 * idle MV3 worker (CDP `ServiceWorker.stopAllWorkers` through a session on `page`). The next
 * message to the extension starts it again.
 */
export async function workerStopper(
  context: BrowserContext,
  page: Page,
): Promise<{
  stop(): Promise<void>;
  /** Waits (at most `ms`) until an extension worker is starting or running, e.g. woken by a tag. */
  awake(ms: number): Promise<boolean>;
  detach(): Promise<void>;
  /** Times an extension worker was seen stopping, then starting. */
  stopped(): number;
  started(): number;
}> {
  const cdp = await context.newCDPSession(page);
  const status = new Map<string, string>();
  let stopped = 0;
  let started = 0;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) {
      if (!v.scriptURL.startsWith('chrome-extension://')) continue;
      const before = status.get(v.versionId);
      if (before !== v.runningStatus) {
        if (v.runningStatus === 'stopped' && before) stopped++;
        if (v.runningStatus === 'running' && before === 'starting') started++;
      }
      status.set(v.versionId, v.runningStatus);
    }
  });
  await cdp.send('ServiceWorker.enable');
  return {
    stop: async () => void (await cdp.send('ServiceWorker.stopAllWorkers')),
    awake: async (ms) => {
      const until = Date.now() + ms;
      const up = () => [...status.values()].some((s) => s === 'starting' || s === 'running');
      while (!up() && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
      return up();
    },
    detach: () => cdp.detach(),
    stopped: () => stopped,
    started: () => started,
  };
}

export interface StoredState {
  /** Every row of the `messages` store. */
  messages: Array<{ key: string; id: string; status?: string | null; queryType?: string | null } & Record<string, unknown>>;
  /** The kept count (`meta` store, `messageCount`); null when absent. */
  messageCount: number | null;
}

/**
 * Reads the extension's database as it is on disk, from one of its own pages (`page` must be
 * on the extension's origin), with plain IndexedDB at whatever version is current.
 */
export function readStored(page: Page, dbName = 'threadmark'): Promise<StoredState> {
  return page.evaluate(
    (name) =>
      new Promise<StoredState>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          // An older version may lack the meta store.
          const hasMeta = db.objectStoreNames.contains('meta');
          const tx = db.transaction(hasMeta ? ['messages', 'meta'] : ['messages'], 'readonly');
          const rows = tx.objectStore('messages').getAll();
          const count = hasMeta ? tx.objectStore('meta').get('messageCount') : null;
          tx.oncomplete = () => {
            db.close();
            resolve({ messages: rows.result as StoredState['messages'], messageCount: (count?.result as { value?: number } | undefined)?.value ?? null });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    dbName,
  );
}

/**
 * From an extension page: deletes the extension's database (the background's connection
 * closes on `versionchange`, so the delete goes through) and recreates it at the older
 * IndexedDB `version`, keeping that connection open and ignoring `versionchange`, as an old
 * build's page would. The background's next open must upgrade it and is blocked meanwhile.
 * `release()` closes it.
 */
export async function holdOlderDatabase(page: Page, stores: Record<string, string>, version: number, dbName = 'threadmark'): Promise<{ release(): Promise<void> }> {
  await page.evaluate(
    ({ name, stores, version }) =>
      new Promise<void>((resolve, reject) => {
        const del = indexedDB.deleteDatabase(name);
        del.onerror = () => reject(del.error);
        del.onsuccess = () => {
          const req = indexedDB.open(name, version);
          req.onerror = () => reject(req.error);
          req.onupgradeneeded = () => {
            for (const [store, spec] of Object.entries(stores)) {
              const [primary, ...indexes] = spec.split(',').map((s) => s.trim());
              const os = req.result.createObjectStore(store, { keyPath: primary });
              for (const index of indexes) os.createIndex(index, index);
            }
          };
          req.onsuccess = () => {
            // Held on purpose: no onversionchange handler, so it never closes by itself.
            (globalThis as unknown as { __heldDb: IDBDatabase }).__heldDb = req.result;
            resolve();
          };
        };
      }),
    { name: dbName, stores, version },
  );
  return {
    release: () => page.evaluate(() => (globalThis as unknown as { __heldDb: IDBDatabase }).__heldDb.close()),
  };
}

export { seededRandom } from '../seeded-random';

/** Writes the extension's settings as the settings page would store them (one options page, closed after). */
export async function writeSettings(context: BrowserContext, extensionId: string, settings: object): Promise<void> {
  const options = await openPage(context, extensionId, 'options.html');
  try {
    await options.evaluate(async (value) => {
      await (globalThis as unknown as { chrome: { storage: { local: { set: (v: object) => Promise<void> } } } }).chrome.storage.local.set({ settings: value });
    }, settings);
  } finally {
    await options.close();
  }
}

/** Every stored message, read from a fresh extension page. */
export async function storedMessages(context: BrowserContext, extensionId: string) {
  const ext = await openPage(context, extensionId, 'options.html');
  try {
    return (await readStored(ext)).messages;
  } finally {
    await ext.close();
  }
}

/**
 * Serves Facebook by interception: the post the test currently gives (`current()`, so a
 * test can swap it) and its `/api/graphql/`; any other request leaves nothing but a line
 * in `aborted`. `graphqlAsked` lists the friendly names of the GraphQL requests, in order.
 */
export async function serveFacebookPost(
  context: BrowserContext,
  current: () => { post: { url: string; html: string }; respond: (body: string) => string | null },
): Promise<{ aborted: string[]; graphqlAsked: string[] }> {
  const aborted: string[] = [];
  const graphqlAsked: string[] = [];
  await context.route('**/*', async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    if (LOCAL_SCHEMES.has(url.protocol)) return route.continue();
    if (url.protocol === 'https:' && FACEBOOK_HOSTS.has(url.hostname)) {
      const { post, respond } = current();
      if (url.pathname === '/api/graphql/' && req.method() === 'POST') {
        const body = req.postData() ?? '';
        graphqlAsked.push(new URLSearchParams(body).get('fb_api_req_friendly_name') ?? '?');
        const answer = respond(body);
        return answer === null ? route.fulfill({ status: 400, body: '' }) : route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: answer });
      }
      if (url.pathname === new URL(post.url).pathname) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: post.html });
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found (threadmark e2e fixture server)' });
    }
    aborted.push(req.url());
    return route.abort('blockedbyclient');
  });
  return { aborted, graphqlAsked };
}
