/**
 * The bridge between Dexie records and the CouchDB documents that replicate (pure).
 *
 * A document is `{ _id: record key, owner, record }`: `owner` is the CouchDB user whose
 * database it lives in (the server's validate_doc_update checks it, the push filter sends
 * only the agent's own), `record` the export record of lib/io/export-format, so a lead
 * reads a synced record exactly as a line of an imported file.
 */
import { z } from 'zod';
import { exportRecordSchema } from '../io/export-format';
import type { MessageRecord } from '../schema/records';

export const SYNC_DOC_VERSION = 1;

export interface SyncDoc {
  _id: string;
  _rev?: string;
  type: 'threadmark-message';
  v: typeof SYNC_DOC_VERSION;
  owner: string;
  record: MessageRecord;
}

export interface DocOptions {
  owner: string;
  /** Texts leave the machine only when the team turned them on. */
  shareTexts: boolean;
}

/** A record as the agent's database carries it: texts stripped unless shared, "me" named. */
export function recordToDoc(r: MessageRecord, o: DocOptions): SyncDoc {
  return {
    _id: r.key,
    type: 'threadmark-message',
    v: SYNC_DOC_VERSION,
    owner: o.owner,
    record: { ...r, text: o.shareTexts ? r.text : '', agent: r.sentBy === 'me' ? o.owner : null },
  };
}

/** Two documents carry the same content (revisions aside): an unchanged record is not rewritten. */
export function sameDoc(a: Omit<SyncDoc, '_rev'>, b: Omit<SyncDoc, '_rev'>): boolean {
  return a.owner === b.owner && a.v === b.v && JSON.stringify(sortKeys(a.record)) === JSON.stringify(sortKeys(b.record));
}

function sortKeys(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The push filter: only the agent's own message documents leave (never design or foreign docs). */
export function isOwnDoc(doc: { _id: string; type?: unknown; owner?: unknown }, owner: string): boolean {
  return !doc._id.startsWith('_') && doc.type === 'threadmark-message' && doc.owner === owner;
}

/** Why an incoming document was kept out of the report. */
export interface InvalidDoc {
  db: string;
  id: string;
  rev: string | null;
  field: string;
  detail: string;
}

const envelopeSchema = z
  .object({
    _id: z.string(),
    _rev: z.string().optional(),
    _conflicts: z.array(z.string()).optional(),
    type: z.literal('threadmark-message'),
    v: z.literal(SYNC_DOC_VERSION),
    owner: z.string(),
    record: z.unknown(),
  })
  .strict();

export type DocCheck = { ok: true; owner: string; record: MessageRecord } | { ok: false; invalid: InvalidDoc };

/**
 * Checks a document pulled from `db` (the database of agent `owner`): the envelope, the
 * record with the export file's rules, the id against the record's key, and that the
 * document belongs to that database's agent (a doc naming someone else is refused).
 */
export function checkIncomingDoc(doc: unknown, db: string, owner: string, now: number): DocCheck {
  return incomingDocChecker(now)(doc, db, owner);
}

/**
 * The same check with the record schema built once: building a zod schema costs far more
 * than using it (a pull checking each of 90,000 documents with a fresh one spent most of
 * its time there), so a pull builds one checker and uses it for every document.
 */
export function incomingDocChecker(now: number): (doc: unknown, db: string, owner: string) => DocCheck {
  const recordSchema = exportRecordSchema(now + 24 * 3_600_000);
  return (doc, db, owner) => {
    const id = typeof (doc as { _id?: unknown })?._id === 'string' ? (doc as { _id: string })._id : '?';
    const rev = typeof (doc as { _rev?: unknown })?._rev === 'string' ? (doc as { _rev: string })._rev : null;
    const bad = (field: string, detail: string): DocCheck => ({ ok: false, invalid: { db, id, rev, field, detail } });
    const env = envelopeSchema.safeParse(doc);
    if (!env.success) {
      const issue = env.error.issues[0]!;
      return bad(issue.path.map(String).join('.'), issue.message);
    }
    if (env.data.owner !== owner) return bad('owner', `owner ${env.data.owner} in the database of ${owner}`);
    const rec = recordSchema.safeParse(env.data.record);
    if (!rec.success) {
      const issue = rec.error.issues[0]!;
      return bad(['record', ...issue.path.map(String)].join('.'), issue.message);
    }
    if (rec.data.key !== env.data._id) return bad('_id', 'the id is not the record key');
    if (rec.data.agent !== null && rec.data.agent !== owner) return bad('record.agent', `credit to ${rec.data.agent} in the database of ${owner}`);
    return { ok: true, owner, record: rec.data };
  };
}
