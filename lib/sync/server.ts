/**
 * Talking to the team's server before replicating: is it a CouchDB-protocol server of a
 * version we speak, and do the credentials work? Every failure becomes a SyncError whose
 * `kind` the status line translates (locales `sync.error.*`); `detail` keeps the server's
 * own words. `fetch` is injected so tests and the background share this code.
 */
import { authHeader, type Credentials } from './config';

export const SYNC_ERROR_KINDS = [
  'unreachable',
  'redirect',
  'notCouch',
  'protocolVersion',
  'credentials',
  'forbidden',
  'server',
  'permission',
] as const;
export type SyncErrorKind = (typeof SYNC_ERROR_KINDS)[number];

export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
    this.name = 'SyncError';
  }
}

export type Fetch = typeof fetch;
export const REQUEST_TIMEOUT_MS = 15_000;

/** CouchDB 2 introduced the replication protocol version PouchDB 9 speaks (`_bulk_get`…). */
const MIN_COUCH_MAJOR = 2;

async function request(f: Fetch, url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await f(url, { ...init, redirect: 'manual', signal: init.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (e) {
    throw new SyncError('unreachable', e instanceof Error ? e.message : String(e));
  }
}

async function readJson(res: Response, what: string, arrays = false): Promise<Record<string, unknown>> {
  if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
    throw new SyncError('redirect', `${what} redirects to ${res.headers.get('location') ?? 'another address'}`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    if (res.status >= 500) throw new SyncError('server', `${what}: HTTP ${res.status}`);
    const looksHtml = /^\s*</.test(text);
    throw new SyncError('notCouch', `${what} answered ${looksHtml ? 'an HTML page' : 'something that is not JSON'} (HTTP ${res.status})`);
  }
  if (!body || typeof body !== 'object' || (Array.isArray(body) && !arrays)) throw new SyncError('notCouch', `${what} answered unexpected JSON`);
  return body as Record<string, unknown>;
}

/** Maps an HTTP failure status (and CouchDB's error body) to a kind. */
export function statusError(status: number, detail: string): SyncError {
  if (status === 401) return new SyncError('credentials', detail);
  if (status === 403) return new SyncError('forbidden', detail);
  if (status >= 300 && status < 400) return new SyncError('redirect', detail);
  return new SyncError('server', `HTTP ${status}: ${detail}`);
}

/** Checks the server's welcome (`GET /`): CouchDB ≥ 2 or pouchdb-server (the test server). */
export async function checkServer(f: Fetch, server: string): Promise<{ vendor: string; version: string }> {
  const res = await request(f, `${server}/`, { headers: { Accept: 'application/json' } });
  const body = await readJson(res, 'the server');
  if (!res.ok) throw statusError(res.status, String(body.reason ?? body.error ?? ''));
  const version = typeof body.version === 'string' ? body.version : '';
  if (body.couchdb === 'Welcome') {
    const major = Number.parseInt(version, 10);
    if (!(major >= MIN_COUCH_MAJOR)) throw new SyncError('protocolVersion', `CouchDB ${version || '(no version)'}; Threadmark needs ${MIN_COUCH_MAJOR} or later`);
    return { vendor: 'CouchDB', version };
  }
  if (typeof body['express-pouchdb'] === 'string') return { vendor: 'pouchdb-server', version };
  throw new SyncError('notCouch', 'the address answers JSON but is not a CouchDB server');
}

/** Signs in (`GET /_session`): a wrong user, password or token is a `credentials` error. */
export async function checkCredentials(f: Fetch, server: string, c: Credentials): Promise<void> {
  const res = await request(f, `${server}/_session`, { headers: { Accept: 'application/json', Authorization: authHeader(c) } });
  const body = await readJson(res, 'the sign-in');
  if (!res.ok) throw statusError(res.status, String(body.reason ?? body.error ?? ''));
  const ctx = body.userCtx as { name?: unknown } | undefined;
  // CouchDB answers 200 with name null when the Authorization header was ignored.
  if (!ctx || ctx.name !== c.user) throw new SyncError('credentials', `signed in as ${String(ctx?.name ?? 'nobody')}, not ${c.user}`);
}

/**
 * One signed-in GET for CouchDB's JSON (`_changes` pages, a database's info, a document's
 * leaf revisions): a redirect, an HTML page or an error status is a SyncError, never data.
 */
export async function getJson(f: Fetch, url: string, auth: string): Promise<Record<string, unknown>> {
  const what = new URL(url).pathname;
  // A page of thousands of documents may take longer than a sign-in on a slow link.
  const res = await request(f, url, { headers: { Accept: 'application/json', Authorization: auth }, signal: AbortSignal.timeout(4 * REQUEST_TIMEOUT_MS) });
  const body = await readJson(res, what, true);
  if (!res.ok) throw statusError(res.status, `${what}: ${String(body.reason ?? body.error ?? '')}`);
  return body;
}

/** Turns whatever PouchDB or fetch threw during replication into a SyncError. */
export function toSyncError(e: unknown): SyncError {
  if (e instanceof SyncError) return e;
  const err = e as { status?: unknown; name?: unknown; reason?: unknown; message?: unknown } | null;
  const detail = String(err?.reason ?? err?.message ?? err?.name ?? e);
  // PouchDB rewraps what our fetch threw (lib/sync/pouch checkResponse), keeping only the message.
  const kept = /^(\w+): ([\s\S]*)$/.exec(detail);
  if (kept && (SYNC_ERROR_KINDS as readonly string[]).includes(kept[1]!)) return new SyncError(kept[1] as SyncErrorKind, kept[2]!);
  if (typeof err?.status === 'number' && err.status > 0) return statusError(err.status, detail);
  return new SyncError('unreachable', detail);
}
