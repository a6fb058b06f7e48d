// `npm start`: Threadmark on a real customer-care conversation, offline.
//
// Launches Debian's Chromium *headed* with the production build (.output/chrome-mv3, built by
// `npm start` just before), serves a real conversation from the dataset (AdobeCare and a
// customer, 12 posts; tests/e2e/pages.ts demoPages) at its permalink
// https://x.com/<author>/status/<id> from memory, logged in as the brand (so the brand's posts
// are the agent's), and opens it. Nothing reaches the network: x.com/twitter.com are answered
// locally, every other request is aborted, and anything the browser tries on its own goes to a
// local black-hole proxy (see tests/e2e/harness.ts). Runs until the browser window is closed
// (or Ctrl+C), then exits 0.
//
// Needs a display. On Linux without $DISPLAY / $WAYLAND_DISPLAY it explains what to do and
// exits 1, except in screenshot mode (below), where it re-runs itself under `xvfb-run -a`
// when that is installed (Debian package xvfb).
//
// `npm start -- --facebook` also opens, in a second tab, a Facebook Page post built from two
// real conversations (SpotifyCares, DropboxSupport; tests/fixtures/facebook/post-page.ts,
// moved to end 20 and 40 minutes ago) at https://www.facebook.com/…, behaving like Facebook:
// "View more comments" / "View N replies" load over /api/graphql/ (answered here, from
// memory), Enter in the comment box posts as the Page. The agent acts as that Page (an
// `i_user` cookie, as Facebook sets when a person switches to a Page).
//
// DEMO_SCREENSHOT=/path.png: wait for the bars, save a screenshot, exit (0 if the bars
// appeared, 3 if they did not; the screenshot is saved either way). Used to check the demo
// on a machine without a screen:  DEMO_SCREENSHOT=/tmp/demo.png npx tsx scripts/demo.ts
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROME_BUILD, CHROMIUM_BIN, launchChromium, serveX, type XTraffic } from '../tests/e2e/harness';
import { demoPages, shiftConversation } from '../tests/e2e/pages';
import { buildPostPage, graphqlResponder } from '../tests/fixtures/facebook/post-page';
import { DROPBOX_SESSION, SPOTIFY_SESSION } from '../tests/fixtures/facebook/standard-pages';
import { careConversation } from '../tests/fixtures/x/care-data';

const screenshot = process.env.DEMO_SCREENSHOT ? path.resolve(process.env.DEMO_SCREENSHOT) : undefined;
const BAR_TIMEOUT_MS = 20_000;
const log = (msg: string) => console.log(`[demo] ${msg}`);

function hasDisplay(): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

if (!hasDisplay()) {
  if (screenshot && !process.env.THREADMARK_DEMO_UNDER_XVFB && onPath('xvfb-run')) {
    log('no display: re-running under xvfb-run -a (virtual screen) to take the screenshot');
    const self = fileURLToPath(import.meta.url);
    const run = spawnSync(
      'xvfb-run',
      ['-a', '-s', '-screen 0 1440x1000x24', process.execPath, ...process.execArgv, self, ...process.argv.slice(2)],
      { stdio: 'inherit', env: { ...process.env, THREADMARK_DEMO_UNDER_XVFB: '1' } },
    );
    process.exit(run.status ?? 1);
  }
  console.error(
    [
      'The demo opens a browser window, and there is no display here ($DISPLAY is empty).',
      '  • On a desktop session, run `npm start` there.',
      '  • On a server, run it on a virtual screen: `xvfb-run -a npm start`',
      '    (apt-get install -y xvfb), e.g. with DEMO_SCREENSHOT=/tmp/demo.png to get a picture.',
    ].join('\n'),
  );
  process.exit(1);
}

const withFacebook = process.argv.includes('--facebook');
const { main: conversation, routes: xRoutes } = demoPages();
const fbNow = Date.now();
const fbPost = withFacebook
  ? buildPostPage(
      [shiftConversation(careConversation(SPOTIFY_SESSION), fbNow - 20 * 60_000), shiftConversation(careConversation(DROPBOX_SESSION), fbNow - 40 * 60_000)],
      { live: true, now: fbNow },
    )
  : null;
const routes = fbPost ? { ...xRoutes, [new URL(fbPost.url).pathname]: fbPost.html } : xRoutes;
log(`browser: ${CHROMIUM_BIN} (headed), extension: ${path.relative(process.cwd(), CHROME_BUILD) || CHROME_BUILD}`);
const started = Date.now();
const session = await launchChromium({
  headless: false,
  viewport: null, // the page follows the window size
  handleSignals: false, // Ctrl+C: our shutdown closes the browser and deletes the profile
  args: ['--window-size=1400,950', '--window-position=0,0'],
});
log(`launched in ${((Date.now() - started) / 1000).toFixed(1)} s; extension id ${session.extensionId}`);

let traffic: XTraffic | undefined;
let exiting = false;
const shutdown = async (code: number) => {
  if (exiting) return;
  exiting = true;
  const leaked = session.proxy.offMachineHosts();
  const blocked = [...(traffic?.aborted ?? []), ...leaked];
  if (blocked.length) {
    log(`blocked (never sent): ${blocked.join(', ')}`);
  }
  await session.close().catch((err: unknown) => console.error('[demo] cleanup:', err));
  process.exit(code);
};
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));
process.once('SIGHUP', () => void shutdown(0));

traffic = await serveX(session.context, routes);
if (fbPost) {
  // Facebook's /api/graphql/ for the live page (registered after serveX, so it is asked first).
  const respond = graphqlResponder(fbPost);
  await session.context.route('https://www.facebook.com/api/graphql/', (route) => {
    const answer = respond(route.request().postData() ?? '');
    return answer === null ? route.fulfill({ status: 400, body: '' }) : route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: answer });
  });
  await session.context.addCookies([{ name: 'i_user', value: fbPost.pageId, domain: '.facebook.com', path: '/', secure: true }]);
}
log(`serving ${conversation.description} from memory (no network)`);
log(`  + ${Object.keys(routes).length - 1} more pages of @${conversation.brand} (its other conversations, /notifications/mentions)`);

const page = session.context.pages()[0] ?? (await session.context.newPage());
log(`opening ${conversation.url}  (logged in as @${conversation.brand})`);
await page.goto(conversation.url);

const barsAppeared = await page
  .locator('threadmark-bar')
  .first()
  .waitFor({ state: 'attached', timeout: BAR_TIMEOUT_MS })
  .then(() => true)
  .catch(() => false);
if (fbPost) {
  const fbPage = await session.context.newPage();
  log(`opening ${fbPost.url}  (a Facebook Page post, ${fbPost.comments.length} comments, acting as the Page ${fbPost.pageName})`);
  await fbPage.goto(fbPost.url);
  const fbBars = await fbPage
    .locator('threadmark-bar')
    .first()
    .waitFor({ state: 'attached', timeout: BAR_TIMEOUT_MS })
    .then(() => fbPage.locator('threadmark-bar').count())
    .catch(() => 0);
  log(`Threadmark bars on the Facebook post: ${fbBars} (click "View more comments" / "View … replies" for the rest)`);
  if (screenshot) await fbPage.screenshot({ path: screenshot.replace(/(\.png)?$/, '-facebook.png') });
  await page.bringToFront();
}

if (barsAppeared) {
  const bars = await page.locator('threadmark-bar').count();
  log(`Threadmark bars on the page: ${bars} (posts in the conversation: ${conversation.conversationIds.length})`);
} else {
  log(`no <threadmark-bar> appeared within ${BAR_TIMEOUT_MS / 1000} s: is the content script in this build?`);
}

if (screenshot) {
  await page.waitForTimeout(500); // let the bars' styles settle
  await page.screenshot({ path: screenshot });
  log(`screenshot saved to ${screenshot}`);
  await shutdown(barsAppeared ? 0 : 3);
} else {
  log(`popup: chrome-extension://${session.extensionId}/popup.html (or the toolbar button)`);
  log('close the browser window (or press Ctrl+C) to quit');
  session.context.on('close', () => void shutdown(0));
}
