import Dexie, { type EntityTable } from 'dexie';
import type { ExportFile, ExportHeader } from '../io/export-format';
import { fromAgentFile, mergeTeamRecord, settleCredit, type Disagreement, type TeamRecord } from '../team/merge';

/**
 * The team lead's store: agents' imported files, merged (lib/team/merge). A database of
 * its own, apart from the lead's own records (`threadmark`), so clearing it or a bad
 * import can never touch them. The lead's own data is imported like anyone's file.
 */
export const TEAM_DB_NAME = 'threadmark-team';

/** Every shipped schema version, oldest first (never edit a shipped entry). */
export const TEAM_SCHEMA_VERSIONS: ReadonlyArray<{ version: number; stores: Record<string, string> }> = [
  {
    version: 1,
    stores: {
      messages: 'key, caseKey, at',
      // sha256 of the file's content: the same file imported twice is found here.
      files: 'sha256, agent',
      disagreements: 'id, key',
    },
  },
];

/** One imported file. */
export interface TeamFileRow {
  sha256: string;
  name: string;
  agent: string;
  exportedAt: number;
  period: ExportHeader['period'];
  settings: ExportHeader['settings'];
  records: number;
  importedAt: number;
}

export type TeamDb = Dexie & {
  messages: EntityTable<TeamRecord, 'key'>;
  files: EntityTable<TeamFileRow, 'sha256'>;
  disagreements: EntityTable<Disagreement, 'id'>;
};

export function createTeamDb(name = TEAM_DB_NAME): TeamDb {
  const db = new Dexie(name) as TeamDb;
  for (const v of TEAM_SCHEMA_VERSIONS) db.version(v.version).stores(v.stores);
  return db;
}

let shared: TeamDb | undefined;
export function getTeamDb(): TeamDb {
  shared ??= createTeamDb();
  return shared;
}

export type TeamImportResult = { status: 'imported'; added: number; updated: number } | { status: 'duplicate' };

/**
 * Merges one checked file in one transaction: it is stored whole or, if anything fails
 * (or the page closes), not at all. A file already imported changes nothing.
 */
export async function importTeamFile(db: TeamDb, file: ExportFile, now: number): Promise<TeamImportResult> {
  const agent = file.header.agent.name;
  return db.transaction('rw', db.messages, db.files, db.disagreements, async (): Promise<TeamImportResult> => {
    if (await db.files.get(file.sha256)) return { status: 'duplicate' };
    const existing = await db.messages.bulkGet(file.records.map((r) => r.key));
    const rows: TeamRecord[] = [];
    const found = new Map<string, Disagreement>();
    let added = 0;
    file.records.forEach((r, i) => {
      const before = existing[i];
      if (!before) added++;
      const { row, disagreements } = mergeTeamRecord(before, fromAgentFile(r, agent));
      rows.push(row);
      for (const d of disagreements) found.set(d.id, d);
    });
    await db.messages.bulkPut(rows);
    if (found.size > 0) await db.disagreements.bulkPut([...found.values()]);
    await db.files.add({
      sha256: file.sha256,
      name: file.name,
      agent,
      exportedAt: file.header.exportedAt,
      period: file.header.period,
      settings: file.header.settings,
      records: file.records.length,
      importedAt: now,
    });
    return { status: 'imported', added, updated: file.records.length - added };
  });
}

export interface TeamData {
  records: TeamRecord[];
  files: TeamFileRow[];
  disagreements: Disagreement[];
}

export async function readTeam(db: TeamDb = getTeamDb()): Promise<TeamData> {
  return db.transaction('r', db.messages, db.files, db.disagreements, async () => ({
    records: await db.messages.toArray(),
    files: await db.files.orderBy('agent').toArray(),
    disagreements: await db.disagreements.toArray(),
  }));
}

/** Removes every imported file and record (the lead's own records are another database). */
export async function clearTeam(db: TeamDb = getTeamDb()): Promise<void> {
  await db.transaction('rw', db.messages, db.files, db.disagreements, async () => {
    await Promise.all([db.messages.clear(), db.files.clear(), db.disagreements.clear()]);
  });
}

/** The lead credits a reply two agents claimed to one of them; the dispute is closed. */
export async function settleTeamCredit(db: TeamDb, key: string, agent: string): Promise<void> {
  await db.transaction('rw', db.messages, db.disagreements, async () => {
    const row = await db.messages.get(key);
    if (!row) throw new Error(`${key} is not in the team data`);
    await db.messages.put(settleCredit(row, agent));
    await db.disagreements.where('key').equals(key).filter((d) => d.field === 'credit').delete();
  });
}
