import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDuration } from '../../lib/format/duration';
import { ADOBE_SESSION } from '../fixtures/x/standard-pages';
import { launchChromium, openPage, openPopup, serveX } from './harness';
import { claimRepliesAndTagComplaint, expectedResponseTimes, percentile } from './design-figures';
import { recentConversation, type ServedConversation } from './pages';

/**
 * The team loop on the production build: two agent profiles tag real conversations
 * (SpotifyCares, AdobeCare), claim the brand's replies and export through the real
 * download; a third profile (the lead) imports both files in the team report, whose
 * per-agent and team figures must equal DESIGN §4 computed here from the threads' times.
 */
const SPOTIFY = 'eGPmyP8XzT1HWlzAPv2u';
const MIN = 60_000;
const downloads = mkdtempSync(path.join(tmpdir(), 'threadmark-team-'));
afterAll(() => rmSync(downloads, { recursive: true, force: true }));

interface AgentRun {
  name: string;
  conv: ServedConversation;
  file: string;
}

async function agentExports(name: string, conv: ServedConversation, viaPopup = false): Promise<AgentRun> {
  const session = await launchChromium();
  try {
    const traffic = await serveX(session.context, { [conv.path]: conv.html });
    const options = await openPage(session.context, session.extensionId, 'options.html');
    await options.getByRole('textbox', { name: 'Your name' }).fill(name);
    await options.getByRole('textbox', { name: 'Brand handles on X' }).fill(`@${conv.brand}`);
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await options.getByText('Saved.').waitFor();

    const page = await session.context.newPage();
    await page.goto(conv.url);
    await claimRepliesAndTagComplaint(page, conv);
    await page.keyboard.press('Escape');

    // Ana exports from the settings page, Bea from the popup: both places save the same file.
    let from: Page = options;
    if (viaPopup) {
      from = await openPopup(session.context, session.extensionId);
      await from.locator('summary').click();
    } else await options.reload();
    const button = from.locator('section.export-my-data').getByRole('button', { name: 'Export my data' });
    const [download] = await Promise.all([from.waitForEvent('download'), button.click()]);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    expect(traffic.aborted).toEqual([]);
    return { name, conv, file };
  } finally {
    await session.close();
  }
}

describe('two agents export, the lead merges them in the team report', () => {
  const runs: AgentRun[] = [];
  let report: Page;
  let closeLead: () => Promise<void> = async () => {};
  afterAll(async () => closeLead());

  it('downloads an export file from each agent profile, from the settings page and from the popup', async () => {
    runs.push(await agentExports('Ana', recentConversation(SPOTIFY, 20 * MIN, { focusIndex: 0, loggedInAs: 'SpotifyCares' })));
    runs.push(await agentExports('Bea', recentConversation(ADOBE_SESSION, 40 * MIN, { focusIndex: 0, loggedInAs: 'AdobeCare' }), true));
    for (const r of runs) {
      expect(path.basename(r.file)).toMatch(new RegExp(`^threadmark-${r.name.toLowerCase()}-all_.*\\.tmk\\.jsonl$`));
      const lines = readFileSync(r.file, 'utf8').trim().split('\n');
      expect(JSON.parse(lines[0]!)).toMatchObject({ kind: 'header', agent: { name: r.name } });
      expect(JSON.parse(lines.at(-1)!)).toMatchObject({ kind: 'footer', count: lines.length - 2 });
    }
  }, 180_000);

  it("imports both files in a third profile and shows each agent's figures and the team's as DESIGN §4 gives them", async () => {
    const lead = await launchChromium();
    closeLead = lead.close;
    report = await openPage(lead.context, lead.extensionId, 'report.html');
    const workers: string[] = [];
    report.on('worker', (w) => workers.push(w.url()));
    await report.getByLabel('Pick export files').setInputFiles(runs.map((r) => r.file));
    const table = report.getByRole('table', { name: /Figures per row/ });
    await table.waitFor();
    // Read off the page's thread, by the module worker bundled with the extension.
    // (one per file up to cores − 1, so how many depends on the machine)
    expect(workers.length).toBeGreaterThan(0);
    for (const url of workers) expect(url).toMatch(new RegExp(`^chrome-extension://${lead.extensionId}/assets/read-export\\.worker-.*\\.js$`));
    const cell = (row: string, column: string) => table.getByRole('row').filter({ has: report.getByRole('rowheader', { name: row, exact: true }) }).locator(`[data-column="${column}"] .value`).textContent();

    const all: number[] = [];
    for (const r of runs) {
      const times = expectedResponseTimes(r.conv);
      all.push(...times);
      const replies = r.conv.model.expected.filter((p) => /^\d+$/.test(p.source) && p.author === r.conv.brand.toLowerCase()).length;
      expect(await cell(r.name, 'replies')).toBe(String(replies));
      expect(await cell(r.name, 'response_median')).toBe(formatDuration(percentile(times, 0.5)));
      expect(await cell(r.name, 'response_p90')).toBe(formatDuration(percentile(times, 0.9)));
    }
    expect(await cell('Team total', 'response_median')).toBe(formatDuration(percentile(all, 0.5)));
    const totalReplies = runs.reduce((n, r) => n + r.conv.model.expected.filter((p) => /^\d+$/.test(p.source) && p.author === r.conv.brand.toLowerCase()).length, 0);
    expect(await cell('Team total', 'replies')).toBe(String(totalReplies));
  }, 120_000);

  it('changes nothing when the same file is imported again', async () => {
    await report.getByLabel('Pick export files').setInputFiles([runs[0]!.file]);
    await report.getByText(`${path.basename(runs[0]!.file)}: already imported, nothing changed.`).waitFor();
  });
});
