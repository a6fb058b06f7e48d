import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../integration/setup';
import { createDb } from '../../lib/db/database';
import { countOutbox, readOutbox } from '../../lib/db/sync-outbox';
import { runAgentSync } from '../../lib/sync/agent';
import type { AgentSyncConfig } from '../../lib/sync/config';
import { openRemote } from '../../lib/sync/pouch';
import { planSetup, runSetup } from '../../lib/sync/setup';
import { generateMessages, toRecord } from '../../bench/data';
import { DEFAULT_FILTERS, periodOf } from '../../lib/report/filters';
import { ADMIN, startCouch, type CouchServer } from '../integration/couch-server';
import { memoryDb } from '../integration/memory-pouch';
import { launchChromium, openPage, type ChromiumSession } from './harness';

/**
 * The lead's side of team sync in the production build: two agents' records are on a
 * CouchDB-protocol server on loopback (pushed by the same bridge the extension runs); the
 * lead's report page, in Chromium, pulls them with pouchdb-browser (IndexedDB) and shows
 * each agent's replies. The browser's permission prompt cannot be answered from a test,
 * so the lead's settings are written to storage and the server answers CORS (as the README
 * asks a team to configure); every request goes to 127.0.0.1 only.
 */
let couch: CouchServer;
let lead: ChromiumSession | undefined;
const AGENTS = ['ana', 'bea'];
const replies = new Map<string, number>();

beforeAll(async () => {
  couch = await startCouch();
  await runSetup(fetch, couch.url, ADMIN, planSetup({ lead: { user: 'lea', password: 'lea-pw' }, agents: AGENTS.map((user) => ({ user, password: `${user}-pw` })) }));
  for (const [i, user] of AGENTS.entries()) {
    const records = generateMessages({ messages: 300, seed: 7 + i, agents: [user], end: Date.now() - 4 * 86_400_000, spanDays: 5 }).map(toRecord);
    // Replies (DESIGN §4: every reply the agent sent) in the report's default period: the
    // 30 local days ending with today (the generator's last threads may run past now).
    const period = periodOf(DEFAULT_FILTERS, Date.now(), records)!;
    replies.set(user, records.filter((r) => r.sentBy === 'me' && r.at >= period.from && r.at < period.to).length);
    const db = createDb(`e2e-agent-${user}-${Math.random()}`);
    await db.messages.bulkPut(records);
    const config: AgentSyncConfig = { server: couch.url, credentials: { kind: 'password', user, password: `${user}-pw` }, shareTexts: false };
    await runAgentSync(config, {
      local: memoryDb(`e2e-outbox-${user}-${Math.random()}`),
      openRemote: (url) => openRemote(url, config.credentials),
      readOutbox: (after, limit) => readOutbox(db, after, limit),
      countOutbox: (after) => countOutbox(db, after),
      fetch,
    });
  }
}, 120_000);

afterAll(async () => {
  await lead?.close();
  await (couch as unknown as { [Symbol.asyncDispose]: () => Promise<void> })[Symbol.asyncDispose]();
});

describe('team sync: the lead’s report pulls the agents’ databases', () => {
  it('shows each agent’s replies after "Pull the team’s records now"', async () => {
    lead = await launchChromium();
    const offMachine: string[] = [];
    await lead.context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'chrome-extension:') return route.continue();
      if (url.origin !== couch.url) {
        offMachine.push(url.href);
        return route.abort('blockedbyclient');
      }
      const origin = `chrome-extension://${lead!.extensionId}`;
      const cors = {
        'access-control-allow-origin': origin,
        'access-control-allow-credentials': 'true',
        'access-control-allow-headers': 'accept, authorization, content-type, origin, referer',
        'access-control-allow-methods': 'GET, PUT, POST, HEAD, DELETE',
      };
      if (route.request().method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
      // Forwarded from Node: the browser's own requests go through the harness's black-hole proxy.
      const req = route.request();
      const headers = Object.fromEntries(Object.entries(await req.allHeaders()).filter(([k]) => !k.startsWith(':') && k !== 'host' && k !== 'origin'));
      const res = await fetch(req.url(), { method: req.method(), headers, body: req.postData() ?? undefined, redirect: 'manual' });
      const body = Buffer.from(await res.arrayBuffer());
      const out: Record<string, string> = {};
      res.headers.forEach((v, k) => {
        if (k !== 'content-encoding' && k !== 'content-length' && k !== 'transfer-encoding') out[k] = v;
      });
      return route.fulfill({ status: res.status, headers: { ...out, ...cors }, body });
    });
    const report = await openPage(lead.context, lead.extensionId, 'report.html');
    await report.evaluate(
      async ([server, agents]) => {
        await (globalThis as unknown as { chrome: { storage: { local: { set: (v: object) => Promise<void> } } } }).chrome.storage.local.set({
          syncLead: { server, credentials: { kind: 'password', user: 'lea', password: 'lea-pw' }, agents },
        });
      },
      [couch.url, AGENTS] as const,
    );
    await report.reload();
    await report.getByRole('button', { name: "Pull the team's records now" }).click();
    const table = report.getByRole('table', { name: /Figures per row/ });
    await table.waitFor({ timeout: 20_000 }).catch(async (e) => {
      throw new Error(`${String(e)}\n${await report.locator('.sync-panel').innerText()}`);
    });
    const cell = (row: string, column: string) =>
      table.getByRole('row').filter({ has: report.getByRole('rowheader', { name: row, exact: true }) }).locator(`[data-column="${column}"] .value`).textContent();
    for (const user of AGENTS) expect(await cell(user, 'replies')).toBe(String(replies.get(user)));
    expect(await cell('Team total', 'replies')).toBe(String(replies.get('ana')! + replies.get('bea')!));
    expect(await report.getByText(/Last synced/).count()).toBe(1);
    expect(offMachine).toEqual([]);
  }, 120_000);
});
