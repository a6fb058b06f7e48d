import Dexie, { type EntityTable } from 'dexie';
import type { ExportFile, ExportHeader } from '../io/export-format';
import { ColumnBuilder, type MessageColumns } from '../metrics/columns';
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

/** What the report page holds: the merged messages as columns, no object per message (issue 9). */
export interface TeamColumnsData {
  columns: MessageColumns;
  files: TeamFileRow[];
  disagreements: Disagreement[];
  /** The messages a disagreement is about (a few): their link and claimants, for the list. */
  disputed: Map<string, { permalink: string; claimants: string[] }>;
}

/** Messages read per request while building the columns: the page holds one page of records at a time. */
export const COLUMN_PAGE = 10_000;

/**
 * Reads the team store into columns (lib/metrics/columns) in pages of COLUMN_PAGE records,
 * in one read transaction (an import finishing meanwhile is either all in or all out).
 * Each page's records are dropped once their columns are taken: at a million messages
 * the page never holds the ~1 kB-a-message objects (texts included) all at once.
 */
export async function readTeamColumns(db: TeamDb = getTeamDb(), pageSize = COLUMN_PAGE): Promise<TeamColumnsData> {
  return db.transaction('r', db.messages, db.files, db.disagreements, async () => {
    const builder = new ColumnBuilder();
    let last: string | null = null;
    for (;;) {
      const page: TeamRecord[] = await (last === null ? db.messages.orderBy(':id') : db.messages.where(':id').above(last)).limit(pageSize).toArray();
      for (const r of page) builder.add(r);
      if (page.length < pageSize) break;
      last = page[page.length - 1]!.key;
    }
    const disagreements = await db.disagreements.toArray();
    const keys = [...new Set(disagreements.map((d) => d.key))];
    const disputed = new Map<string, { permalink: string; claimants: string[] }>();
    for (const r of await db.messages.bulkGet(keys)) if (r) disputed.set(r.key, { permalink: r.permalink, claimants: r.claimants });
    return { columns: builder.build(), files: await db.files.orderBy('agent').toArray(), disagreements, disputed };
  });
}

/** The records with a time in [from, to) (the cases CSV of a period), by the `at` index. */
export async function readTeamPeriod(db: TeamDb, period: { from: number; to: number }): Promise<TeamRecord[]> {
  return db.messages.where('at').between(period.from, period.to, true, false).toArray();
}

/**
 * The link of each case's first customer message (its first message when none), for the
 * cases a drill-down lists: read on demand, the columns hold no links.
 */
export async function casePermalinks(db: TeamDb, caseKeys: readonly string[]): Promise<Map<string, string>> {
  const first = new Map<string, TeamRecord>();
  const rank = (r: TeamRecord) => (r.fromBrand ? 1 : 0);
  await db.messages
    .where('caseKey')
    .anyOf([...caseKeys])
    .each((r) => {
      const seen = first.get(r.caseKey);
      if (!seen || rank(r) < rank(seen) || (rank(r) === rank(seen) && r.at < seen.at)) first.set(r.caseKey, r);
    });
  return new Map([...first].map(([k, r]) => [k, r.permalink]));
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
