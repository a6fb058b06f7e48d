import { DEFAULT_SETTINGS } from '../schema/defaults';
import { foldLeaves, type Leaf } from '../sync/conflicts';
import type { Disagreement, TeamRecord } from '../team/merge';
import type { TeamDb } from './team';

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
  return db.transaction('rw', db.messages, db.files, db.disagreements, async () => {
    const existing = await db.messages.bulkGet(keys);
    const rows: TeamRecord[] = [];
    const found = new Map<string, Disagreement>();
    keys.forEach((key, i) => {
      const { row, disagreements } = foldLeaves(existing[i], leavesByKey.get(key)!);
      if (row) rows.push(row);
      for (const d of disagreements) found.set(d.id, d);
    });
    if (rows.length) await db.messages.bulkPut(rows);
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
    return { merged: rows.length };
  });
}

/** Does the team store still hold what earlier pulls folded? ("Clear the team data" empties it.) */
export async function hasSyncedAgents(db: TeamDb): Promise<boolean> {
  return (await db.files.where('sha256').startsWith(SYNC_SOURCE_PREFIX).count()) > 0;
}
