import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDuration } from '../../lib/format/duration';
import { writeExportFile } from '../../lib/io/export-format';
import type { MessageRecord } from '../../lib/schema/records';
import { conversation, settings } from '../unit/metrics/build';
import { FIREFOX_EXTENSION_UUID, type FirefoxSession, launchFirefox } from './harness';
import { percentile } from './design-figures';

/**
 * The team report in Firefox (firefox-mv2 build, Debian's firefox-esr): the reader worker
 * cuts each imported file's chunk texts into Blobs that IndexedDB keeps, and a later file
 * whose messages are already stored merges into those chunks, reading the Blobs back inside
 * its transaction (lib/db/team chunkBytes, Dexie.waitFor). Chromium's team e2e covers the
 * same in Chromium. The agents' files are written here with the product's export writer
 * (the Chromium e2e downloads them from two agent profiles; what the report reads is the
 * same format), with times chosen so each figure is known by hand.
 */
const MIN = 60_000;
const dir = mkdtempSync(path.join(tmpdir(), 'threadmark-team-firefox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Minutes ago, within the report's default period (the last 30 days).
const now = Math.floor(Date.now() / MIN) * MIN;
const ago = (minutes: number) => now - minutes * MIN;

// Ana: 20 and 60 min; Bea: 10 and 10 min; Ana's newer file adds a 5 min reply.
const anaFirst = [
  ...conversation([['customer', ago(300), { queryType: 'complaint' }], ['me', ago(280), { status: 'resolved' }]], { agent: 'Ana' }),
  ...conversation([['customer', ago(240), { queryType: 'technical_question' }], ['me', ago(180)]], { agent: 'Ana' }),
];
const bea = conversation([['customer', ago(200), { queryType: 'complaint' }], ['me', ago(190)], ['customer', ago(170)], ['me', ago(160), { status: 'resolved' }]], { agent: 'Bea' });
// Her newer file also marks the second case resolved (tagged later): the stored row changes.
const anaLater = [
  ...anaFirst.map((r, i) => (i === 3 ? { ...r, status: 'resolved' as const, taggedAt: ago(90) } : r)),
  ...conversation([['customer', ago(100), { queryType: 'complaint' }], ['me', ago(95), { status: 'resolved' }]], { agent: 'Ana' }),
];

/** Response times (ms) of the agent's replies in the records: reply − oldest unanswered customer message, case by case. */
function responseTimes(records: MessageRecord[]): number[] {
  const out: number[] = [];
  const byCase = new Map<string, MessageRecord[]>();
  for (const r of records) byCase.set(r.caseKey, [...(byCase.get(r.caseKey) ?? []), r]);
  for (const msgs of byCase.values()) {
    let waiting: number | null = null;
    for (const m of [...msgs].sort((a, b) => a.at - b.at)) {
      if (!m.fromBrand) waiting ??= m.at;
      else if (waiting !== null) {
        out.push(m.at - waiting);
        waiting = null;
      }
    }
  }
  return out;
}

async function exportFile(agent: string, records: MessageRecord[], exportedAt: number, name: string): Promise<string> {
  const text = await writeExportFile({ agentName: agent, exportedAt, period: { from: null, to: exportedAt }, settings: settings({ agentName: agent }), records, appVersion: '0.1.0' });
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

type Cells = Record<string, { replies: string; response_median: string }>;

/** The agent table's rows (and the team row) as the page shows them; null until it is there. Runs in the page. */
function tableCells(): Cells | null {
  const table = document.querySelector('main[data-ready="true"] table.figures');
  if (!table) return null;
  const out: Cells = {};
  for (const tr of table.querySelectorAll('tbody tr, tfoot tr')) {
    const value = (c: string) => tr.querySelector(`[data-column="${c}"] .value`)?.textContent ?? '';
    out[tr.querySelector('th')!.textContent ?? ''] = { replies: value('replies'), response_median: value('response_median') };
  }
  return out;
}

/** How the team store keeps its chunks' texts: Blobs (cut in the reader worker) or bytes. Runs in the page. */
function chunkKinds(): Promise<{ blobs: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('threadmark-team');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const all = db.transaction('chunks').objectStore('chunks').getAll();
      all.onerror = () => reject(all.error);
      all.onsuccess = () => {
        db.close();
        const texts = (all.result as { text: unknown }[]).map((c) => c.text);
        resolve({ blobs: texts.filter((t) => t instanceof Blob).length, bytes: texts.filter((t) => ArrayBuffer.isView(t)).length });
      };
    };
  });
}

const expected = (agents: Record<string, MessageRecord[]>): Cells => {
  const out: Cells = {};
  const all: number[] = [];
  for (const [name, records] of Object.entries(agents)) {
    const times = responseTimes(records);
    all.push(...times);
    out[name] = { replies: String(times.length), response_median: formatDuration(percentile(times, 0.5)) };
  }
  out['Team total'] = { replies: String(all.length), response_median: formatDuration(percentile(all, 0.5)) };
  return out;
};

describe('the team report in Firefox, with Blob chunks', () => {
  let session: FirefoxSession;
  let page: Page;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    files.ana = await exportFile('Ana', anaFirst, now - 60 * MIN, 'threadmark-ana-1.tmk.jsonl');
    files.bea = await exportFile('Bea', bea, now - 60 * MIN, 'threadmark-bea.tmk.jsonl');
    files.anaLater = await exportFile('Ana', anaLater, now, 'threadmark-ana-2.tmk.jsonl');
    session = await launchFirefox();
    page = await session.browser.newPage();
    await openReport();
  });
  afterAll(async () => {
    await session?.close();
  });

  async function openReport() {
    // Firefox may never report an add-on page's load to WebDriver: do not wait for it.
    await page.goto(`moz-extension://${FIREFOX_EXTENSION_UUID}/report.html`, { timeout: 3000 }).catch(() => {});
    await page.waitForSelector('input[type="file"]', { timeout: 15_000 });
  }

  async function pick(...paths: string[]) {
    const input = (await page.$('input[type="file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(...paths);
  }

  async function shownCells(want: Cells): Promise<Cells | null> {
    let last: Cells | null = null;
    await expect
      .poll(async () => (last = await page.evaluate(tableCells)), { timeout: 20_000, interval: 250 })
      .toEqual(want);
    return last;
  }

  it("imports two agents' files, stores their chunks as Blobs and shows each agent's figures", async () => {
    await pick(files.ana!, files.bea!);
    await shownCells(expected({ Ana: anaFirst, Bea: bea }));
    // Ana 20 and 60 min (median 40m), Bea 10 and 10 (10m); the team 10, 10, 20, 60 (15m).
    expect(expected({ Ana: anaFirst, Bea: bea })).toEqual({
      Ana: { replies: '2', response_median: '40m' },
      Bea: { replies: '2', response_median: '10m' },
      'Team total': { replies: '4', response_median: '15m' },
    });
    // Each file's rows were cut into a Blob by the reader worker and kept as such.
    expect(await page.evaluate(chunkKinds)).toEqual({ blobs: 2, bytes: 0 });
  });

  it('merges a newer file of Ana whose messages are stored, reading her Blob chunk back inside the merge', async () => {
    await pick(files.anaLater!);
    await page.waitForFunction(() => document.body.textContent?.includes('threadmark-ana-2.tmk.jsonl (Ana): '), { timeout: 20_000 });
    await shownCells(expected({ Ana: anaLater, Bea: bea }));
    expect(expected({ Ana: anaLater, Bea: bea })).toMatchObject({ Ana: { replies: '3', response_median: '20m' }, 'Team total': { replies: '5', response_median: '10m' } });
    // Ana's Blob chunk was read back and rewritten as bytes with her changed row; Bea's is
    // still a Blob; Ana's new case went to a chunk of its own (bytes: not a whole chunk of the file).
    expect(await page.evaluate(chunkKinds)).toEqual({ blobs: 1, bytes: 2 });
  });

  it('shows the same after a reload of the page', async () => {
    await openReport();
    await shownCells(expected({ Ana: anaLater, Bea: bea }));
  });

  it('sends no request off the machine', () => {
    expect(session.proxy.offMachineHosts()).toEqual([]);
  });
});
