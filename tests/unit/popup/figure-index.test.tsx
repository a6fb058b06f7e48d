/**
 * lib/metrics/README.md indexes every figure: DESIGN row → rule → code → test (issue 9).
 * Every figure the popup shows must have its row, and each row must name code and a test
 * that exist, so the index cannot drift from the product.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../../../components/popup/PopupApp';
import type { PopupData, PopupSource } from '../../../components/popup/popup-data';
import { DEFAULT_SETTINGS } from '../../../lib/schema/defaults';
import { conversation, officeHours } from '../metrics/build';

const METRICS = resolve(__dirname, '../../../lib/metrics');
const TESTS = resolve(__dirname, '../metrics');

interface IndexRow {
  figure: string;
  designRow: string;
  code: string;
  testFile: string;
  testName: string;
}

function readIndex(): IndexRow[] {
  const readme = readFileSync(resolve(METRICS, 'README.md'), 'utf8');
  const section = readme.split('## Index: DESIGN row → rule → code → test')[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((l) => /^\| `\w+` \|/.test(l))
    .map((l) => {
      const [figure, designRow, , code, test] = l.split(' | ').map((c) => c.replace(/^\| /, '').replace(/ \|$/, ''));
      const t = /^`([^`]+)` › `(.+)`$/.exec(test!);
      if (!t) throw new Error(`README index row for ${figure}: the test cell should read \`file\` › \`test name\`, not ${test}`);
      return { figure: figure!.replace(/`/g, ''), designRow: designRow!, code: code!, testFile: t[1]!, testName: t[2]! };
    });
}

/** A popup with every card: a conversation today, a schedule and a cost set. */
function fullPopup() {
  const now = new Date().setHours(18, 0, 0, 0);
  const t = (minutesAgo: number) => now - minutesAgo * 60_000;
  const records = [
    ...conversation([['customer', t(120)], ['me', t(100)], ['customer', t(90)], ['me', t(85), { status: 'resolved' }]]),
    ...conversation([['customer', t(45)]]),
  ];
  const settings = { ...DEFAULT_SETTINGS, agentName: 'Ana', schedule: officeHours(), cost: { hourly: 20, weeklyHours: 40 } };
  const data: PopupData = { state: 'ready', records, settings, total: records.length };
  const source: PopupSource = { subscribe: () => () => {}, getSnapshot: () => data, stop: () => {} };
  render(<PopupApp now={now} source={source} openUrl={vi.fn()} openSettings={vi.fn()} />);
}

describe('the metrics index (lib/metrics/README.md)', () => {
  const rows = readIndex();

  it('has a row for every figure the popup shows, the open-cases list included', async () => {
    fullPopup();
    await screen.findByRole('tabpanel');
    const shown = [...document.querySelectorAll('[data-figure]')].map((e) => e.getAttribute('data-figure')!);
    expect(shown).toContain('cost');
    expect(screen.getByRole('heading', { name: /Open cases/ })).toBeInTheDocument();
    const indexed = new Set(rows.map((r) => r.figure));
    expect([...shown, 'openCases'].filter((f) => !indexed.has(f))).toEqual([]);
  });

  it.each(readIndex().map((r) => [r.figure, r] as const))('%s: names code and a test that exist', (_figure, row) => {
    expect(row.designRow.trim()).not.toBe('');
    for (const [, file, fn] of row.code.matchAll(/`([\w-]+\.ts)`(?: `(\w+)`)?/g)) {
      const source = readFileSync(resolve(METRICS, file!), 'utf8');
      if (fn) expect(source, `${file} should define ${fn}`).toMatch(new RegExp(`\\b${fn}\\(`));
    }
    const test = readFileSync(resolve(TESTS, row.testFile), 'utf8');
    expect(test, `${row.testFile} should have the test "${row.testName}"`).toContain(row.testName);
  });
});
