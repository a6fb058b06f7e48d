import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../lib/db/database';
import { createRepository } from '../../lib/db/repository';
import { countOutbox, readOutbox } from '../../lib/db/sync-outbox';
import { foldSyncedLeaves, hasSyncedAgents } from '../../lib/db/sync-team';
import { clearTeam, createTeamDb, readTeam } from '../../lib/db/team';
import type { Observation } from '../../lib/schema/records';
import { countWaiting, runAgentSync } from '../../lib/sync/agent';
import { agentDbName, authHeader, type AgentSyncConfig, type LeadSyncConfig } from '../../lib/sync/config';
import { runLeadSync } from '../../lib/sync/lead';
import { openRemote } from '../../lib/sync/pouch';
import { memoryCheckpoints, memoryDb as openLocal } from './memory-pouch';
import { SyncError } from '../../lib/sync/server';
import { recordToDoc } from '../../lib/sync/docs';
import { record } from '../unit/sync/records';
import { planSetup, runSetup } from '../../lib/sync/setup';
import { ADMIN, startCouch, type CouchServer } from './couch-server';

let couch: CouchServer;
const uid = () => Math.random().toString(36).slice(2);
const NOW = Date.UTC(2026, 10, 20, 12, 0);

const customerPost = (id: string, over: Partial<Observation> = {}): Observation => ({
  platform: 'x',
  id,
  rootId: '100',
  inReplyTo: '100',
  author: 'dana',
  authorName: 'Dana',
  fromBrand: false,
  customer: 'dana',
  at: Date.UTC(2026, 10, 2, 10, 0),
  atPrecision: 'exact',
  text: 'my order never arrived',
  permalink: `https://x.com/dana/status/${id}`,
  ...over,
});

function agent(user: string, password = `${user}-pw`, shareTexts = false, net: typeof fetch = fetch) {
  const db = createDb(`agent-${user}-${uid()}`);
  const repo = createRepository(db);
  const local = openLocal(`outbox-${user}-${uid()}`);
  const config: AgentSyncConfig = { server: couch.url, credentials: { kind: 'password', user, password }, shareTexts };
  const deps = {
    local,
    openRemote: (url: string) => openRemote(url, config.credentials),
    readOutbox: (after: { updatedAt: number; key: string }, limit: number) => readOutbox(db, after, limit),
    countOutbox: (after: { updatedAt: number; key: string }) => countOutbox(db, after),
    fetch,
  };
  return {
    repo,
    config,
    sync: (c: AgentSyncConfig = config) => runAgentSync(c, { ...deps, fetch: net, openRemote: (url: string) => openRemote(url, c.credentials, net) }),
    waiting: () => countWaiting(config, deps),
    tag: (o: Observation, patch: Parameters<typeof repo.tag>[1], now: number) => repo.tag(o, patch, { now, agentName: user }),
  };
}

function lead(agents: string[], net: typeof fetch = fetch, pageSize?: number) {
  const teamDb = createTeamDb(`team-${uid()}`);
  const checkpoints = memoryCheckpoints();
  const config: LeadSyncConfig = { server: couch.url, credentials: { kind: 'password', user: 'lea', password: 'lea-pw' }, agents };
  return {
    teamDb,
    sync: () =>
      runLeadSync(config, {
        fetch: net,
        checkpoints,
        fold: (leaves, list) => foldSyncedLeaves(teamDb, leaves, list, NOW),
        now: () => NOW,
        stillFolded: () => hasSyncedAgents(teamDb),
        pageSize,
      }),
  };
}

async function setUpServer() {
  await runSetup(fetch, couch.url, ADMIN, planSetup({ lead: { user: 'lea', password: 'lea-pw' }, agents: [{ user: 'ana', password: 'ana-pw' }, { user: 'bob', password: 'bob-pw' }] }));
}

beforeAll(async () => {
  couch = await startCouch();
  await setUpServer();
});
afterAll(async () => {
  await (couch as unknown as { [Symbol.asyncDispose]: () => Promise<void> })[Symbol.asyncDispose]();
});

describe('team sync against a CouchDB-protocol server on loopback', () => {
  it('brings two agents who tagged one message differently into the report as one record and a disagreement', async () => {
    const ana = agent('ana');
    const bob = agent('bob');
    await ana.tag(customerPost('201'), { queryType: 'complaint', sentiment: 'negative' }, Date.UTC(2026, 10, 2, 11));
    await bob.tag(customerPost('201'), { queryType: 'technical_question', sentiment: 'negative' }, Date.UTC(2026, 10, 2, 12));
    expect(await ana.sync()).toMatchObject({ pushed: 1, waiting: 0 });
    expect(await bob.sync()).toMatchObject({ pushed: 1, waiting: 0 });

    const l = lead(['ana', 'bob']);
    const result = await l.sync();
    expect(result.invalid).toEqual([]);
    const team = await readTeam(l.teamDb);
    const row = team.records.find((r) => r.key === 'x:201')!;
    // Bob tagged last: his tags are kept, Ana's differing query type is the disagreement.
    expect(row).toMatchObject({ queryType: 'technical_question', tagBy: 'bob', text: '' });
    expect(team.disagreements).toEqual([
      expect.objectContaining({ key: 'x:201', field: 'queryType', kept: expect.objectContaining({ agent: 'bob' }), other: expect.objectContaining({ agent: 'ana', value: 'complaint' }) }),
    ]);
    expect(team.files.map((f) => f.agent).sort()).toEqual(['ana', 'bob']);

    // Syncing again changes nothing.
    await ana.sync();
    await l.sync();
    expect((await readTeam(l.teamDb)).disagreements).toHaveLength(1);

    // The lead clears the team data: the next pull brings everything back.
    await clearTeam(l.teamDb);
    await l.sync();
    const again = await readTeam(l.teamDb);
    expect(again.records.map((r) => r.key)).toContain('x:201');
    expect(again.disagreements).toHaveLength(1);
  });

  it('refuses an agent who writes into another agent\u2019s database, and a document naming someone else', async () => {
    const ana = { kind: 'password' as const, user: 'ana', password: 'ana-pw' };
    const put = (db: string, doc: object) =>
      fetch(`${couch.url}/${db}/x:999`, { method: 'PUT', headers: { Authorization: authHeader(ana), 'Content-Type': 'application/json' }, body: JSON.stringify(doc) });
    const doc = { type: 'threadmark-message', v: 1, owner: 'ana', record: {} };
    expect((await put(agentDbName('bob'), doc)).status).toBe(401);
    expect((await put(agentDbName('ana'), { ...doc, owner: 'bob' })).status).toBe(403);
    // Nor can she read Bob's records.
    const read = await fetch(`${couch.url}/${agentDbName('bob')}/_all_docs`, { headers: { Authorization: authHeader(ana) } });
    expect(read.status).toBe(401);
  });

  it('says the credentials are wrong and keeps every record waiting', async () => {
    const ana = agent('ana', 'not-her-password');
    await ana.tag(customerPost('301'), { queryType: 'feedback' }, Date.UTC(2026, 10, 3));
    await expect(ana.sync()).rejects.toMatchObject({ kind: 'credentials' });
    expect(await ana.waiting()).toBe(1);
    // With the right password the same record goes.
    expect(await ana.sync({ ...ana.config, credentials: { kind: 'password', user: 'ana', password: 'ana-pw' } })).toMatchObject({ pushed: 1 });
  });

  it('survives the server going away mid-replication: a clear error, then it resumes where it stopped', async () => {
    const ana = agent('ana');
    const posts = Array.from({ length: 600 }, (_, i) => customerPost(String(5000 + i)));
    await ana.repo.observe(posts, { now: Date.UTC(2026, 10, 4), agentName: 'ana' });
    // The outcome is taken at once: the push may fail while the server is still stopping.
    const outcome = ana.sync().then(
      () => null,
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 150));
    await couch.stop();
    const error = await outcome;
    // Either the push was cut short, or it finished just before the server stopped.
    if (error) expect(error).toBeInstanceOf(SyncError);
    await expect(ana.sync()).rejects.toMatchObject({ kind: 'unreachable' });

    // The server comes back (empty: in memory); set up again, the agent re-sends.
    await couch.start();
    await setUpServer();
    const done = await ana.sync();
    expect(done.waiting).toBe(0);
    const l = lead(['ana']);
    await l.sync();
    expect((await readTeam(l.teamDb)).records.filter((r) => r.key.startsWith('x:5'))).toHaveLength(600);
  });

  it('resumes a push cut off mid-way from its checkpoint, sending only what had not arrived', async () => {
    let bulkWrites = 0;
    let outage = false;
    // The network to the server drops after the first batch of documents arrived.
    const net = (async (input: string | URL | Request, init?: RequestInit) => {
      if (outage) throw new TypeError('fetch failed');
      const res = await fetch(input, init);
      if (String(input instanceof Request ? input.url : input).includes('/_bulk_docs') && ++bulkWrites === 1) outage = true;
      return res;
    }) as typeof fetch;
    const ana = agent('ana', 'ana-pw', false, net);
    await ana.repo.observe(
      Array.from({ length: 500 }, (_, i) => customerPost(String(7000 + i))),
      { now: Date.UTC(2026, 10, 5), agentName: 'ana' },
    );
    await expect(ana.sync()).rejects.toMatchObject({ kind: 'unreachable' });
    expect(await ana.waiting()).toBeGreaterThan(0);

    outage = false;
    const resumed = await ana.sync();
    // 200 documents per batch: the first batch is not sent again.
    expect(resumed.pushed).toBe(300);
    expect(resumed.waiting).toBe(0);
  });

  it('serves documents seeded in the server process (as the bench does) through HTTP with the same rules', async () => {
    const doc = { ...recordToDoc(record({ queryType: 'complaint' }, undefined, '90001'), { owner: 'bob', shareTexts: false }), _rev: `1-${'a'.repeat(32)}` };
    expect(await couch.seed(agentDbName('bob'), [doc])).toBe(1);
    const as = (user: string) => ({ Authorization: authHeader({ kind: 'password', user, password: `${user}-pw` }) });
    const own = await fetch(`${couch.url}/${agentDbName('bob')}/x:90001`, { headers: as('bob') });
    expect(await own.json()).toMatchObject({ _rev: doc._rev, owner: 'bob', record: { queryType: 'complaint' } });
    expect((await fetch(`${couch.url}/${agentDbName('bob')}/x:90001`, { headers: as('ana') })).status).toBe(401);

    const l = lead(['bob']);
    expect((await l.sync()).invalid).toEqual([]);
    expect((await readTeam(l.teamDb)).records.find((r) => r.key === 'x:90001')).toMatchObject({ queryType: 'complaint' });
  });

  it('keeps a document that fails validation out of the report and names it', async () => {
    // An administrator (or a broken client) put a record with an unknown query type into Ana's database.
    const bad = { type: 'threadmark-message', v: 1, owner: 'ana', record: { key: 'x:666', queryType: 'spam' } };
    const res = await fetch(`${couch.url}/${agentDbName('ana')}/x:666`, {
      method: 'PUT',
      headers: { Authorization: authHeader({ kind: 'password', ...ADMIN }), 'Content-Type': 'application/json' },
      body: JSON.stringify(bad),
    });
    expect(res.status).toBe(201);
    const ana = agent('ana');
    await ana.tag(customerPost('667'), { queryType: 'feedback' }, Date.UTC(2026, 10, 6));
    await ana.sync();

    const l = lead(['ana']);
    const result = await l.sync();
    expect(result.invalid).toEqual([expect.objectContaining({ id: 'x:666', db: agentDbName('ana'), field: expect.stringMatching(/^record\./) })]);
    const keys = (await readTeam(l.teamDb)).records.map((r) => r.key);
    expect(keys).toContain('x:667');
    expect(keys).not.toContain('x:666');
  });

  it('puts nothing in the report when one agent\u2019s database cannot be pulled, and everything once it can', async () => {
    const bob = agent('bob');
    await bob.tag(customerPost('801'), { queryType: 'other' }, Date.UTC(2026, 10, 7));
    await bob.sync();
    let down = true;
    const net = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (down && url.includes(agentDbName('bob'))) return new Response('<html>502 Bad Gateway</html>', { status: 502 });
      return fetch(input, init);
    }) as typeof fetch;
    const l = lead(['ana', 'bob'], net);
    await expect(l.sync()).rejects.toMatchObject({ kind: 'server' });
    expect((await readTeam(l.teamDb)).records).toEqual([]);

    down = false;
    await l.sync();
    const keys = (await readTeam(l.teamDb)).records.map((r) => r.key);
    // Both agents' records (the server was restarted empty by an earlier test: Ana's x:667 is from after it).
    expect(keys).toEqual(expect.arrayContaining(['x:801', 'x:667']));
  });

  it('resumes a pull cut off mid-way from its checkpoint: whole records only, the rest fetched once', async () => {
    const cara = agent('ana');
    await cara.repo.observe(
      Array.from({ length: 250 }, (_, i) => customerPost(String(9000 + i))),
      { now: Date.UTC(2026, 10, 8), agentName: 'ana' },
    );
    await cara.sync();
    let pages = 0;
    let outage = false;
    // The network drops after the second page of the feed has arrived.
    const net = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (outage) throw new TypeError('fetch failed');
      const res = await fetch(input, init);
      if (url.includes('/_changes') && ++pages === 2) outage = true;
      return res;
    }) as typeof fetch;
    const l = lead(['ana'], net, 100);
    await expect(l.sync()).rejects.toMatchObject({ kind: 'unreachable' });
    const partway = (await readTeam(l.teamDb)).records;
    // The two pages of 100 that arrived are folded (less the design document), each record
    // whole (one fold transaction a page), and nothing of the third.
    expect(partway.length).toBeGreaterThan(100);
    expect(partway.length).toBeLessThanOrEqual(200);
    expect(partway.every((r) => r.platform === 'x' && r.text === '' && typeof r.at === 'number')).toBe(true);

    outage = false;
    const resumed = await l.sync();
    const all = (await readTeam(l.teamDb)).records.filter((r) => r.key.startsWith('x:9'));
    expect(all).toHaveLength(250);
    // Only what had not arrived is read again (the pages before the cut are not).
    const total = (await fetch(`${couch.url}/${agentDbName('ana')}`, { headers: { Authorization: authHeader({ kind: 'password', ...ADMIN }) } }).then((r) => r.json())) as { doc_count: number };
    expect(resumed.pulled).toBeLessThanOrEqual(total.doc_count - 200);
  });

  it('folds every leaf of a document the server kept in conflict, not only CouchDB\u2019s winner', async () => {
    // One agent's database with two leaf revisions of x:950 (e.g. her outbox rebuilt after a
    // reinstall): CouchDB's winner is the higher revision hash, here her EARLIER tag.
    const later = recordToDoc(record({ queryType: 'feedback' }, Date.UTC(2026, 10, 9, 12), '950'), { owner: 'ana', shareTexts: false });
    const earlier = recordToDoc(record({ queryType: 'complaint' }, Date.UTC(2026, 10, 9, 9), '950'), { owner: 'ana', shareTexts: false });
    const res = await fetch(`${couch.url}/${agentDbName('ana')}/_bulk_docs`, {
      method: 'POST',
      headers: { Authorization: authHeader({ kind: 'password', ...ADMIN }), 'Content-Type': 'application/json' },
      body: JSON.stringify({ new_edits: false, docs: [{ ...later, _rev: `1-${'a'.repeat(32)}` }, { ...earlier, _rev: `1-${'f'.repeat(32)}` }] }),
    });
    expect(res.status).toBe(201);
    const l = lead(['ana']);
    await l.sync();
    // The file merge rules decide (the later tag wins), whichever revision CouchDB calls the winner.
    expect((await readTeam(l.teamDb)).records.find((r) => r.key === 'x:950')).toMatchObject({ queryType: 'feedback', tagBy: 'ana' });
  });
});
