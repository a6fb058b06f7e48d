/**
 * One agent sync, one-shot (MV3: the worker may stop at any point, so nothing here relies
 * on staying alive):
 *
 *   1. the server is a CouchDB we speak to and the credentials work (else a clear error);
 *   2. outbox → local PouchDB: records changed since the checkpoint become documents
 *      (texts stripped unless shared); an unchanged document is not rewritten, and the
 *      checkpoint moves only after its batch is stored, so a restart redoes at most one
 *      batch and changes nothing;
 *   3. local → the agent's database on the server, with a push filter that sends only the
 *      agent's own documents. PouchDB keeps its replication checkpoints in `_local`
 *      documents on both sides: a stopped push resumes where it was.
 */
import type { MessageRecord } from '../schema/records';
import { agentDbName, type AgentSyncConfig } from './config';
import { isOwnDoc, recordToDoc, sameDoc, type SyncDoc } from './docs';
import type { Db } from './pouch';
import { checkCredentials, checkServer, SyncError, toSyncError, type Fetch } from './server';

export interface OutboxCheckpoint {
  updatedAt: number;
  key: string;
}

export interface AgentSyncDeps {
  local: Db;
  openRemote: (url: string) => Db;
  readOutbox: (after: OutboxCheckpoint, limit: number) => Promise<MessageRecord[]>;
  countOutbox: (after: OutboxCheckpoint) => Promise<number>;
  fetch: Fetch;
}

const CHECKPOINT_ID = '_local/threadmark-outbox';
const BATCH = 500;

interface CheckpointDoc {
  _id: string;
  _rev?: string;
  after: OutboxCheckpoint;
  /** Documents depend on these: when they change, every record is mirrored again. */
  owner: string;
  shareTexts: boolean;
}

const START: OutboxCheckpoint = { updatedAt: -1, key: '' };

async function readCheckpoint(local: Db, config: AgentSyncConfig): Promise<CheckpointDoc> {
  const owner = config.credentials.user;
  try {
    const doc = (await local.get(CHECKPOINT_ID)) as unknown as CheckpointDoc;
    if (doc.owner === owner && doc.shareTexts === config.shareTexts) return doc;
    return { ...doc, after: START, owner, shareTexts: config.shareTexts };
  } catch {
    return { _id: CHECKPOINT_ID, after: START, owner, shareTexts: config.shareTexts };
  }
}

/** Step 2: mirrors every changed record into the local database; returns how many documents changed. */
export async function mirrorOutbox(config: AgentSyncConfig, deps: Pick<AgentSyncDeps, 'local' | 'readOutbox'>): Promise<number> {
  const { local } = deps;
  const cp = await readCheckpoint(local, config);
  const options = { owner: config.credentials.user, shareTexts: config.shareTexts };
  let written = 0;
  for (;;) {
    const batch = await deps.readOutbox(cp.after, BATCH);
    if (!batch.length) break;
    const docs = batch.map((r) => recordToDoc(r, options));
    const existing = await local.allDocs({ keys: docs.map((d) => d._id), include_docs: true });
    const changed: SyncDoc[] = [];
    docs.forEach((doc, i) => {
      const row = existing.rows[i] as { doc?: SyncDoc | null; value?: { rev: string; deleted?: boolean } } | undefined;
      const before = row && 'doc' in row && row.doc ? row.doc : undefined;
      if (before && sameDoc(before, doc)) return;
      changed.push(before ? { ...doc, _rev: before._rev } : doc);
    });
    if (changed.length) {
      const results = await local.bulkDocs(changed as never);
      const failure = results.find((r) => 'error' in r && r.error);
      if (failure) throw new Error(`local sync database: ${String((failure as { message?: string }).message ?? 'write failed')}`);
      written += changed.length;
    }
    const last = batch[batch.length - 1]!;
    cp.after = { updatedAt: last.updatedAt, key: last.key };
    const saved = await local.put(cp as never);
    cp._rev = saved.rev;
    if (batch.length < BATCH) break;
  }
  return written;
}

/** Own documents in the local database not yet on the server (for "records waiting"). */
async function pendingPush(local: Db, owner: string, since: string | number): Promise<number> {
  const changes = await local.changes({ since, include_docs: true });
  return changes.results.filter((c) => !c.deleted && c.doc && isOwnDoc(c.doc as never, owner)).length;
}

const PUSHED_ID = '_local/threadmark-pushed';

export interface AgentSyncResult {
  pushed: number;
  waiting: number;
}

/** Steps 2, 1, 3 (the outbox is mirrored first: it needs no server). Failures throw a SyncError. */
export async function runAgentSync(config: AgentSyncConfig, deps: AgentSyncDeps): Promise<AgentSyncResult> {
  const owner = config.credentials.user;
  // Local first: the records are ready to leave even when the server is away.
  await mirrorOutbox(config, deps);
  await checkServer(deps.fetch, config.server);
  await checkCredentials(deps.fetch, config.server, config.credentials);

  const remote = deps.openRemote(`${config.server}/${agentDbName(owner)}`);
  const info = await deps.local.info();
  let denied: unknown = null;
  try {
    const replication = deps.local.replicate.to(remote, {
      filter: (doc: { _id: string }) => isOwnDoc(doc as never, owner),
      batch_size: 200,
      retry: false,
    });
    replication.on('denied', (e) => (denied ??= e));
    const result = await replication;
    if (denied || result.doc_write_failures > 0) {
      const err = (denied ?? result.errors[0]) as { message?: string } | undefined;
      throw new SyncError('forbidden', String(err?.message ?? `${result.doc_write_failures} documents refused by the server`));
    }
    await remote.close?.();
    // Everything up to the sequence read before the push is on the server now.
    let pushed: { _id: string; _rev?: string; seq?: string | number } = { _id: PUSHED_ID };
    try {
      pushed = (await deps.local.get(PUSHED_ID)) as never;
    } catch {
      /* first push */
    }
    await deps.local.put({ ...pushed, seq: info.update_seq } as never);
    const waiting = (await deps.countOutbox((await readCheckpoint(deps.local, config)).after)) + (await pendingPush(deps.local, owner, info.update_seq));
    return { pushed: result.docs_written, waiting };
  } catch (e) {
    throw toSyncError(e);
  }
}

/** Records not yet on the server: not mirrored yet, or mirrored but not pushed. */
export async function countWaiting(config: AgentSyncConfig, deps: Pick<AgentSyncDeps, 'local' | 'countOutbox'>): Promise<number> {
  const cp = await readCheckpoint(deps.local, config);
  let since: string | number = 0;
  try {
    since = ((await deps.local.get(PUSHED_ID)) as unknown as { seq: string | number }).seq;
  } catch {
    /* nothing pushed yet */
  }
  return (await deps.countOutbox(cp.after)) + (await pendingPush(deps.local, config.credentials.user, since));
}
