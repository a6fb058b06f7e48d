/**
 * The lead's pull, one-shot: each agent's database on the team's server is read through
 * its `_changes` feed (documents included, in large pages) and folded straight into the
 * team store the report reads (lib/db/sync-team), with no local PouchDB copy in between.
 * Measured on loopback (bench `sync`), the local copy and PouchDB's replication of 100-
 * or 500-document batches were most of the time; the feed in pages of 5,000 is several
 * times faster (figures in the README).
 *
 * Restartable: a checkpoint per agent database (the feed's `last_seq`) is saved after the
 * page it ends has been folded in one transaction, so a pull stopped anywhere resumes
 * there; folding a page again changes nothing (the file merge rules are idempotent).
 * Conflicts: two agents' records of one message meet in the team store and merge by the
 * import's rules, giving the same row and disagreements as files; a document with kept
 * CouchDB conflicts in one agent's database has every leaf revision read and folded.
 * Before anything is folded, every agent's database must answer: a database that cannot
 * be read stops the round with nothing of it in the report. A document that fails
 * validation is named in the result and never merged.
 */
import { agentDbName, authHeader, type LeadSyncConfig } from './config';
import type { Leaf } from './conflicts';
import { incomingDocChecker, type InvalidDoc } from './docs';
import { checkCredentials, checkServer, getJson, SyncError, type Fetch } from './server';

/** Where the pull of each agent database stopped: its `_changes` sequence. */
export interface PullCheckpoints {
  load(): Promise<Record<string, string | number>>;
  save(db: string, seq: string | number): Promise<void>;
  reset(): Promise<void>;
}

export interface LeadSyncDeps {
  fetch: Fetch;
  checkpoints: PullCheckpoints;
  fold: (leavesByKey: Map<string, Leaf[]>, agents: { user: string; server: string }[]) => Promise<unknown>;
  now: () => number;
  /** False when the team store lost what was folded (the lead cleared it): pull everything again. */
  stillFolded?: () => Promise<boolean>;
  /** Documents per `_changes` page (one page is one fold transaction). */
  pageSize?: number;
}

export interface LeadSyncResult {
  pulled: number;
  folded: number;
  invalid: InvalidDoc[];
}

export const PULL_PAGE = 5000;

interface Change {
  id: string;
  seq: string | number;
  deleted?: boolean;
  doc?: Record<string, unknown> & { _id: string; _conflicts?: string[] };
}

export async function runLeadSync(config: LeadSyncConfig, deps: LeadSyncDeps): Promise<LeadSyncResult> {
  await checkServer(deps.fetch, config.server);
  await checkCredentials(deps.fetch, config.server, config.credentials);
  const auth = authHeader(config.credentials);
  const get = (path: string) => getJson(deps.fetch, `${config.server}/${path}`, auth);
  // Every database answers before anything is folded (a missing or refused one stops here).
  for (const user of config.agents) await get(encodeURIComponent(agentDbName(user)));

  if (deps.stillFolded && !(await deps.stillFolded())) await deps.checkpoints.reset();
  const seqs = await deps.checkpoints.load();
  // Every synced agent is listed in the report even before their first record.
  await deps.fold(new Map(), config.agents.map((user) => ({ user, server: config.server })));

  const limit = deps.pageSize ?? PULL_PAGE;
  const checkDoc = incomingDocChecker(deps.now());
  const invalid: InvalidDoc[] = [];
  let pulled = 0;
  let folded = 0;
  const page = (i: number, since: string | number) => {
    const promise = get(`${encodeURIComponent(agentDbName(config.agents[i]!))}/_changes?include_docs=true&style=all_docs&conflicts=true&limit=${limit}&since=${encodeURIComponent(String(since))}`);
    promise.catch(() => {}); // awaited on its turn; a failure surfaces there
    return { i, promise };
  };
  const first = (i: number) => page(i, seqs[agentDbName(config.agents[i]!)] ?? 0);
  // One page is always on its way while another is checked and folded, across agents too:
  // the next agent's first page is asked for while this agent's last one is folded.
  let next = config.agents.length ? first(0) : null;
  while (next) {
    const { i } = next;
    const user = config.agents[i]!;
    const db = agentDbName(user);
    const current = await next.promise;
    const results = current.results as Change[] | undefined;
    if (!Array.isArray(results)) throw new SyncError('notCouch', `${db}/_changes answered without results`);
    next = results.length >= limit ? page(i, current.last_seq as string | number) : i + 1 < config.agents.length ? first(i + 1) : null;
    const leavesByKey = new Map<string, Leaf[]>();
    for (const change of results) {
      if (change.id.startsWith('_design/') || change.deleted || !change.doc) continue;
      pulled++;
      for (const doc of await leavesOf(change.doc, db, get)) {
        const check = checkDoc(doc, db, user);
        if (!check.ok) {
          invalid.push(check.invalid);
          continue;
        }
        const list = leavesByKey.get(check.record.key);
        if (list) list.push({ owner: user, record: check.record });
        else leavesByKey.set(check.record.key, [{ owner: user, record: check.record }]);
      }
    }
    if (leavesByKey.size) await deps.fold(leavesByKey, [{ user, server: config.server }]);
    folded += leavesByKey.size;
    await deps.checkpoints.save(db, current.last_seq as string | number);
  }
  return { pulled, folded, invalid };
}

/** The winning revision and, when the database kept conflicts, every other live leaf. */
async function leavesOf(doc: NonNullable<Change['doc']>, db: string, get: (path: string) => Promise<Record<string, unknown>>): Promise<unknown[]> {
  const conflicts = doc._conflicts;
  // Most documents have no conflicts: checked as they came (the envelope allows `_conflicts`).
  if (!conflicts?.length) return [doc];
  const { _conflicts: _, ...winner } = doc;
  const others = (await get(`${encodeURIComponent(db)}/${encodeURIComponent(doc._id)}?open_revs=${encodeURIComponent(JSON.stringify(conflicts))}`)) as unknown;
  const list = Array.isArray(others) ? (others as { ok?: Record<string, unknown> }[]) : [];
  return [winner, ...list.flatMap((l) => (l.ok && !l.ok._deleted ? [l.ok] : []))];
}
