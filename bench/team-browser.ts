/**
 * The browser's rate of the team import (issue 9): a few large export files (bench/data.ts
 * history, as bench/team-import-child.ts writes them) imported on the report page of the
 * built extension in Debian's Chromium, from picking the files to the agent table shown
 * (read and checked in the page's workers, merged, written to IndexedDB, report loaded).
 * Run by hand after `npx wxt build`:
 *
 *   node --import tsx bench/team-browser.ts [files=3] [messages per file=40000]
 *
 * Prints one JSON object on stdout.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeExportFile } from '../lib/io/export-format';
import { DEFAULT_SETTINGS } from '../lib/schema/defaults';
import { launchChromium, openPage } from '../tests/e2e/harness';
import { DAY_MS, generateMessages, toRecord } from './data';

const END = Date.UTC(2026, 0, 1);

async function main() {
  const files = Number(process.argv[2] ?? 3);
  const perFile = Number(process.argv[3] ?? 40_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'threadmark-team-browser-'));
  const session = await launchChromium();
  try {
    const paths: string[] = [];
    for (let i = 0; i < files; i++) {
      const agent = `agent${i + 1}`;
      const records = generateMessages({ messages: perFile, seed: 9_000 + i, agents: [agent], end: END, spanDays: 730 }).map(toRecord);
      const exportedAt = Math.max(...records.map((r) => r.updatedAt)) + 60_000;
      const text = await writeExportFile({ agentName: agent, exportedAt, period: { from: END - 730 * DAY_MS, to: exportedAt }, settings: { ...DEFAULT_SETTINGS, agentName: agent }, records, appVersion: '0.4.0' });
      const file = path.join(dir, `${agent}.tmk.jsonl`);
      writeFileSync(file, text);
      paths.push(file);
    }
    const bytes = paths.reduce((n, f) => n + statSync(f).size, 0);
    const report = await openPage(session.context, session.extensionId, 'report.html');
    const workers = new Set<string>();
    report.on('worker', (w) => workers.add(w.url()));
    const cores = await report.evaluate(() => navigator.hardwareConcurrency);
    // When the progress bar counts each file stored, and when it goes (import done; the
    // report then loads): seen from the page, late by whatever the page's thread is busy with.
    await report.evaluate(() => {
      const w = window as unknown as { marks: [number | 'done', number][] };
      w.marks = [[-1, performance.now()]];
      let last: number | 'done' = -1;
      setInterval(() => {
        const bar = document.querySelector('progress');
        const now: number | 'done' = bar ? Number(bar.value) : last === -1 ? -1 : 'done';
        if (now !== last) w.marks.push([(last = now), performance.now()]);
      }, 20);
    });
    const start = performance.now();
    await report.getByLabel('Pick export files').setInputFiles(paths);
    await report.getByRole('table', { name: /Figures per row/ }).waitFor({ timeout: 600_000 });
    const ms = performance.now() - start;
    const marks = await report.evaluate(() => {
      const m = (window as unknown as { marks: [number | 'done', number][] }).marks;
      return m.slice(1).map(([what, t]) => `${what === 'done' ? 'import done' : `${what} stored`} ${((t - m[1]![1]) / 1000).toFixed(1)} s`);
    });
    process.stdout.write(
      JSON.stringify({ files, perFile, messages: files * perFile, MB: bytes / 2 ** 20, ms, msgsPerSecond: (files * perFile) / (ms / 1000), cores, workers: workers.size, marks }) + '\n',
    );
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
