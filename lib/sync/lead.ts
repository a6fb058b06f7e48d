/**
 * The lead's pull, one-shot: every agent database on the team's server is replicated
 * (read-only) into ONE local database, where two agents' documents for one message become
 * CouchDB conflicts; then the documents changed since the fold checkpoint are checked and
 * folded into the team store the report reads (lib/db/sync-team) in one transaction.
 *
 * No partial records in the report: if any pull fails, nothing is folded this round (what
 * arrived stays in the local copy, checkpointed, and is folded after the next good round).
 * A document that fails validation is named in the result and never merged.
 */
import { agentDbName, type LeadSyncConfig } from './config';
import type { Leaf } from './conflicts';
import { checkIncomingDoc, type InvalidDoc } from './docs';
import type { Db } from './pouch';
import { checkCredentials, checkServer, toSyncError, type Fetch } from './server';

export interface LeadSyncDeps {
  local: Db;
  openRemote: (url: string) => Db;
  fetch: Fetch;
  fold: (leavesByKey: Map<string, Leaf[]>, agents: { user: string; server: string }[]) => Promise<unknown>;
  now: () => number;
  /** False when the team store lost what was folded (the lead cleared it): fold everything again. */
  stillFolded?: () => Promise<boolean>;
}

export interface LeadSyncResult {
  pulled: number;
  folded: number;
  invalid: InvalidDoc[];
}

const FOLD_ID = '_local/threadmark-fold';
const FOLD_BATCH = 1000;

export async function runLeadSync(config: LeadSyncConfig, deps: LeadSyncDeps): Promise<LeadSyncResult> {
  await checkServer(deps.fetch, config.server);
  await checkCredentials(deps.fetch, config.server, config.credentials);
  let pulled = 0;
  try {
    for (const user of config.agents) {
      const remote = deps.openRemote(`${config.server}/${agentDbName(user)}`);
      const result = await deps.local.replicate.from(remote, { batch_size: 500, retry: false });
      if (result.doc_write_failures > 0) throw result.errors[0] ?? new Error(`${result.doc_write_failures} documents not stored`);
      pulled += result.docs_written;
    }
  } catch (e) {
    throw toSyncError(e);
  }
  const { folded, invalid } = await foldPulled(config, deps);
  return { pulled, folded, invalid };
}

/** Folds the local copy's changes since the checkpoint; restartable (a refold changes nothing). */
export async function foldPulled(config: LeadSyncConfig, deps: Pick<LeadSyncDeps, 'local' | 'fold' | 'now' | 'stillFolded'>): Promise<{ folded: number; invalid: InvalidDoc[] }> {
  const agents = new Set(config.agents);
  let cp: { _id: string; _rev?: string; seq: string | number } = { _id: FOLD_ID, seq: 0 };
  try {
    cp = (await deps.local.get(FOLD_ID)) as never;
  } catch {
    /* first fold */
  }
  if (deps.stillFolded && !(await deps.stillFolded())) cp = { ...cp, seq: 0 };
  const invalid: InvalidDoc[] = [];
  let folded = 0;
  let first = true;
  for (;;) {
    const changes = await deps.local.changes({ since: cp.seq, limit: FOLD_BATCH, style: 'all_docs' });
    if (!changes.results.length) {
      // Every synced agent is listed in the report even before their first record.
      if (first) await deps.fold(new Map(), config.agents.map((user) => ({ user, server: config.server })));
      break;
    }
    first = false;
    const leavesByKey = new Map<string, Leaf[]>();
    for (const change of changes.results) {
      if (change.id.startsWith('_design/')) continue;
      // Every leaf revision: the winner and the kept conflicts.
      const leaves = (await deps.local.get(change.id, { open_revs: 'all' } as never)) as unknown as { ok?: Record<string, unknown> }[];
      for (const leaf of leaves) {
        const doc = leaf.ok;
        if (!doc || doc._deleted) continue;
        const owner = typeof doc.owner === 'string' && agents.has(doc.owner) ? doc.owner : null;
        if (owner === null) {
          invalid.push({ db: '?', id: change.id, rev: String(doc._rev ?? ''), field: 'owner', detail: `not a synced agent: ${String(doc.owner)}` });
          continue;
        }
        const check = checkIncomingDoc(doc, agentDbName(owner), owner, deps.now());
        if (!check.ok) {
          invalid.push(check.invalid);
          continue;
        }
        const list = leavesByKey.get(check.record.key) ?? [];
        list.push({ owner, record: check.record });
        leavesByKey.set(check.record.key, list);
      }
    }
    await deps.fold(leavesByKey, config.agents.map((user) => ({ user, server: config.server })));
    folded += leavesByKey.size;
    cp = { ...cp, seq: changes.last_seq };
    const saved = await deps.local.put(cp as never);
    cp._rev = saved.rev;
    if (changes.results.length < FOLD_BATCH) break;
  }
  return { folded, invalid };
}
