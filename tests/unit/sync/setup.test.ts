import { describe, expect, it } from 'vitest';
import { planSetup, runSetup, setupAsCurl } from '../../../lib/sync/setup';

const input = { lead: { user: 'lea', password: 'lea-pw' }, agents: [{ user: 'ana', password: 'ana-pw' }, { user: 'bob', password: '' }] };

describe('the one-time server setup', () => {
  it('makes a database per agent that only the agent and the lead role can open', () => {
    const plan = planSetup(input);
    expect(plan.map((s) => s.path)).toEqual([
      '/_users',
      '/_users/org.couchdb.user:lea',
      '/_users/org.couchdb.user:ana',
      '/threadmark-agent-ana',
      '/threadmark-agent-ana/_security',
      '/threadmark-agent-ana/_design/threadmark',
      // Bob exists already (no password typed): his user is left alone.
      '/threadmark-agent-bob',
      '/threadmark-agent-bob/_security',
      '/threadmark-agent-bob/_design/threadmark',
    ]);
    expect(plan[4]!.body).toEqual({ admins: { names: [], roles: [] }, members: { names: ['ana'], roles: ['threadmark-lead'] } });
  });

  it('prints curl commands that ask for the admin password instead of showing it', () => {
    const curl = setupAsCurl('https://couch.example.org', 'admin', planSetup(input));
    expect(curl.split('\n')).toHaveLength(9);
    expect(curl).toContain("curl -sS -u 'admin' -X PUT 'https://couch.example.org/threadmark-agent-ana/_security'");
    expect(curl).not.toMatch(/-u 'admin:/);
  });

  it('stops at the first refused step and says which', async () => {
    const f = (async (url: string | URL | Request) =>
      String(url).endsWith('/') ? new Response('{"couchdb":"Welcome","version":"3.3.3"}') : new Response('{"error":"unauthorized"}', { status: 401 })) as typeof fetch;
    await expect(runSetup(f, 'https://couch.example.org', { user: 'admin', password: 'wrong' }, planSetup(input))).rejects.toMatchObject({
      kind: 'credentials',
      detail: expect.stringContaining('/_users'),
    });
  });
});
