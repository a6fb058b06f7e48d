#!/usr/bin/env node
// Makes sure the browsers `npm start` / `npm test` drive are installed: Debian's chromium
// (and firefox-esr, and LibreOffice's soffice for the CSV check, for the tests). On Debian/Ubuntu they are installed with apt-get (as
// root, or through passwordless sudo); elsewhere, it says what to install or which
// variable to set (THREADMARK_CHROMIUM, THREADMARK_FIREFOX). Usage:
//   node scripts/ensure-browsers.mjs chromium [firefox-esr] [soffice]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const wanted = process.argv.slice(2);
const known = {
  chromium: { env: 'THREADMARK_CHROMIUM', bin: '/usr/bin/chromium', pkgs: ['chromium'] },
  'firefox-esr': { env: 'THREADMARK_FIREFOX', bin: '/usr/bin/firefox-esr', pkgs: ['firefox-esr'] },
  // The report's CSV e2e opens the files in LibreOffice headless, as a lead would in Calc.
  soffice: { env: 'THREADMARK_SOFFICE', bin: '/usr/bin/soffice', pkgs: ['libreoffice-calc-nogui'] },
};
const missing = wanted.filter((name) => {
  const k = known[name];
  if (!k) throw new Error(`unknown browser ${name}`);
  return !existsSync(process.env[k.env] ?? k.bin);
});
if (!missing.length) process.exit(0);

const pkgs = missing.flatMap((m) => known[m].pkgs);
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
const isRoot = process.getuid?.() === 0;
const canSudo = !isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
if (!hasApt || (!isRoot && !canSudo)) {
  console.error(
    `Threadmark needs ${missing.join(' and ')} to run here.\n` +
      (hasApt ? `Install it with: sudo apt-get install -y ${pkgs.join(' ')}\n` : '') +
      `Or point ${missing.map((m) => known[m].env).join(' / ')} at an installed Chromium / Firefox ESR binary.`,
  );
  process.exit(1);
}
const run = (args) => {
  const cmd = isRoot ? args : ['sudo', '-n', ...args];
  console.log(`[setup] ${cmd.join(' ')}`);
  const r = spawnSync(cmd[0], cmd.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(['apt-get', 'update']);
run(['apt-get', 'install', '-y', ...pkgs]);
