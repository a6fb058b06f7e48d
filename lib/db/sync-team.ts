import { DEFAULT_SETTINGS } from '../schema/defaults';
import { foldLeaves, type Leaf } from '../sync/conflicts';
import type { Disagreement } from '../team/merge';
import { teamRowTables, upsertTeamRows, type TeamDb } from './team';

/** The `files` row a synced agent gets in the team store (the report lists agents from it). */
export const SYNC_SOURCE_PREFIX = 'sync:';

/**
 * Folds pulled documents into the lead's team store in ONE transaction: a pull that
 * failed never gets here, and a fold stopped half-way leaves nothing of itself. Each key's
 * valid leaves merge with what files or earlier pulls stored (lib/sync/conflicts), so
 * folding the same documents again changes nothing.
 */
export async function foldSyncedLeaves(
  db: TeamDb,
  leavesByKey: ReadonlyMap<string, readonly Leaf[]>,
  agents: readonly { user: string; server: string }[],
  now: number,
): Promise<{ merged: number }> {
  const keys = [...leavesByKey.keys()];
  let afterCommit = () => {};
  const result = await db.transaction('rw', [...teamRowTables(db), db.files, db.disagreements], async () => {
    const found = new Map<string, Disagreement>();
    const done = await upsertTeamRows(db, keys, (before, i) => {
      const { row, disagreements } = foldLeaves(before, leavesByKey.get(keys[i]!)!);
      for (const d of disagreements) found.set(d.id, d);
      return row ?? null;
    });
    afterCommit = done.afterCommit;
    const existing = done.stored;
    if (found.size) await db.disagreements.bulkPut([...found.values()]);
    // Messages each agent brought that the store did not have: a page folded again (its
    // checkpoint lost to a crash) finds them stored and adds nothing.
    const counts = new Map<string, number>();
    keys.forEach((key, i) => {
      if (existing[i]) return;
      for (const owner of new Set(leavesByKey.get(key)!.map((l) => l.owner))) counts.set(owner, (counts.get(owner) ?? 0) + 1);
    });
    for (const a of agents) {
      const id = `${SYNC_SOURCE_PREFIX}${a.user}`;
      const before = await db.files.get(id);
      await db.files.put({
        sha256: id,
        name: `${a.server} · ${a.user}`,
        agent: a.user,
        exportedAt: now,
        period: { from: null, to: now },
        settings: before?.settings ?? { ...DEFAULT_SETTINGS, agentName: a.user },
        records: (before?.records ?? 0) + (counts.get(a.user) ?? 0),
        importedAt: now,
      });
    }
    return { merged: done.changed };
  });
  afterCommit();
  return result;
}

/** Does the team store still hold what earlier pulls folded? ("Clear the team data" empties it.) */
export async function hasSyncedAgents(db: TeamDb): Promise<boolean> {
  return (await db.files.where('sha256').startsWith(SYNC_SOURCE_PREFIX).count()) > 0;
}
