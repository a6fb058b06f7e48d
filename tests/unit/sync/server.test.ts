import { describe, expect, it } from 'vitest';
import { retryDelay, RETRY_MAX_MS } from '../../../lib/sync/backoff';
import { checkCredentials, checkServer, toSyncError } from '../../../lib/sync/server';
import { dueNow, failed, INITIAL_STATUS, succeeded } from '../../../lib/sync/status';
import { SyncError } from '../../../lib/sync/server';

const SERVER = 'https://couch.example.org';
const answer = (status: number, body: string, headers: Record<string, string> = {}) => (async () => new Response(status === 204 ? null : body, { status, headers })) as typeof fetch;

describe('checking the team’s server before a sync', () => {
  it.each([
    ['CouchDB 3', answer(200, '{"couchdb":"Welcome","version":"3.3.3"}'), null],
    ['the test server (pouchdb-server)', answer(200, '{"express-pouchdb":"Welcome!","version":"4.2.0"}'), null],
    ['an HTML page (a captive portal, a web server)', answer(200, '<!doctype html><title>Login</title>'), 'notCouch'],
    ['a redirect', answer(302, '', { location: 'https://elsewhere.example/' }), 'redirect'],
    ['CouchDB 1.6 (an older replication protocol)', answer(200, '{"couchdb":"Welcome","version":"1.6.1"}'), 'protocolVersion'],
    ['JSON from something else', answer(200, '{"status":"ok"}'), 'notCouch'],
    ['a server error page', answer(502, '<html>Bad gateway</html>'), 'server'],
    ['nothing at all', (async () => Promise.reject(new TypeError('fetch failed'))) as typeof fetch, 'unreachable'],
  ])('%s → %s', async (_, f, kind) => {
    const run = checkServer(f, SERVER);
    if (kind === null) await expect(run).resolves.toBeTruthy();
    else await expect(run).rejects.toMatchObject({ kind });
  });

  it.each([
    ['a wrong password', answer(401, '{"error":"unauthorized","reason":"Name or password is incorrect."}'), 'credentials'],
    ['a server that ignored the credentials', answer(200, '{"ok":true,"userCtx":{"name":null,"roles":[]}}'), 'credentials'],
    ['another user', answer(200, '{"ok":true,"userCtx":{"name":"bob","roles":[]}}'), 'credentials'],
  ])('says the credentials are wrong on %s', async (_, f, kind) => {
    await expect(checkCredentials(f, SERVER, { kind: 'password', user: 'ana', password: 'x' })).rejects.toMatchObject({ kind });
  });

  it('signs in with the right credentials', async () => {
    await expect(checkCredentials(answer(200, '{"ok":true,"userCtx":{"name":"ana","roles":[]}}'), SERVER, { kind: 'password', user: 'ana', password: 'x' })).resolves.toBeUndefined();
  });

  it.each([
    [{ status: 401, name: 'unauthorized', message: 'x' }, 'credentials'],
    [{ status: 403, name: 'forbidden', message: 'x' }, 'forbidden'],
    [{ status: 500, name: 'error', message: 'x' }, 'server'],
    [new TypeError('Failed to fetch'), 'unreachable'],
    // What PouchDB makes of an HTML page our fetch refused mid-replication.
    [new Error('notCouch: https://couch.example.org/db/_changes: HTTP 200, an HTML page'), 'notCouch'],
  ])('names a replication failure %o as %s', (e, kind) => {
    expect(toSyncError(e).kind).toBe(kind);
  });
});

describe('retries after failures', () => {
  it('waits a minute, then twice as long after each failure, never more than an hour', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4].map((n) => retryDelay(n, noJitter))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelay(30, () => 1)).toBe(RETRY_MAX_MS);
  });

  it('skips the scheduled runs until the retry time, and a success clears the error', () => {
    const t = Date.UTC(2026, 10, 20, 9);
    const down = failed(failed(INITIAL_STATUS, t, new SyncError('unreachable', 'x'), 3, () => 0), t, new SyncError('unreachable', 'x'), 3, () => 0);
    expect(down).toMatchObject({ failures: 2, waiting: 3, lastError: { kind: 'unreachable' }, nextTryAt: t + 120_000 });
    expect(dueNow(down, t + 60_000)).toBe(false);
    expect(dueNow(down, t + 120_000)).toBe(true);
    expect(succeeded(down, t + 120_000, 0)).toMatchObject({ failures: 0, lastError: null, lastSyncedAt: t + 120_000, waiting: 0 });
  });
});
