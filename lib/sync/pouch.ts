/**
 * PouchDB (pouchdb-browser 9: IndexedDB + HTTP, fetch-based) for the background and the
 * extension pages only: never import this from a content script.
 */
import PouchDB from 'pouchdb-browser';
import { authHeader, type Credentials } from './config';
import type { Db } from './pouch-types';
import type { Fetch } from './server';

export type { Db } from './pouch-types';

/** The agent's local outbox database (PouchDB, IndexedDB in the extension origin). */
export const AGENT_OUTBOX_DB = 'threadmark-sync-outbox';
/** The lead's local copy of every agent database, pulled into one. */
export const LEAD_MIRROR_DB = 'threadmark-sync-team';

export function openLocal(name: string): Db {
  return new PouchDB(name);
}

/** A database on the team's server; every request carries the credentials and follows no redirect. */
export function openRemote(url: string, c: Credentials, f: Fetch = fetch): Db {
  return new PouchDB(url, {
    skip_setup: true,
    fetch: (u: string | Request, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      headers.set('Authorization', authHeader(c));
      return f(u, { ...init, headers, redirect: 'manual' });
    },
  });
}
