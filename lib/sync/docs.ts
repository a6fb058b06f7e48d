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
import { checkRecordLine } from '../io/export-record-check';
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

/** The envelope's keys: anything else makes the document fail (zod's `.strict()` names it). */
const ENVELOPE_KEYS: ReadonlySet<string> = new Set(['_id', '_rev', '_conflicts', 'type', 'v', 'owner', 'record']);

/** The envelope as `envelopeSchema` accepts it, in plain code (a pull checks millions). */
function plainEnvelope(doc: unknown): doc is { _id: string; owner: string; record: unknown } {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return false;
  const d = doc as Record<string, unknown>;
  for (const k in d) if (!ENVELOPE_KEYS.has(k)) return false;
  if (typeof d._id !== 'string' || d.type !== 'threadmark-message' || d.v !== SYNC_DOC_VERSION || typeof d.owner !== 'string' || !('record' in d)) return false;
  if (d._rev !== undefined && typeof d._rev !== 'string') return false;
  return d._conflicts === undefined || (Array.isArray(d._conflicts) && d._conflicts.every((c) => typeof c === 'string'));
}

/**
 * The same check with the schemas built once, and plain code first: building a zod schema
 * costs far more than using it (a pull checking each of 90,000 documents with a fresh one
 * spent most of its time there), and zod itself was most of the check's time on a pull of
 * millions. The plain checks accept exactly what the schemas do (the record's is the
 * export file's fast check, lib/io/export-record-check); whatever they refuse goes through
 * zod, which stays the definition and names the field.
 */
export function incomingDocChecker(now: number): (doc: unknown, db: string, owner: string) => DocCheck {
  const maxTime = now + 24 * 3_600_000;
  let recordSchema: ReturnType<typeof exportRecordSchema> | undefined;
  return (doc, db, owner) => {
    const id = typeof (doc as { _id?: unknown })?._id === 'string' ? (doc as { _id: string })._id : '?';
    const rev = typeof (doc as { _rev?: unknown })?._rev === 'string' ? (doc as { _rev: string })._rev : null;
    const bad = (field: string, detail: string): DocCheck => ({ ok: false, invalid: { db, id, rev, field, detail } });
    let envelope: { _id: string; owner: string; record: unknown };
    if (plainEnvelope(doc)) envelope = doc;
    else {
      const env = envelopeSchema.safeParse(doc);
      if (!env.success) {
        const issue = env.error.issues[0]!;
        return bad(issue.path.map(String).join('.'), issue.message);
      }
      envelope = env.data;
    }
    if (envelope.owner !== owner) return bad('owner', `owner ${envelope.owner} in the database of ${owner}`);
    let record = checkRecordLine({ kind: 'message', record: envelope.record }, maxTime);
    if (record === null) {
      recordSchema ??= exportRecordSchema(maxTime);
      const rec = recordSchema.safeParse(envelope.record);
      if (!rec.success) {
        const issue = rec.error.issues[0]!;
        return bad(['record', ...issue.path.map(String)].join('.'), issue.message);
      }
      // Only if the two ever disagreed: zod is the definition.
      record = rec.data;
    }
    if (record.key !== envelope._id) return bad('_id', 'the id is not the record key');
    if (record.agent !== null && record.agent !== owner) return bad('record.agent', `credit to ${record.agent} in the database of ${owner}`);
    return { ok: true, owner, record };
  };
}
