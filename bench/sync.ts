/**
 * `npm run bench -- --only=sync`: team sync on loopback (pouchdb-server, in memory by default).
 *
 *   - a lead pulls N agents × D days (≈100 messages an agent a day) from the server into
 *     the report's team store: the whole first pull, timed (replication and fold apart);
 *   - an agent's daily sync: with the history already on the server, one more day of
 *     records (100) goes up: time, requests and bytes sent.
 *
 * The issue's size is 50 agents × 2 years (≈3.65 M documents):
 *
 *   SYNC_STORAGE=disk SYNC_AGENTS=50 SYNC_DAYS=730 node --max-old-space-size=14000 --import tsx bench/run.ts --only=sync
 *
 * (about 30 minutes on a shared 2-core machine; in memory the server would need ~16 GB, so
 * `disk` gives it pouchdb-server's LevelDB files in a scratch directory). The default is
 * 10 agents × 90 days so the section runs in a minute, and the figures say which size they
 * are. SYNC_SERVER_NODE_ARGS: Node flags for the server process (e.g. `--cpu-prof`);
 * SYNC_PAGE: documents per `_changes` page (default lib/sync/lead PULL_PAGE).
 */
import '../tests/integration/setup';
import { createHash } from 'node:crypto';
import { createDb } from '../lib/db/database';
import { countOutbox, readOutbox } from '../lib/db/sync-outbox';
import { foldSyncedLeaves } from '../lib/db/sync-team';
import { createTeamDb } from '../lib/db/team';
import { runAgentSync } from '../lib/sync/agent';
import { agentDbName, type AgentSyncConfig } from '../lib/sync/config';
import { recordToDoc } from '../lib/sync/docs';
import { runLeadSync } from '../lib/sync/lead';
import { openRemote } from '../lib/sync/pouch';
import { planSetup, runSetup } from '../lib/sync/setup';
import { ADMIN, startCouch } from '../tests/integration/couch-server';
import { memoryCheckpoints, memoryDb } from '../tests/integration/memory-pouch';
import { DAY_MS, generateMessages, toRecord } from './data';
import type { BenchOptions, BenchResult, Figure } from './report';

const END = Date.UTC(2026, 10, 1);
const SEED_BATCH = 5000;
const PROGRESS_EVERY = 250_000;
const mb = (bytes: number) => Math.round(bytes / 1048576);

/** The revision an agent's push gives a new document: generation 1 and a hash of its content. */
function withRev<T extends { _id: string }>(doc: T): T & { _rev: string } {
  return { ...doc, _rev: `1-${createHash('md5').update(JSON.stringify(doc)).digest('hex')}` };
}

export async function syncBench(o: BenchOptions): Promise<BenchResult> {
  const agents = o.quick ? 2 : Number(process.env.SYNC_AGENTS ?? 10);
  const days = o.quick ? 7 : Number(process.env.SYNC_DAYS ?? 90);
  const users = Array.from({ length: agents }, (_, i) => `agent${i + 1}`);
  // Millions of documents need more than V8's default heap in memory (~4 kB each in the
  // server): SYNC_STORAGE=disk keeps them in pouchdb-server's LevelDB files instead.
  const onDisk = process.env.SYNC_STORAGE === 'disk';
  const nodeArgs = process.env.SYNC_SERVER_NODE_ARGS?.split(' ').filter(Boolean);
  const couch = await startCouch({ maxHeapMb: 16_384, onDisk, nodeArgs });
  const storage = onDisk ? 'pouchdb-server with LevelDB files' : 'pouchdb-server in memory';
  const figures: Figure[] = [];
  try {
    await runSetup(fetch, couch.url, ADMIN, planSetup({ lead: { user: 'lead', password: 'lead-pw' }, agents: users.map((user) => ({ user, password: `${user}-pw` })) }));
    // Seed each agent's database as the agents' pushes would have left it (documents with
    // their revision, `new_edits: false`), written in the server process directly: through
    // HTTP `_bulk_docs` pouchdb-server stored only ~1,100 documents a second. The next
    // batch is built here while the server writes the last one.
    let docs = 0;
    let seedMs = 0;
    for (const [i, user] of users.entries()) {
      const s0 = performance.now();
      const records = generateMessages({ messages: days * 100, seed: 100 + i, agents: [user], end: END, spanDays: days }).map(toRecord);
      let writing: Promise<number> = Promise.resolve(0);
      for (let k = 0; k < records.length; k += SEED_BATCH) {
        const batch = records.slice(k, k + SEED_BATCH).map((r) => withRev(recordToDoc(r, { owner: user, shareTexts: false })));
        await writing;
        writing = couch.seed(agentDbName(user), batch);
      }
      await writing;
      seedMs += performance.now() - s0;
      docs += records.length;
      if ((i + 1) % 10 === 0 && i + 1 < users.length) o.log(`    seeded ${i + 1} agents, ${docs} documents, ${Math.round(seedMs / 1000)} s`);
    }
    const seeded = await couch.memory();
    o.log(`  seeded ${agents} agents × ${days} days: ${docs} documents in ${Math.round(seedMs / 1000)} s (${Math.round(docs / (seedMs / 1000))}/s), server heap ${mb(seeded.heapUsed)} MB`);

    // The lead's first pull.
    const teamDb = createTeamDb(`bench-team-${Date.now()}`);
    const credentials = { kind: 'password' as const, user: 'lead', password: 'lead-pw' };
    let foldMs = 0;
    let foldedSoFar = 0;
    const serverCpu0 = (await couch.memory()).cpuMs;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const pulled = await runLeadSync(
      { server: couch.url, credentials, agents: users },
      {
        fetch,
        checkpoints: memoryCheckpoints(),
        fold: async (leaves, list) => {
          const f0 = performance.now();
          await foldSyncedLeaves(teamDb, leaves, list, END);
          foldMs += performance.now() - f0;
          // A long run says how far it got (a run stopped early still tells its rate).
          const before = foldedSoFar;
          foldedSoFar += leaves.size;
          if (Math.floor(foldedSoFar / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY)) {
            o.log(`    ${foldedSoFar} folded after ${Math.round((performance.now() - t0) / 1000)} s (fold ${Math.round(foldMs / 1000)} s), RSS ${mb(process.memoryUsage().rss)} MB`);
          }
        },
        now: () => Date.now(),
        pageSize: process.env.SYNC_PAGE ? Number(process.env.SYNC_PAGE) : undefined,
      },
    );
    const totalMs = performance.now() - t0;
    if (pulled.invalid.length) throw new Error(`${pulled.invalid.length} documents refused, e.g. ${JSON.stringify(pulled.invalid[0])}`);
    const size = `${agents} agents × ${days} days (${docs} docs)`;
    const cpu = process.cpuUsage(cpu0);
    const leadCpuMs = (cpu.user + cpu.system) / 1000;
    const server = await couch.memory();
    const serverCpuMs = server.cpuMs - serverCpu0;
    const peakRss = process.resourceUsage().maxRSS * 1024;
    figures.push(
      { section: 'sync', name: `seed the server, ${size}`, value: Math.round(seedMs), unit: 'ms', note: `${Math.round(docs / (seedMs / 1000))} docs/s, in the server process (new_edits: false), not through HTTP` },
      { section: 'sync', name: `lead's first pull, ${size}: total`, value: Math.round(totalMs), unit: 'ms', note: `Node, ${storage} on loopback, team store in fake-indexeddb` },
      { section: 'sync', name: `lead's first pull, ${size}: fetch and check (total minus fold)`, value: Math.round(totalMs - foldMs), unit: 'ms' },
      { section: 'sync', name: `lead's first pull, ${size}: fold into the team store`, value: Math.round(foldMs), unit: 'ms' },
      { section: 'sync', name: `lead's first pull, ${size}: documents per second`, value: Math.round(docs / (totalMs / 1000)), unit: 'msg/s' },
      // On a shared machine wall time drifts with the load; CPU time says which side bounds the pull.
      { section: 'sync', name: `lead's first pull, ${size}: CPU time of the lead's process`, value: Math.round(leadCpuMs), unit: 'ms' },
      { section: 'sync', name: `lead's first pull, ${size}: CPU time of the server process`, value: Math.round(serverCpuMs), unit: 'ms' },
      { section: 'sync', name: `lead's first pull, ${size}: peak memory of the bench process (lead + team store)`, value: mb(peakRss), unit: 'MB' },
      { section: 'sync', name: `lead's first pull, ${size}: peak memory of the server process`, value: mb(server.maxRss), unit: 'MB' },
    );
    const s = (ms: number) => (ms / 1000).toFixed(1);
    o.log(`  pulled ${pulled.pulled} in ${s(totalMs)} s (fold ${s(foldMs)} s; CPU lead ${s(leadCpuMs)} s, server ${s(serverCpuMs)} s), peak RSS bench ${mb(peakRss)} MB, server ${mb(server.maxRss)} MB`);
    const issueSize = 50 * 730 * 100;
    if (docs < issueSize) {
      figures.push({
        section: 'sync',
        name: `lead's first pull, 50 agents × 730 days (${issueSize} docs): EXTRAPOLATED`,
        value: Math.round((issueSize / docs) * totalMs),
        unit: 'ms',
        note: `not measured: linear from the ${size} rate (the pull reads fixed pages, so its cost per document does not grow with the total)`,
      });
    }

    // One agent's daily sync after the history is up.
    const user = users[0]!;
    const db = createDb(`bench-agent-${Date.now()}`);
    const history = generateMessages({ messages: days * 100, seed: 100, agents: [user], end: END, spanDays: days }).map(toRecord);
    await db.messages.bulkPut(history);
    const config: AgentSyncConfig = { server: couch.url, credentials: { kind: 'password', user, password: `${user}-pw` }, shareTexts: false };
    let requests = 0;
    let bytesUp = 0;
    const counting = (async (input: string | URL | Request, init?: RequestInit) => {
      requests++;
      if (typeof init?.body === 'string') bytesUp += init.body.length;
      return fetch(input, init);
    }) as typeof fetch;
    const deps = {
      local: memoryDb(`bench-outbox-${Date.now()}`),
      openRemote: (url: string) => openRemote(url, config.credentials, counting),
      readOutbox: (after: { updatedAt: number; key: string }, limit: number) => readOutbox(db, after, limit),
      countOutbox: (after: { updatedAt: number; key: string }) => countOutbox(db, after),
      fetch: counting,
    };
    const f0 = performance.now();
    await runAgentSync(config, deps);
    const firstMs = performance.now() - f0;
    const day = generateMessages({ messages: 100, seed: 999, agents: [user], end: END + DAY_MS, spanDays: 1 })
      .map(toRecord)
      // Written after everything already synced (the generator's last threads run past END).
      .map((r, i) => ({ ...r, updatedAt: history.reduce((m, h) => Math.max(m, h.updatedAt), 0) + 1 + i }));
    await db.messages.bulkPut(day);
    requests = 0;
    bytesUp = 0;
    const d0 = performance.now();
    const daily = await runAgentSync(config, deps);
    const dailyMs = performance.now() - d0;
    figures.push(
      { section: 'sync', name: `agent's first sync of ${days} days (${history.length} records)`, value: Math.round(firstMs), unit: 'ms' },
      { section: 'sync', name: `agent's daily sync (${daily.pushed} records): time`, value: Math.round(dailyMs), unit: 'ms' },
      { section: 'sync', name: `agent's daily sync: requests`, value: requests, unit: 'count' },
      { section: 'sync', name: `agent's daily sync: sent`, value: Math.round(bytesUp / 1024), unit: 'kB', note: 'request bodies; texts stripped' },
    );
    return { figures, details: { agents, days, docs, pulled, firstMs, dailyMs, requests, bytesUp } };
  } finally {
    await (couch as unknown as { [Symbol.asyncDispose]: () => Promise<void> })[Symbol.asyncDispose]();
  }
}
