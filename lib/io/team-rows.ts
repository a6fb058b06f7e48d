/**
 * A checked export file as the team store takes it (lib/db/team.ts, schema v3): each record
 * as its team row, already serialised (JSON of lib/team/merge `fromAgentFile`, UTF-8, one
 * row a line), plus the fields the store's per-chunk column rows hold. Built in the
 * report's reader worker and moved to the page (transferred, not copied), so the page
 * neither receives 40k record objects nor hands them to IndexedDB: it copies byte ranges
 * into chunk rows, which IndexedDB stores as they are. A Chromium trace of a 40k-message
 * file: the page spent ~0.3 s taking the records from the worker and ~0.6 s handing them to
 * IndexedDB, as objects and as strings alike. Pure.
 */
import type { MessageRecord } from '../schema/records';
import { fromAgentFile, type TeamRecord } from '../team/merge';
import { readBySchema, type ExportError, type ExportFile, type ExportHeader } from './export-format';

/**
 * Records per chunk row of the team store (lib/db/team.ts). Here, not there, because the
 * reader worker cuts a file's rows into chunk texts too (chunkBlobs) and must not load Dexie.
 */
export const TEAM_CHUNK = 2_000;

/** Bits of a message's `flags` in the column rows. */
export const FLAG_FACEBOOK = 1;
export const FLAG_APPROX = 2;
export const FLAG_FROM_BRAND = 4;
export const FLAG_NO_REPLY_NEEDED = 8;
export const FLAG_SENT_BY_ME = 16;
export const FLAG_SENT_BY_TEAMMATE = 32;

/** One array per field, message i at index i (the store's chunk column rows, without their id). */
export interface RowColumns {
  keys: string[];
  caseKeys: string[];
  at: Float64Array;
  /** FLAG_* bits: platform, time precision, from the brand, no reply needed, sent by. */
  flags: Uint8Array;
  agent: (string | null)[];
  status: MessageRecord['status'][];
  sentiment: MessageRecord['sentiment'][];
  queryType: MessageRecord['queryType'][];
  channel: MessageRecord['channel'][];
}

export function emptyColumns(n: number): RowColumns {
  return { keys: new Array<string>(n), caseKeys: new Array<string>(n), at: new Float64Array(n), flags: new Uint8Array(n), agent: new Array<string | null>(n), status: new Array(n), sentiment: new Array(n), queryType: new Array(n), channel: new Array(n) };
}

/** Writes record r's fields at index i. */
export function setColumns(c: RowColumns, i: number, r: TeamRecord): void {
  c.keys[i] = r.key;
  c.caseKeys[i] = r.caseKey;
  c.at[i] = r.at;
  c.flags[i] =
    (r.platform === 'facebook' ? FLAG_FACEBOOK : 0) |
    (r.atPrecision === 'approx' ? FLAG_APPROX : 0) |
    (r.fromBrand ? FLAG_FROM_BRAND : 0) |
    (r.noReplyNeeded ? FLAG_NO_REPLY_NEEDED : 0) |
    (r.sentBy === 'me' ? FLAG_SENT_BY_ME : r.sentBy === 'teammate' ? FLAG_SENT_BY_TEAMMATE : 0);
  c.agent[i] = r.agent;
  c.status[i] = r.status;
  c.sentiment[i] = r.sentiment;
  c.queryType[i] = r.queryType;
  c.channel[i] = r.channel;
}

/** Copies message j of `from` to index i of `to`. */
export function copyColumns(to: RowColumns, i: number, from: RowColumns, j: number): void {
  to.keys[i] = from.keys[j]!;
  to.caseKeys[i] = from.caseKeys[j]!;
  to.at[i] = from.at[j]!;
  to.flags[i] = from.flags[j]!;
  to.agent[i] = from.agent[j]!;
  to.status[i] = from.status[j]!;
  to.sentiment[i] = from.sentiment[j]!;
  to.queryType[i] = from.queryType[j]!;
  to.channel[i] = from.channel[j]!;
}

/** Rows as UTF-8: row i is the JSON in text[starts[i] … starts[i + 1] − 1), the byte before the next start a \n. */
export interface RowText {
  text: Uint8Array;
  /** n + 1 offsets. */
  starts: Uint32Array;
}

/** A checked file's records as team rows: row i is record i's, alone in the store. */
export interface TeamFileRows extends RowText {
  name: string;
  header: ExportHeader;
  sha256: string;
  count: number;
  columns: RowColumns;
  /**
   * Rows k·TEAM_CHUNK … (k+1)·TEAM_CHUNK − 1 as one Blob each (made in the reader worker):
   * the store keeps a new chunk of exactly those rows as that Blob, so the page hands
   * IndexedDB a handle instead of 1.3 MB of bytes it would copy and compress on the page's
   * thread (~0.3 s a 40k-message file in a Chromium trace, the page's largest cost).
   */
  blobs?: Blob[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Rows (JSON texts without line breaks: JSON.stringify escapes them) as one UTF-8 buffer of its own. */
export function encodeRows(rows: readonly string[]): RowText {
  // One encode of the joined text (row by row cost ~12 µs a row in a worker), then the
  // offsets from its \n bytes: UTF-8 never uses 0x0a inside a character.
  const text = encoder.encode(rows.length === 0 ? '' : `${rows.join('\n')}\n`);
  const starts = new Uint32Array(rows.length + 1);
  let at = 0;
  for (let i = 0; i < rows.length; i++) {
    starts[i] = at;
    at = text.indexOf(0x0a, at) + 1;
  }
  starts[rows.length] = at;
  return { text, starts };
}

/** The rows of one chunk's text (its own rows, \n after each). */
export function decodeRows(text: Uint8Array): string[] {
  if (text.length === 0) return [];
  const rows = decoder.decode(text).split('\n');
  rows.pop();
  return rows;
}

/** Row i of a file's rows, as JSON text. */
export const rowAt = (f: RowText, i: number): string => decoder.decode(f.text.subarray(f.starts[i]!, f.starts[i + 1]! - 1));

/**
 * A row is the JSON of a TeamRecord, or `["agent",<a message line of agent's file>]`: the
 * line as the file has it (checked, so it parses to the very record that was checked),
 * made a team record when read. That spares the worker writing out and encoding again
 * every record of a file (about as long as reading it).
 */
export function parseTeamRow(row: string): TeamRecord {
  const v = JSON.parse(row) as TeamRecord | [string, { record: MessageRecord }];
  return Array.isArray(v) ? fromAgentFile(v[1].record, v[0]) : v;
}

/**
 * Where each of the n message lines is in the file's bytes ([start, end) pairs, without a
 * CR), or null if the lines are not header, n messages, footer. UTF-8 uses 0x0a only for \n.
 */
function messageLines(bytes: Uint8Array, n: number): Uint32Array | null {
  const at = new Uint32Array(2 * n);
  let end = bytes.indexOf(0x0a);
  for (let i = 0; i < n; i++) {
    if (end < 0) return null;
    const start = end + 1;
    end = bytes.indexOf(0x0a, start);
    if (end < 0) return null;
    at[2 * i] = start;
    at[2 * i + 1] = bytes[end - 1] === 0x0d ? end - 1 : end;
  }
  // The footer: one more line, the last.
  const footerEnd = bytes.indexOf(0x0a, end + 1);
  return footerEnd < 0 || footerEnd >= bytes.length - 1 ? at : null;
}

/**
 * The file's records as team rows. `bytes`: the file as read (readExportBytes), whose
 * message lines become the rows of the records the fast check accepted, as they are.
 */
export function teamFileRows(file: ExportFile, bytes?: Uint8Array): TeamFileRows {
  const agent = file.header.agent.name;
  const n = file.records.length;
  const columns = emptyColumns(n);
  const lines = bytes ? messageLines(bytes, n) : null;
  const prefix = encoder.encode(`[${JSON.stringify(agent)},`);
  const written = new Array<Uint8Array | undefined>(n);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const record = file.records[i]!;
    const row = fromAgentFile(record, agent);
    setColumns(columns, i, row);
    if (lines && !readBySchema.has(record)) size += prefix.length + lines[2 * i + 1]! - lines[2 * i]! + 2;
    else size += (written[i] = encoder.encode(`${JSON.stringify(row)}\n`)).length;
  }
  const text = new Uint8Array(size);
  const starts = new Uint32Array(n + 1);
  let at = 0;
  for (let i = 0; i < n; i++) {
    starts[i] = at;
    const own = written[i];
    if (own) {
      text.set(own, at);
      at += own.length;
    } else {
      text.set(prefix, at);
      at += prefix.length;
      const line = bytes!.subarray(lines![2 * i]!, lines![2 * i + 1]!);
      text.set(line, at);
      at += line.length;
      text[at++] = 0x5d; // ]
      text[at++] = 0x0a;
    }
  }
  starts[n] = at;
  return { name: file.name, header: file.header, sha256: file.sha256, count: n, columns, text, starts };
}

/** The file's rows cut into chunk texts (TeamFileRows.blobs). */
export function chunkBlobs(f: RowText & { count: number }): Blob[] {
  const out: Blob[] = [];
  for (let s = 0; s < f.count; s += TEAM_CHUNK) out.push(new Blob([f.text.subarray(f.starts[s]!, f.starts[Math.min(f.count, s + TEAM_CHUNK)]!) as Uint8Array<ArrayBuffer>]));
  return out;
}

export type TeamReadResult = { ok: true; file: TeamFileRows } | { ok: false; errors: ExportError[] };

/** The buffers a worker hands over instead of copying (the typed arrays). */
export const transferablesOf = (f: TeamFileRows): ArrayBuffer[] => [f.text, f.starts, f.columns.at, f.columns.flags].map((a) => a.buffer as ArrayBuffer);
