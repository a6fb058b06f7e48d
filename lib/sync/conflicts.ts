/**
 * CouchDB's kept conflicts → the report's disagreements (pure).
 *
 * The lead pulls every agent's database into one local database, so two agents' documents
 * for one message become one document with conflicting leaf revisions: CouchDB picks a
 * winner and keeps the others. Threadmark does not use CouchDB's winner (it depends on
 * revision hashes): every valid leaf is folded with the file import's merge rules
 * (lib/team/merge), so a message synced and a message imported from files give the same
 * row and the same disagreements, whatever the order they arrived in.
 */
import type { MessageRecord } from '../schema/records';
import { fromAgentFile, mergeTeamRecord, type Disagreement, type TeamRecord } from '../team/merge';

export interface Leaf {
  owner: string;
  record: MessageRecord;
}

export function foldLeaves(existing: TeamRecord | undefined, leaves: readonly Leaf[]): { row: TeamRecord | undefined; disagreements: Disagreement[] } {
  const found = new Map<string, Disagreement>();
  let row = existing;
  // Owner order makes the fold independent of which revision CouchDB calls the winner.
  const sorted = [...leaves].sort((a, b) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : a.record.updatedAt - b.record.updatedAt));
  for (const leaf of sorted) {
    const merged = mergeTeamRecord(row, fromAgentFile(leaf.record, leaf.owner));
    row = merged.row;
    for (const d of merged.disagreements) found.set(d.id, d);
  }
  return { row, disagreements: [...found.values()] };
}
