import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDuration } from '../../lib/format/duration';
import { agentDbName, authHeader } from '../../lib/sync/config';
import { planSetup, runSetup } from '../../lib/sync/setup';
// lib/background/sync.ts SYNC_ALARM (that module needs the extension's globals to load).
const SYNC_ALARM = 'team-sync';
import { ADOBE_SESSION } from '../fixtures/x/standard-pages';
import { ADMIN, startCouch, type CouchServer } from '../integration/couch-server';
import { claimRepliesAndTagComplaint, expectedResponseTimes, percentile } from './design-figures';
import { CHROME_BUILD, launchChromium, openPage, serveX, type ChromiumSession } from './harness';
import { recentConversation, type ServedConversation } from './pages';

/**
 * Team sync end to end in Chromium: two agent profiles each type the team's server and
 * their credentials in settings, tag a real X conversation (claiming the brand's replies),
 * and sync: Ana with "Sync now", Bea by the background's alarm. A lead profile pulls both
 * databases in the report, whose figures must equal DESIGN §4 computed here.
 *
 * The server is pouchdb-server on 127.0.0.1. Saving the server asks the browser for that
 * origin (`permissions.request`), and Chromium's prompt cannot be answered by a test
 * driver (no switch or CDP call exists for extension permission prompts), so these
 * profiles run the test-only build `wxt build --mode e2e-sync` (.output/chrome-mv3-e2e-sync),
 * which lists http://127.0.0.1/* in host_permissions: the request then answers at once.
 * The shipped build has no host_permissions (checked below and in tests/unit/sync/manifest).
 * The browsers reach only the server's port directly; everything else still goes to the
 * black-hole proxy and is listed.
 */
const E2E_BUILD = path.resolve(CHROME_BUILD, '../chrome-mv3-e2e-sync');
const SPOTIFY = 'eGPmyP8XzT1HWlzAPv2u';
const MIN = 60_000;

interface ChromeAlarms {
  alarms: { get(name: string): Promise<unknown>; create(name: string, info: { when: number; periodInMinutes: number }): Promise<void> };
}

let couch: CouchServer;
const sessions: ChromiumSession[] = [];

interface Agent {
  user: string;
  conv: ServedConversation;
}
const AGENTS: Agent[] = [
  { user: 'ana', conv: recentConversation(SPOTIFY, 20 * MIN, { focusIndex: 0, loggedInAs: 'SpotifyCares' }) },
  { user: 'bea', conv: recentConversation(ADOBE_SESSION, 40 * MIN, { focusIndex: 0, loggedInAs: 'AdobeCare' }) },
];

beforeAll(async () => {
  couch = await startCouch();
  await runSetup(fetch, couch.url, ADMIN, planSetup({ lead: { user: 'lea', password: 'lea-pw' }, agents: AGENTS.map(({ user }) => ({ user, password: `${user}-pw` })) }));
}, 60_000);

afterAll(async () => {
  for (const s of sessions) await s.close();
  await (couch as unknown as { [Symbol.asyncDispose]: () => Promise<void> })[Symbol.asyncDispose]();
});

/** Message documents in an agent's database on the server (read as the admin). */
async function onServer(user: string): Promise<number> {
  const res = await fetch(`${couch.url}/${agentDbName(user)}/_all_docs`, { headers: { Authorization: authHeader({ kind: 'password', ...ADMIN }) } });
  const body = (await res.json()) as { rows: { id: string }[] };
  return body.rows.filter((r) => !r.id.startsWith('_design/')).length;
}

async function launch(): Promise<ChromiumSession> {
  const s = await launchChromium({ extensionDir: E2E_BUILD, proxyBypass: `127.0.0.1:${couch.port}` });
  sessions.push(s);
  return s;
}

/** Settings → Team sync: the server, the user and password, "Save and connect". */
async function connect(options: Page, user: string): Promise<void> {
  const panel = options.locator('section.sync-panel');
  await panel.getByRole('textbox', { name: /Server address/ }).fill(couch.url);
  await panel.getByRole('textbox', { name: 'Your user name on the server' }).fill(user);
  // (a radio button is also labelled "Password": the sign-in kind)
  await panel.locator('input[type="password"]').fill(`${user}-pw`);
  await panel.getByRole('button', { name: 'Save and connect' }).click();
  await panel.getByText('Saved. Your browser allowed this server; the first sync starts now.').waitFor();
}

/** Moves the background's sync alarm (same name and period) to fire after `delayMs`. */
async function moveAlarm(s: ChromiumSession, delayMs: number): Promise<void> {
  // After the background's own (re)scheduling on "Save and connect", so it does not undo this.
  await expect
    .poll(() => s.serviceWorker.evaluate((name) => (globalThis as unknown as { chrome: ChromeAlarms }).chrome.alarms.get(name).then(Boolean), SYNC_ALARM))
    .toBe(true);
  await s.serviceWorker.evaluate(
    ([name, delay]) => (globalThis as unknown as { chrome: ChromeAlarms }).chrome.alarms.create(name, { when: Date.now() + delay, periodInMinutes: 1 }),
    [SYNC_ALARM, delayMs] as const,
  );
}

async function tagConversation(s: ChromiumSession, conv: ServedConversation): Promise<void> {
  const traffic = await serveX(s.context, { [conv.path]: conv.html });
  // serveX stops everything but x.com, the background's sync included: the team's server on
  // loopback goes through (the route registered last is asked first).
  await s.context.route(`${couch.url}/**`, (route) => route.continue());
  const page = await s.context.newPage();
  await page.goto(conv.url);
  await claimRepliesAndTagComplaint(page, conv);
  await page.close();
  expect(traffic.aborted).toEqual([]);
}

describe('team sync: two agent profiles sync, the lead’s report shows both', () => {
  it('ships no host permission: the loopback origin is in the e2e build only', () => {
    const shipped = JSON.parse(readFileSync(path.join(CHROME_BUILD, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    const e2e = JSON.parse(readFileSync(path.join(E2E_BUILD, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(shipped.host_permissions).toBeUndefined();
    expect(e2e.host_permissions).toEqual(['http://127.0.0.1/*']);
    expect(e2e.optional_host_permissions).toEqual(shipped.optional_host_permissions);
  });

  it('Ana connects in settings, tags a conversation and presses "Sync now"', async () => {
    const s = await launch();
    const options = await openPage(s.context, s.extensionId, 'options.html');
    await connect(options, 'ana');
    // Only "Sync now" may send her records here: the minute alarm is held off for the test.
    await moveAlarm(s, 10 * MIN);
    await tagConversation(s, AGENTS[0]!.conv);
    await options.reload();
    const panel = options.locator('section.sync-panel');
    expect(await onServer('ana')).toBe(0);
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => onServer('ana'), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => panel.getByRole('status').last().innerText(), { timeout: 30_000 }).toMatch(/Last synced .* · 0 records waiting/);
    expect(s.proxy.offMachineHosts()).toEqual([]);
  }, 180_000);

  it('Bea connects, tags, and her records leave by the background alarm', async () => {
    const s = await launch();
    const options = await openPage(s.context, s.extensionId, 'options.html');
    await connect(options, 'bea');
    // Held off while she tags (a slow machine could otherwise reach the minute first).
    await moveAlarm(s, 10 * MIN);
    await tagConversation(s, AGENTS[1]!.conv);
    const panel = options.locator('section.sync-panel');
    // The alarm the background keeps while sync is on (every minute; its period is kept when moved)…
    const alarm = (await s.serviceWorker.evaluate((name) => (globalThis as unknown as { chrome: ChromeAlarms }).chrome.alarms.get(name), SYNC_ALARM)) as { periodInMinutes?: number } | undefined;
    expect(alarm?.periodInMinutes).toBe(1);
    // Nothing of hers has left yet (the sync at "Save and connect" ran before she tagged)…
    expect(await onServer('bea')).toBe(0);
    // …until the alarm, moved to now (same name, same period) rather than waiting up to a minute.
    await moveAlarm(s, 200);
    await expect.poll(() => onServer('bea'), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => panel.getByRole('status').last().innerText(), { timeout: 30_000 }).toMatch(/Last synced .* · 0 records waiting/);
  }, 180_000);

  it('Bea tagged one of Ana\u2019s messages differently: her database holds it (kept apart from Ana\u2019s by the server)', async () => {
    // As Bea's extension pushes it (her credentials, through the server's rules): the same
    // message as Ana's first customer post, tagged Feedback a minute after Ana's Complaint.
    const brand = AGENTS[0]!.conv.brand.toLowerCase();
    const first = AGENTS[0]!.conv.model.expected.find((p) => /^\d+$/.test(p.source) && p.id !== null && p.author !== brand)!;
    const key = `x:${first.id}`;
    const admin = { Authorization: authHeader({ kind: 'password', ...ADMIN }) };
    const ana = (await (await fetch(`${couch.url}/${agentDbName('ana')}/${encodeURIComponent(key)}`, { headers: admin })).json()) as { record: Record<string, unknown> & { taggedAt: number; updatedAt: number } };
    expect(ana.record.queryType).toBe('complaint');
    const later = ana.record.taggedAt + 60_000;
    const doc = { type: 'threadmark-message', v: 1, owner: 'bea', record: { ...ana.record, queryType: 'feedback', taggedAt: later, updatedAt: Math.max(later, ana.record.updatedAt) } };
    const res = await fetch(`${couch.url}/${agentDbName('bea')}/${encodeURIComponent(key)}`, {
      method: 'PUT',
      headers: { Authorization: authHeader({ kind: 'password', user: 'bea', password: 'bea-pw' }), 'Content-Type': 'application/json' },
      body: JSON.stringify(doc),
    });
    expect(res.status).toBe(201);
  });

  it("pulls both agents in the lead's report, with DESIGN §4 figures", async () => {
    const s = await launch();
    const report = await openPage(s.context, s.extensionId, 'report.html');
    const panel = report.locator('.sync-panel');
    await panel.getByRole('textbox', { name: /Server address/ }).fill(couch.url);
    await panel.getByRole('textbox', { name: /Your user name on the server/ }).fill('lea');
    await panel.locator('input[type="password"]').first().fill('lea-pw');
    await panel.getByRole('textbox', { name: /Agents' user names/ }).fill('ana, bea');
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await panel.getByText('Saved. Your browser allowed this server.').waitFor();
    await panel.getByRole('button', { name: "Pull the team's records now" }).click();
    const table = report.getByRole('table', { name: /Figures per row/ });
    await table.waitFor({ timeout: 30_000 }).catch(async (e) => {
      throw new Error(`${String(e)}\n${await panel.innerText()}`);
    });
    const cell = (row: string, column: string) =>
      table.getByRole('row').filter({ has: report.getByRole('rowheader', { name: row, exact: true }) }).locator(`[data-column="${column}"] .value`).textContent();
    const all: number[] = [];
    let totalReplies = 0;
    for (const { user, conv } of AGENTS) {
      const times = expectedResponseTimes(conv);
      all.push(...times);
      const replies = conv.model.expected.filter((p) => /^\d+$/.test(p.source) && p.author === conv.brand.toLowerCase()).length;
      totalReplies += replies;
      expect(await cell(user, 'replies')).toBe(String(replies));
      expect(await cell(user, 'response_median')).toBe(formatDuration(percentile(times, 0.5)));
      expect(await cell(user, 'response_p90')).toBe(formatDuration(percentile(times, 0.9)));
    }
    expect(await cell('Team total', 'replies')).toBe(String(totalReplies));
    expect(await cell('Team total', 'response_median')).toBe(formatDuration(percentile(all, 0.5)));
    // The two agents' tags of one message: the later kept, the other listed for the lead.
    const conflicts = report.getByRole('table', { name: '1 tag set differently by two agents (the later one is kept)' });
    await conflicts.waitFor();
    const row = conflicts.getByRole('row').nth(1);
    expect(await row.innerText()).toMatch(/Query type\s+Feedback \(bea\)\s+Complaint \(ana\)/);
    for (const x of sessions) expect(x.proxy.offMachineHosts()).toEqual([]);
  }, 120_000);
});
