/**
 * PouchDB (pouchdb-browser 9: IndexedDB + HTTP, fetch-based) for the background and the
 * extension pages only: never import this from a content script.
 */
import PouchDB from 'pouchdb-browser';
import { authHeader, type Credentials } from './config';
import type { Db } from './pouch-types';
import { SyncError, type Fetch } from './server';

export type { Db } from './pouch-types';

/** The agent's local outbox database (PouchDB, IndexedDB in the extension origin). */
export const AGENT_OUTBOX_DB = 'threadmark-sync-outbox';

export function openLocal(name: string): Db {
  return new PouchDB(name);
}

/** A database on the team's server; every request carries the credentials and follows no redirect. */
export function openRemote(url: string, c: Credentials, f: Fetch = fetch): Db {
  return new PouchDB(url, {
    skip_setup: true,
    fetch: async (u: string | Request, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      headers.set('Authorization', authHeader(c));
      const res = await f(u, { ...init, headers, redirect: 'manual' });
      return checkResponse(res);
    },
  });
}

/**
 * A proxy or portal in front of the server can answer a redirect or an HTML page mid-way;
 * PouchDB would report those as a JSON syntax error. Name them instead (and replicate nothing).
 */
async function checkResponse(res: Response): Promise<Response> {
  if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400 && res.status !== 304)) {
    throw new SyncError('redirect', `${res.url} redirects to ${res.headers.get('location') ?? 'another address'}`);
  }
  // CouchDB answers JSON, labelled text/plain when the client did not ask for JSON first.
  const type = res.headers.get('content-type') ?? '';
  if (/json|multipart/i.test(type)) return res;
  const body = await res.clone().text();
  try {
    JSON.parse(body);
    return res;
  } catch {
    const what = /html/i.test(type) || /^\s*</.test(body) ? 'an HTML page' : `${type || 'no content type'}, not JSON`;
    throw new SyncError(res.status >= 500 ? 'server' : 'notCouch', `${res.url}: HTTP ${res.status}, ${what}`);
  }
}
