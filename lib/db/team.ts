import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { ExportFile, ExportHeader } from '../io/export-format';
import {
  copyColumns,
  decodeRows,
  emptyColumns,
  encodeRows,
  FLAG_APPROX,
  FLAG_FACEBOOK,
  FLAG_FROM_BRAND,
  FLAG_NO_REPLY_NEEDED,
  FLAG_SENT_BY_ME,
  FLAG_SENT_BY_TEAMMATE,
  parseTeamRow,
  rowAt,
  setColumns,
  TEAM_CHUNK,
  teamFileRows,
  type RowColumns,
  type RowText,
  type TeamFileRows,
} from '../io/team-rows';
import { ColumnBuilder, type ColumnFields, type MessageColumns } from '../metrics/columns';
import { mergeTeamRecord, settleCredit, type Disagreement, type TeamRecord } from '../team/merge';

/**
 * The team lead's store: agents' imported files, merged (lib/team/merge). A database of
 * its own, apart from the lead's own records (`threadmark`), so clearing it or a bad
 * import can never touch them. The lead's own data is imported like anyone's file.
 */
export const TEAM_DB_NAME = 'threadmark-team';

/**
 * Records per chunk row (defined in lib/io/team-rows, where the reader worker cuts chunk
 * texts too). The store keeps merged messages in rows of up to this many (schema v2):
 * Chromium's IndexedDB costs ~150 µs a row to write and ~60 µs a row to look up, so 40,000
 * rows a file took ~11 s on the page; 20 chunk rows take a fraction of that.
 */
export { TEAM_CHUNK };

/**
 * A chunk: merged messages, each key in exactly one chunk for the store's life, as UTF-8
 * text: the JSON of each TeamRecord, one a line (schema v3). IndexedDB stores bytes as they
 * are, where 2,000 objects (or 2,000 strings) a chunk took the page's thread ~0.6 s a
 * 40k-message file to hand over (Chromium trace, 2026-11-26). Only the chunks a merge or a
 * link needs are decoded.
 */
export interface TeamChunk {
  id: number;
  /**
   * The same UTF-8 rows as bytes, or as a Blob (a new chunk of an imported file's rows, cut
   * in the reader worker: IndexedDB keeps a Blob's bytes without the page's thread copying
   * and compressing them, ~0.3 s a 40k-message file). Readers take either.
   */
  text: Uint8Array | Blob;
}

const parseRow = parseTeamRow;

/**
 * The chunks' texts as bytes. A Blob is read inside the caller's transaction with
 * Dexie.waitFor, which keeps the transaction alive meanwhile (a merge reads and rewrites
 * its chunks in one transaction).
 */
async function chunkBytes(chunks: readonly (TeamChunk | undefined)[]): Promise<(Uint8Array | undefined)[]> {
  const blobs = chunks.filter((c): c is TeamChunk => c !== undefined && !ArrayBuffer.isView(c.text));
  const read = blobs.length === 0 ? [] : await Dexie.waitFor(Promise.all(blobs.map((c) => (c.text as Blob).arrayBuffer())));
  const byChunk = new Map(blobs.map((c, i) => [c, new Uint8Array(read[i]!)]));
  return chunks.map((c) => (c === undefined ? undefined : ArrayBuffer.isView(c.text) ? (c.text as Uint8Array) : byChunk.get(c)));
}

/** Every record of the chunks, in order. */
async function chunksRecords(chunks: readonly (TeamChunk | undefined)[]): Promise<TeamRecord[]> {
  return (await chunkBytes(chunks)).flatMap((text) => (text ? decodeRows(text).map(parseRow) : []));
}

/**
 * A chunk's messages as the report's columns need them, read without the records: one
 * array per field (IndexedDB reads typed and string arrays far faster than ~1 kB objects
 * with texts: the report's load after 400k messages went from 7.3 s to 1.9 s in
 * Chromium). It is also the chunk's index: its keys (the merge by
 * platform id looks them up), case keys (a drill-down's links) and times (a period).
 * `key` is `platform:id` (the export check refuses any other), so the id is not stored.
 */
export type TeamChunkColumns = { id: number } & RowColumns;

/**
 * A chunk's column row as stored (schema v3): each string array as one JSON text, the
 * agent and tags as codes into the chunk's own table of values. Reading 2,000 strings and
 * 10,000 short ones per chunk was most of the report's load after an import (Chromium,
 * 200 chunks: ~1.0–1.5 s as arrays, ~0.3–0.8 s packed, parsing included).
 */
interface StoredColumns {
  id: number;
  /** JSON arrays of strings. */
  keys: string;
  caseKeys: string;
  at: Float64Array;
  flags: Uint8Array;
  /** JSON array of the distinct agents and tags of the chunk. */
  values: string;
  /** Message i's agent, status, sentiment, queryType, channel at 5i … 5i+4: 1 + index in `values`, 0: null. */
  codes: Uint16Array;
}

/**
 * A chunk's column row with its texts parsed (StoredColumns' JSON as arrays; `values[0]` is
 * null): what the report's load reads, and what the page keeps of the chunks it writes
 * (ColumnCache), so the load after an import takes them from memory instead of the store.
 */
interface ChunkCodes {
  id: number;
  keys: string[];
  caseKeys: string[];
  at: Float64Array;
  flags: Uint8Array;
  values: (string | null)[];
  codes: Uint16Array;
}

function codesOf(c: TeamChunkColumns): ChunkCodes {
  const n = c.keys.length;
  const values: (string | null)[] = [null];
  const index = new Map<string, number>();
  const code = (v: string | null): number => {
    if (v === null) return 0;
    let k = index.get(v);
    if (k === undefined) {
      index.set(v, (k = values.length));
      values.push(v);
    }
    return k;
  };
  const codes = new Uint16Array(n * 5);
  for (let i = 0; i < n; i++) {
    codes[5 * i] = code(c.agent[i]!);
    codes[5 * i + 1] = code(c.status[i]!);
    codes[5 * i + 2] = code(c.sentiment[i]!);
    codes[5 * i + 3] = code(c.queryType[i]!);
    codes[5 * i + 4] = code(c.channel[i]!);
  }
  return { id: c.id, keys: c.keys, caseKeys: c.caseKeys, at: c.at, flags: c.flags, values, codes };
}

const storedOf = (p: ChunkCodes): StoredColumns => ({
  id: p.id,
  keys: JSON.stringify(p.keys),
  caseKeys: JSON.stringify(p.caseKeys),
  at: p.at,
  flags: p.flags,
  values: JSON.stringify(p.values.slice(1)),
  codes: p.codes,
});

const packColumns = (c: TeamChunkColumns): StoredColumns => storedOf(codesOf(c));

const storedKeys = (s: StoredColumns): string[] => JSON.parse(s.keys) as string[];

const parseStored = (s: StoredColumns): ChunkCodes => ({
  id: s.id,
  keys: storedKeys(s),
  caseKeys: JSON.parse(s.caseKeys) as string[],
  at: s.at,
  flags: s.flags,
  values: [null, ...(JSON.parse(s.values) as string[])],
  codes: s.codes,
});

function unpackColumns(s: StoredColumns): TeamChunkColumns {
  const { keys, caseKeys, values } = parseStored(s);
  const n = keys.length;
  const c: TeamChunkColumns = { ...emptyColumns(0), id: s.id, keys, caseKeys, at: s.at, flags: s.flags };
  c.agent = new Array(n);
  c.status = new Array(n);
  c.sentiment = new Array(n);
  c.queryType = new Array(n);
  c.channel = new Array(n);
  const codes = s.codes;
  for (let i = 0; i < n; i++) {
    c.agent[i] = values[codes[5 * i]!]!;
    c.status[i] = values[codes[5 * i + 1]!] as TeamChunkColumns['status'][number];
    c.sentiment[i] = values[codes[5 * i + 2]!] as TeamChunkColumns['sentiment'][number];
    c.queryType[i] = values[codes[5 * i + 3]!] as TeamChunkColumns['queryType'][number];
    c.channel[i] = values[codes[5 * i + 4]!] as TeamChunkColumns['channel'][number];
  }
  return c;
}

function columnsOf(id: number, records: readonly TeamRecord[]): TeamChunkColumns {
  const c: TeamChunkColumns = { id, ...emptyColumns(records.length) };
  records.forEach((r, i) => setColumns(c, i, r));
  return c;
}

type Tag<K extends keyof ColumnFields> = ColumnFields[K];

/**
 * Adds a chunk's messages to the column builder, in order. One fields object is reused
 * (the builder keeps only its strings), so a load of 2M messages makes no object per message.
 */
function addChunk(builder: ColumnBuilder, c: ChunkCodes): void {
  const { values, codes } = c;
  const f = {} as ColumnFields;
  for (let i = 0; i < c.keys.length; i++) {
    const flags = c.flags[i]!;
    const platform = flags & FLAG_FACEBOOK ? 'facebook' : 'x';
    f.platform = platform;
    f.id = c.keys[i]!.slice(platform.length + 1);
    f.caseKey = c.caseKeys[i]!;
    f.at = c.at[i]!;
    f.atPrecision = flags & FLAG_APPROX ? 'approx' : 'exact';
    f.fromBrand = (flags & FLAG_FROM_BRAND) !== 0;
    f.noReplyNeeded = (flags & FLAG_NO_REPLY_NEEDED) !== 0;
    f.sentBy = flags & FLAG_SENT_BY_ME ? 'me' : flags & FLAG_SENT_BY_TEAMMATE ? 'teammate' : null;
    f.agent = values[codes[5 * i]!]!;
    f.status = values[codes[5 * i + 1]!] as Tag<'status'>;
    f.sentiment = values[codes[5 * i + 2]!] as Tag<'sentiment'>;
    f.queryType = values[codes[5 * i + 3]!] as Tag<'queryType'>;
    f.channel = values[codes[5 * i + 4]!] as Tag<'channel'>;
    builder.add(f);
  }
}

/** `epoch`: changed by every clear, so a page's cached key map knows it is stale. */
export interface TeamMeta {
  id: string;
  value: string;
}

type TeamUpgrade = (tx: Transaction) => Promise<void>;

/** Every shipped schema version, oldest first (never edit a shipped entry). */
export const TEAM_SCHEMA_VERSIONS: ReadonlyArray<{ version: number; stores: Record<string, string | null>; upgrade?: TeamUpgrade }> = [
  {
    version: 1,
    stores: {
      messages: 'key, caseKey, at',
      // sha256 of the file's content: the same file imported twice is found here.
      files: 'sha256, agent',
      disagreements: 'id, key',
    },
  },
  {
    // One row per message became chunks of TEAM_CHUNK (README "Decisions": team store).
    version: 2,
    stores: { chunks: 'id', chunkColumns: 'id', meta: 'id', messages: null },
    upgrade: async (tx) => {
      const old = tx.table<TeamRecord, string>('messages');
      let id = 0;
      let last: string | null = null;
      for (;;) {
        const page: TeamRecord[] = await (last === null ? old.orderBy(':id') : old.where(':id').above(last)).limit(TEAM_CHUNK).toArray();
        if (page.length === 0) break;
        id++;
        await tx.table('chunks').add({ id, records: page });
        await tx.table('chunkColumns').add(columnsOf(id, page));
        if (page.length < TEAM_CHUNK) break;
        last = page[page.length - 1]!.key;
      }
    },
  },
  {
    // A chunk's records became their JSON text (TeamChunk), its column row packed (StoredColumns).
    version: 3,
    stores: { chunks: 'id', chunkColumns: 'id' },
    upgrade: async (tx) => {
      await tx
        .table('chunks')
        .toCollection()
        .modify((c: { records?: TeamRecord[]; text?: Uint8Array }) => {
          c.text = encodeRows((c.records ?? []).map((r) => JSON.stringify(r))).text;
          delete c.records;
        });
      await tx
        .table('chunkColumns')
        .toCollection()
        .modify((c: TeamChunkColumns, ref: { value: unknown }) => {
          ref.value = packColumns(c);
        });
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
  chunks: EntityTable<TeamChunk, 'id'>;
  chunkColumns: EntityTable<StoredColumns, 'id'>;
  meta: EntityTable<TeamMeta, 'id'>;
  files: EntityTable<TeamFileRow, 'sha256'>;
  disagreements: EntityTable<Disagreement, 'id'>;
};

export function createTeamDb(name = TEAM_DB_NAME): TeamDb {
  const db = new Dexie(name) as TeamDb;
  for (const v of TEAM_SCHEMA_VERSIONS) {
    const version = db.version(v.version).stores(v.stores);
    if (v.upgrade) version.upgrade(v.upgrade);
  }
  return db;
}

let shared: TeamDb | undefined;
export function getTeamDb(): TeamDb {
  shared ??= createTeamDb();
  return shared;
}

/**
 * Which chunk holds each stored key. Built once from chunkColumns and then kept up to date
 * by reading only index rows added since (ids only grow until a clear, which changes the
 * epoch), so a batch of 50 files does not reread 2M keys per file. Updated with a
 * transaction's own rows only once it has committed. Let go when idle (~100 bytes a key).
 */
interface KeyMap {
  epoch: string;
  lastId: number;
  chunkOf: Map<string, number>;
  idle?: ReturnType<typeof setTimeout>;
}
const keyMaps = new WeakMap<TeamDb, KeyMap>();
const KEY_MAP_IDLE_MS = 20_000;

/** Drops the cached key map (importFiles calls it when a batch ends). */
export function releaseTeamKeys(db: TeamDb): void {
  const km = keyMaps.get(db);
  if (km?.idle !== undefined) clearTimeout(km.idle);
  keyMaps.delete(db);
}

/** Inside a transaction over chunkColumns and meta: the key map as the store is now. */
async function currentKeyMap(db: TeamDb): Promise<KeyMap> {
  const epoch = (await db.meta.get('epoch'))?.value ?? '';
  let km = keyMaps.get(db);
  if (!km || km.epoch !== epoch) {
    if (km) releaseTeamKeys(db);
    km = { epoch, lastId: 0, chunkOf: new Map() };
    keyMaps.set(db, km);
  }
  if (km.idle !== undefined) clearTimeout(km.idle);
  // Rows other pages (or tabs) added since: committed, so they may enter the cache now.
  await db.chunkColumns.where(':id').above(km.lastId).each((row) => {
    for (const k of storedKeys(row)) km.chunkOf.set(k, row.id);
    if (row.id > km.lastId) km.lastId = row.id;
  });
  const held = km;
  km.idle = setTimeout(() => keyMaps.get(db) === held && keyMaps.delete(db), KEY_MAP_IDLE_MS);
  return km;
}

/**
 * The column rows of the chunks this page wrote, as of store revision `rev` (meta `rev`,
 * bumped by every write of rows): the report's load after an import takes them from here
 * instead of reading them back (at 2M messages most of the load's ~6 s was reading and
 * parsing the rows the page had just written). Trusted only while the store's epoch and
 * revision are still these, i.e. nobody else (another tab, a sync) wrote since; the load
 * reads every other chunk from the store, and lets the cache go.
 */
interface ColumnCache {
  epoch: string;
  rev: number;
  /** As written (flat JSON texts and typed arrays: a few objects a chunk, not one per message). */
  chunks: Map<number, StoredColumns>;
}
const columnCaches = new WeakMap<TeamDb, ColumnCache>();

const readRev = async (db: TeamDb): Promise<number> => Number((await db.meta.get('rev'))?.value ?? 0);

/**
 * Merges rows by key into the chunks, inside a rw transaction over chunks, chunkColumns and
 * meta. `decide` gets the row stored (or added earlier in this batch) and returns the row to
 * keep, or null to leave it. Rows already stored are rewritten in their own chunk; new ones
 * go to new chunks. `fresh` (an imported file, key i's row and columns at index i): a key
 * neither stored nor met earlier in the batch takes its row from there as is, without
 * `decide` (which would keep it whole: there is nothing to merge it with). Returns which
 * keys were stored before, and what to tell the key map once the transaction has committed.
 */
async function upsertRows(
  db: TeamDb,
  keys: readonly string[],
  decide: (existing: TeamRecord | undefined, i: number) => TeamRecord | null,
  fresh?: RowText & { columns: RowColumns; blobs?: readonly Blob[] },
): Promise<{ stored: boolean[]; changed: number; afterCommit: () => void }> {
  const km = await currentKeyMap(db);
  const rev = await readRev(db);
  const wanted = new Set<number>();
  for (const k of keys) {
    const c = km.chunkOf.get(k);
    if (c !== undefined) wanted.add(c);
  }
  // The chunks holding stored keys: their rows, and their column rows (positions by key).
  const loaded = new Map<number, { rows: string[]; columns: TeamChunkColumns; at: Map<string, number>; dirty: boolean }>();
  if (wanted.size > 0) {
    const ids = [...wanted];
    const chunks = await db.chunks.bulkGet(ids);
    const columns = await db.chunkColumns.bulkGet(ids);
    const texts = await chunkBytes(chunks);
    ids.forEach((id, j) => {
      const text = texts[j];
      const cols = columns[j];
      if (!text || !cols) throw new Error('the team store lost a chunk its index lists');
      const unpacked = unpackColumns(cols);
      loaded.set(id, { rows: decodeRows(text), columns: unpacked, at: new Map(unpacked.keys.map((k, i) => [k, i])), dirty: false });
    });
  }
  // Rows new to the store: their JSON (or index i of fresh), and where their columns come
  // from (a record merged here, or index i of fresh.columns).
  const addedRows: (string | number)[] = [];
  const addedFrom: (TeamRecord | number)[] = [];
  const addedRow = (j: number): string => {
    const r = addedRows[j]!;
    return typeof r === 'number' ? rowAt(fresh!, r) : r;
  };
  const addedAt = new Map<string, number>();
  const stored: boolean[] = [];
  let changed = 0;
  keys.forEach((key, i) => {
    const c = km.chunkOf.get(key);
    const holder = c === undefined ? undefined : loaded.get(c);
    const pos = holder?.at.get(key);
    if (holder && pos !== undefined) {
      stored.push(true);
      const row = decide(parseRow(holder.rows[pos]!), i);
      if (row) {
        holder.rows[pos] = JSON.stringify(row);
        setColumns(holder.columns, pos, row);
        holder.dirty = true;
        changed++;
      }
      return;
    }
    stored.push(false);
    const j = addedAt.get(key);
    if (j === undefined && fresh) {
      addedAt.set(key, addedRows.length);
      addedRows.push(i);
      addedFrom.push(i);
      changed++;
      return;
    }
    const row = decide(j === undefined ? undefined : parseRow(addedRow(j)), i);
    if (!row) return;
    changed++;
    if (j === undefined) {
      addedAt.set(key, addedRows.length);
      addedRows.push(JSON.stringify(row));
      addedFrom.push(row);
    } else {
      addedRows[j] = JSON.stringify(row);
      addedFrom[j] = row;
    }
  });
  const dirty = [...loaded.entries()].filter(([, l]) => l.dirty);
  // The column rows written: kept for the report's load once committed (ColumnCache).
  const written: StoredColumns[] = [];
  if (dirty.length > 0) {
    await db.chunks.bulkPut(dirty.map(([id, l]) => ({ id, text: encodeRows(l.rows).text })));
    const rows = dirty.map(([, l]) => packColumns(l.columns));
    written.push(...rows);
    await db.chunkColumns.bulkPut(rows);
  }
  const newChunks: TeamChunk[] = [];
  const newColumns: TeamChunkColumns[] = [];
  if (addedRows.length > 0) {
    let id = ((await db.chunkColumns.orderBy(':id').lastKey()) as number | undefined) ?? 0;
    for (let s = 0; s < addedRows.length; s += TEAM_CHUNK) {
      const rows = addedRows.slice(s, s + TEAM_CHUNK);
      const cols: TeamChunkColumns = { id: ++id, ...emptyColumns(rows.length) };
      for (let k = 0; k < rows.length; k++) {
        const from = addedFrom[s + k]!;
        if (typeof from === 'number') copyColumns(cols, k, fresh!.columns, from);
        else setColumns(cols, k, from);
      }
      newChunks.push({ id, text: freshBlob(rows, fresh) ?? chunkText(rows, fresh) });
      newColumns.push(cols);
    }
    await db.chunks.bulkAdd(newChunks);
    const rows = newColumns.map(packColumns);
    written.push(...rows);
    await db.chunkColumns.bulkAdd(rows);
  }
  if (written.length > 0) await db.meta.put({ id: 'rev', value: String(rev + 1) });
  const afterCommit = () => {
    if (written.length > 0) {
      let cache = columnCaches.get(db);
      // Someone else wrote since this page's last write: what it kept may be stale.
      if (!cache || cache.epoch !== km.epoch || cache.rev !== rev) columnCaches.set(db, (cache = { epoch: km.epoch, rev, chunks: new Map() }));
      for (const c of written) cache.chunks.set(c.id, c);
      cache.rev = rev + 1;
    }
    if (keyMaps.get(db) !== km) return;
    for (const c of newColumns) {
      for (const k of c.keys) km.chunkOf.set(k, c.id);
      if (c.id > km.lastId) km.lastId = c.id;
    }
  };
  return { stored, changed, afterCommit };
}

/**
 * The worker's Blob of the file's rows k·TEAM_CHUNK …, when a new chunk holds exactly those
 * rows (a file whose messages are new to the store: every chunk of it).
 */
function freshBlob(rows: readonly (string | number)[], fresh: { columns: RowColumns; blobs?: readonly Blob[] } | undefined): Blob | undefined {
  const first = rows[0];
  if (!fresh?.blobs || typeof first !== 'number' || first % TEAM_CHUNK !== 0) return undefined;
  const k = first / TEAM_CHUNK;
  if (rows.length !== Math.min(TEAM_CHUNK, fresh.columns.keys.length - first) || !fresh.blobs[k]) return undefined;
  for (let j = 1; j < rows.length; j++) if (rows[j] !== first + j) return undefined;
  return fresh.blobs[k];
}

/**
 * A new chunk's text: rows from the imported file (an index) are copied as bytes, the
 * others (merged here) encoded. A file's new rows mostly come in one run: one copy.
 */
function chunkText(rows: readonly (string | number)[], fresh: RowText | undefined): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    let part: Uint8Array;
    if (typeof r === 'number') {
      // Consecutive rows of the file: one range.
      let last = r;
      while (k + 1 < rows.length && rows[k + 1] === last + 1) last = rows[++k] as number;
      part = fresh!.text.subarray(fresh!.starts[r]!, fresh!.starts[last + 1]!);
    } else part = encodeRows([r]).text;
    parts.push(part);
    size += part.length;
  }
  const text = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    text.set(p, at);
    at += p.length;
  }
  return text;
}

/** The tables a write to the merged messages needs in its transaction. */
export const teamRowTables = (db: TeamDb) => [db.chunks, db.chunkColumns, db.meta] as const;

/**
 * Merges rows into the team store (for lib/db/sync-team's fold): call inside a rw
 * transaction over teamRowTables, the returned `afterCommit` after it resolved.
 */
export { upsertRows as upsertTeamRows };

export type TeamImportResult = { status: 'imported'; added: number; updated: number } | { status: 'duplicate' };

/**
 * Merges one checked file in one transaction: it is stored whole or, if anything fails
 * (or the page closes), not at all. A file already imported changes nothing. The file
 * comes as its team rows (lib/io/team-rows, made in the reader worker) or as read.
 */
export async function importTeamFile(db: TeamDb, checked: ExportFile | TeamFileRows, now: number): Promise<TeamImportResult> {
  const file = 'records' in checked ? teamFileRows(checked) : checked;
  const agent = file.header.agent.name;
  let afterCommit = () => {};
  const result = await db.transaction('rw', [...teamRowTables(db), db.files, db.disagreements], async (): Promise<TeamImportResult> => {
    if (await db.files.get(file.sha256)) return { status: 'duplicate' };
    const found = new Map<string, Disagreement>();
    const done = await upsertRows(
      db,
      file.columns.keys,
      (before, i) => {
        const { row, disagreements } = mergeTeamRecord(before, parseRow(rowAt(file, i)));
        for (const d of disagreements) found.set(d.id, d);
        return row;
      },
      file,
    );
    afterCommit = done.afterCommit;
    if (found.size > 0) await db.disagreements.bulkPut([...found.values()]);
    await db.files.add({
      sha256: file.sha256,
      name: file.name,
      agent,
      exportedAt: file.header.exportedAt,
      period: file.header.period,
      settings: file.header.settings,
      records: file.count,
      importedAt: now,
    });
    const added = done.stored.reduce((n, s) => (s ? n : n + 1), 0);
    return { status: 'imported', added, updated: file.count - added };
  });
  afterCommit();
  return result;
}

export interface TeamData {
  records: TeamRecord[];
  files: TeamFileRow[];
  disagreements: Disagreement[];
}

/** Every merged record, in store order (tests and small stores; the page reads columns). */
export async function readTeam(db: TeamDb = getTeamDb()): Promise<TeamData> {
  return db.transaction('r', db.chunks, db.files, db.disagreements, async () => ({
    records: await chunksRecords(await db.chunks.toArray()),
    files: await db.files.orderBy('agent').toArray(),
    disagreements: await db.disagreements.toArray(),
  }));
}

/** How many messages the team store holds (read from the chunks' index, not their records). */
export async function countTeamRecords(db: TeamDb = getTeamDb()): Promise<number> {
  let n = 0;
  await db.chunkColumns.each((c) => (n += c.at.length));
  return n;
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
 * Reads the team store into columns (lib/metrics/columns) about COLUMN_PAGE records (whole
 * chunks) at a time, in one read transaction (an import finishing meanwhile is either all
 * in or all out). Each page's records are dropped once their columns are taken: at a
 * million messages the page never holds the ~1 kB-a-message objects (texts included) all
 * at once. The disputed messages' links are taken on the way.
 */
export async function readTeamColumns(db: TeamDb = getTeamDb(), pageSize = COLUMN_PAGE): Promise<TeamColumnsData> {
  const cache = columnCaches.get(db);
  // Used once: the page does not keep a second copy of the store's index beside the columns.
  columnCaches.delete(db);
  return db.transaction('r', [db.chunks, db.chunkColumns, db.files, db.disagreements, db.meta], async () => {
    const disagreements = await db.disagreements.toArray();
    const wanted = new Set(disagreements.map((d) => d.key));
    const holding = new Set<number>();
    const perPage = Math.max(1, Math.round(pageSize / TEAM_CHUNK));
    const epoch = (await db.meta.get('epoch'))?.value ?? '';
    const kept = cache && cache.epoch === epoch && cache.rev === (await readRev(db)) ? cache.chunks : undefined;
    // Every chunk in id order; the ones this page wrote (and nobody changed since) from memory.
    const ids = (await db.chunkColumns.toCollection().primaryKeys()) as number[];
    const builder = new ColumnBuilder();
    for (let p = 0; p < ids.length; p += perPage) {
      const page = ids.slice(p, p + perPage);
      const missing = kept ? page.filter((id) => !kept.has(id)) : page;
      const rows = missing.length > 0 ? await db.chunkColumns.bulkGet(missing) : [];
      // A page from memory still ends the task with a (tiny) request, as a read would: 2M
      // messages added in one task froze the page for a second (a timer would let the
      // read transaction end).
      if (missing.length === 0) await db.meta.get('epoch');
      const read = new Map(rows.map((row, j) => [missing[j]!, row]));
      for (const id of page) {
        const row = kept?.get(id) ?? read.get(id);
        if (!row) throw new Error('the team store lost a chunk its index lists');
        const c = parseStored(row);
        addChunk(builder, c);
        if (wanted.size > 0 && c.keys.some((k) => wanted.has(k))) holding.add(id);
      }
    }
    // The few disputed messages' links and claimants, from their whole records.
    const disputed = new Map<string, { permalink: string; claimants: string[] }>();
    for (const r of await chunksRecords(await db.chunks.bulkGet([...holding]))) {
      if (wanted.has(r.key)) disputed.set(r.key, { permalink: r.permalink, claimants: r.claimants });
    }
    return { columns: builder.build(), files: await db.files.orderBy('agent').toArray(), disagreements, disputed };
  });
}

/** Chunks read per request by eachChunkWhere: the page holds about COLUMN_PAGE records at a time. */
const CHUNKS_PER_READ = Math.max(1, Math.round(COLUMN_PAGE / TEAM_CHUNK));

/**
 * Visits the records of the chunks whose columns `keep` accepts, a few chunks at a time in
 * one read transaction, so a file not sorted by time (or a wide period) never has the
 * whole store in memory at once.
 */
async function eachChunkWhere(db: TeamDb, keep: (c: TeamChunkColumns) => boolean, visit: (r: TeamRecord) => void): Promise<void> {
  await db.transaction('r', db.chunks, db.chunkColumns, async () => {
    const ids: number[] = [];
    await db.chunkColumns.each((c) => keep(unpackColumns(c)) && ids.push(c.id));
    for (let i = 0; i < ids.length; i += CHUNKS_PER_READ) {
      for (const r of await chunksRecords(await db.chunks.bulkGet(ids.slice(i, i + CHUNKS_PER_READ)))) visit(r);
    }
  });
}

/** The records with a time in [from, to) (the cases CSV of a period), by time; only chunks with a message in the period are read. */
export async function readTeamPeriod(db: TeamDb, period: { from: number; to: number }): Promise<TeamRecord[]> {
  const inPeriod = (t: number) => t >= period.from && t < period.to;
  const out: TeamRecord[] = [];
  await eachChunkWhere(db, (c) => c.at.some(inPeriod), (r) => inPeriod(r.at) && out.push(r));
  return out.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The link of each case's first customer message (its first message when none), for the
 * cases a drill-down lists: read on demand (only the chunks holding those cases), the
 * columns hold no links.
 */
export async function casePermalinks(db: TeamDb, caseKeys: readonly string[]): Promise<Map<string, string>> {
  const wanted = new Set(caseKeys);
  const first = new Map<string, TeamRecord>();
  const rank = (r: TeamRecord) => (r.fromBrand ? 1 : 0);
  await eachChunkWhere(
    db,
    (c) => c.caseKeys.some((k) => wanted.has(k)),
    (r) => {
      if (!wanted.has(r.caseKey)) return;
      const seen = first.get(r.caseKey);
      if (!seen || rank(r) < rank(seen) || (rank(r) === rank(seen) && r.at < seen.at)) first.set(r.caseKey, r);
    },
  );
  return new Map([...first].map(([k, r]) => [k, r.permalink]));
}

/** Removes every imported file and record (the lead's own records are another database). */
export async function clearTeam(db: TeamDb = getTeamDb()): Promise<void> {
  await db.transaction('rw', [...teamRowTables(db), db.files, db.disagreements], async () => {
    await Promise.all([db.chunks.clear(), db.chunkColumns.clear(), db.files.clear(), db.disagreements.clear()]);
    // Chunk ids start over: a page's cached key map must not be trusted any more.
    await db.meta.put({ id: 'epoch', value: crypto.randomUUID() });
  });
  releaseTeamKeys(db);
  columnCaches.delete(db);
}

/** The lead credits a reply two agents claimed to one of them; the dispute is closed. */
export async function settleTeamCredit(db: TeamDb, key: string, agent: string): Promise<void> {
  let afterCommit = () => {};
  await db.transaction('rw', [...teamRowTables(db), db.disagreements], async () => {
    const done = await upsertRows(db, [key], (row) => {
      if (!row) throw new Error(`${key} is not in the team data`);
      return settleCredit(row, agent);
    });
    afterCommit = done.afterCommit;
    await db.disagreements.where('key').equals(key).filter((d) => d.field === 'credit').delete();
  });
  afterCommit();
}
