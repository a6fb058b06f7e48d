/**
 * A/B of content-script builds in one run (same machine load for all): X's recycled list
 * (or `--kept`) loaded with each unpacked build, with Control Panel for Twitter if asked, and
 * with no extension, in turns. Prints each build's added main-thread time against the runs
 * without any extension.
 *
 *   npx tsx bench/content-ab.ts [--rounds=3] [--kept] [--peer] name=dir [name=dir …]
 *
 * e.g. `before=/tmp/main-build after=.output/chrome-mv3`. Not a section of `npm run bench`.
 */
import { compareBuilds, PEER_DIR, type BuildUnderTest } from './content';

const args = process.argv.slice(2);
const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 3);
const keep = args.includes('--kept') ? null : 60;
const builds: BuildUnderTest[] = args.filter((a) => !a.startsWith('--')).map((a) => ({ name: a.split('=')[0]!, dir: a.split('=').slice(1).join('=') }));
if (args.includes('--peer')) builds.push({ name: 'Control Panel for Twitter', dir: PEER_DIR });
builds.push({ name: 'neither', dir: null });

const { sides, baseline } = await compareBuilds(builds, rounds, console.log, keep);
console.log(`\nneither: ${baseline.taskMs.toFixed(0)} ms main-thread time (median of ${rounds}), ${baseline.longTasks} long tasks, heap ${baseline.heapMB.toFixed(1)} MB`);
console.table(
  sides.map((s) => ({
    build: s.name,
    'task ms': +s.taskMs.toFixed(0),
    'added %': +s.addedTaskPct.toFixed(1),
    'ms/post': +s.perPostMs.toFixed(2),
    'script ms/post': +(s.addedScriptMs / 1000).toFixed(3),
    'long tasks': s.extensionLongTasks,
    'heap MB': +s.addedHeapMB.toFixed(2),
  })),
);
