#!/usr/bin/env node
// `npm test`: the whole pipeline, in order, stopping at the first failing step with its
// exit code. Always ends with one plain line `N passed, N failed`: the test counts of every
// vitest run that happened (read from vitest's JSON reporter; a test file that failed to load
// counts as one failed test).
//
//   1. type check                 npm run compile   (tsc --noEmit)
//   2. unit + component tests     vitest run
//   2b. integration tests         vitest run --config vitest.integration.config.ts
//                                 (team sync against pouchdb-server on 127.0.0.1)
//   3. production builds          wxt build, wxt build -b firefox
//   4. real-browser tests         vitest run --config vitest.e2e.config.ts
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const reportDir = mkdtempSync(path.join(tmpdir(), 'threadmark-test-'));
const totals = { passed: 0, failed: 0 };

const vitest = (label, extraArgs) => {
  const report = path.join(reportDir, `${label}.json`);
  return {
    label,
    cmd: bin('vitest'),
    args: ['run', ...extraArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    report,
  };
};

const steps = [
  { label: 'type check', cmd: bin('tsc'), args: ['--noEmit'] },
  vitest('unit', []),
  vitest('integration', ['--config', 'vitest.integration.config.ts']),
  { label: 'build chrome', cmd: bin('wxt'), args: ['build'] },
  { label: 'build firefox', cmd: bin('wxt'), args: ['build', '-b', 'firefox'] },
  { label: 'build chrome e2e-sync', cmd: bin('wxt'), args: ['build', '--mode', 'e2e-sync'] }, // test-only: loopback host permission (tests/e2e/team-sync-agents)
  vitest('e2e', ['--config', 'vitest.e2e.config.ts']),
];

function run({ cmd, args }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', (err) => {
      console.error(`could not start ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? 128 + (constants.signals[signal] ?? 0)));
  });
}

function addCounts(step) {
  if (!step.report) return;
  if (!existsSync(step.report)) {
    console.error(`[test-all] ${step.label}: vitest wrote no JSON report; its tests are not counted.`);
    return;
  }
  try {
    const json = JSON.parse(readFileSync(step.report, 'utf8'));
    totals.passed += json.numPassedTests ?? 0;
    totals.failed += json.numFailedTests ?? 0;
    // A test file that failed without any failed test (it did not even load) counts as one
    // failure, so the summary never says "0 failed" for a run that failed.
    for (const file of json.testResults ?? []) {
      const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed').length;
      if (file.status === 'failed' && failedTests === 0) totals.failed += 1;
    }
  } catch (err) {
    console.error(`[test-all] ${step.label}: unreadable JSON report (${err.message}).`);
  }
}

let exitCode = 0;
for (const step of steps) {
  const started = Date.now();
  console.log(`\n[test-all] ${step.label}: ${path.basename(step.cmd)} ${step.args.filter((a) => !a.startsWith('--outputFile')).join(' ')}`);
  const code = await run(step);
  addCounts(step);
  console.log(`[test-all] ${step.label}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (code !== 0) {
    exitCode = code;
    break;
  }
}

rmSync(reportDir, { recursive: true, force: true });
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(exitCode);
