import { describe, expect, it } from 'vitest';
import type { Leaf } from '../../../lib/sync/conflicts';
import { agentDbName } from '../../../lib/sync/config';
import { recordToDoc } from '../../../lib/sync/docs';
import { runLeadSync } from '../../../lib/sync/lead';
import { record } from './records';

const SERVER = 'https://couch.example.org';
const NOW = Date.UTC(2026, 10, 20);

/**
 * A CouchDB stand-in: each agent's `_changes` feed served in pages of `limit` from a list
 * of documents, every request logged in order with what the pull folded meanwhile.
 */
function teamServer(docsByAgent: Record<string, unknown[]>) {
  const log: string[] = [];
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  const f = (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    if (url.pathname === '/') return json({ couchdb: 'Welcome', version: '3.3.3' });
    if (url.pathname === '/_session') return json({ ok: true, userCtx: { name: 'lead', roles: ['threadmark-lead'] } });
    const [db, what] = decodeURIComponent(url.pathname.slice(1)).split('/');
    const user = Object.keys(docsByAgent).find((u) => agentDbName(u) === db);
    if (!user) return new Response('{"error":"not_found"}', { status: 404 });
    if (!what) return json({ db_name: db });
    const since = Number(url.searchParams.get('since'));
    const limit = Number(url.searchParams.get('limit'));
    log.push(`changes ${user} since ${since}`);
    const docs = docsByAgent[user]!.slice(since, since + limit);
    return json({ results: docs.map((doc, k) => ({ id: (doc as { _id: string })._id, seq: since + k + 1, changes: [], doc })), last_seq: since + docs.length });
  }) as typeof fetch;
  return { f, log };
}

const docsOf = (owner: string, ids: string[]) => ids.map((id) => ({ ...recordToDoc(record(undefined, undefined, id), { owner, shareTexts: false }), _rev: `1-${id}` }));

function pull(server: ReturnType<typeof teamServer>, agents: string[], pageSize: number) {
  const folded: string[][] = [];
  const result = runLeadSync(
    { server: SERVER, credentials: { kind: 'password', user: 'lead', password: 'pw' }, agents },
    {
      fetch: server.f,
      checkpoints: { load: async () => ({}), save: async () => {}, reset: async () => {} },
      fold: async (leaves: Map<string, Leaf[]>) => {
        if (!leaves.size) return;
        server.log.push(`fold ${[...leaves.values()].map((l) => l[0]!.owner)[0]} ${[...leaves.keys()].join(',')}`);
        folded.push([...leaves.keys()]);
      },
      now: () => NOW,
      pageSize,
    },
  );
  return { result, folded };
}

describe('the lead’s pull of the agents’ databases', () => {
  it('asks for the next agent’s first page while the last page of the agent before is folded', async () => {
    const server = teamServer({ ana: docsOf('ana', ['101', '102', '103']), bob: docsOf('bob', ['201', '202']) });
    const { result } = pull(server, ['ana', 'bob'], 2);
    await expect(result).resolves.toMatchObject({ pulled: 5, folded: 5, invalid: [] });
    expect(server.log).toEqual([
      'changes ana since 0',
      'changes ana since 2',
      'fold ana x:101,x:102',
      'changes bob since 0',
      'fold ana x:103',
      'changes bob since 2',
      'fold bob x:201,x:202',
    ]);
  });

  it.each([
    ['one page per agent', 10],
    ['pages smaller than an agent’s documents', 2],
    ['one document a page', 1],
  ])('folds every agent’s documents exactly once with %s', async (_, pageSize) => {
    const server = teamServer({ ana: docsOf('ana', ['101', '102', '103']), bob: docsOf('bob', ['201', '202']), cy: [] });
    const { result, folded } = pull(server, ['ana', 'bob', 'cy'], pageSize);
    await expect(result).resolves.toMatchObject({ pulled: 5, folded: 5 });
    expect(folded.flat().sort()).toEqual(['x:101', 'x:102', 'x:103', 'x:201', 'x:202']);
  });
});
