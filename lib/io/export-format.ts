/**
 * The agent export file (format `threadmark-export`, version 1): NDJSON, one JSON object
 * per line, documented in README.md ("Export file").
 *
 *   line 1      {"kind":"header", format, schemaVersion, appVersion, agent:{name}, exportedAt, period, settings}
 *   line 2..n+1 {"kind":"message","record":{…MessageRecord}}
 *   line n+2    {"kind":"footer","count":n,"sha256":"<hex of every preceding line + \n>"}
 *
 * The footer catches a truncated or edited attachment. Pure: no Dexie, no browser.*; the
 * hash uses crypto.subtle, present in extension pages, workers and Node 20.
 */
import { z } from 'zod';
import { messageRecordSchema, settingsSchema, type MessageRecord, type Settings } from '../schema/records';
import { caseKeyOf, messageKey, X_HANDLE_RE } from '../schema/taxonomy';
import { checkRecordLine, EARLIEST_TIME } from './export-record-check';

export const EXPORT_FORMAT = 'threadmark-export';
export const EXPORT_VERSION = 1;
/** Larger files are refused before they are read (50 agents × 2 years is ~25 MB a file). */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;
/** A file with more problems than this stops being read: the lead needs the first ones. */
const MAX_ERRORS = 20;

export { EARLIEST_TIME };
/** Times may run ahead of the export's clock by this much (another machine's clock). */
const CLOCK_SLACK_MS = 24 * 3_600_000;

/**
 * Names a lead's report shows as agent identities. Refused: markup, control characters,
 * and a leading spreadsheet formula character (OWASP CSV injection), so a hostile file
 * cannot plant any of them in the lead's page or spreadsheets.
 */
export const agentNameSchema = z
  .string()
  .trim()
  .min(1, 'empty name')
  .max(100, 'name longer than 100 characters')
  .refine((s) => !/[<>]/.test(s), 'name contains < or >')
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'name contains a control character')
  .refine((s) => !/^[=+\-@]/.test(s), 'name starts with = + - or @');

const epochIn = (max: number) =>
  z
    .number()
    .int()
    .min(EARLIEST_TIME, 'date before 2006')
    .max(max, 'date after the export');

/** A record as the file carries it: the stored schema plus the consistency a page could break. */
export function exportRecordSchema(maxTime: number) {
  const t = epochIn(maxTime);
  // safeExtend: the record schema may carry its own refinements (site rules), which stay.
  return messageRecordSchema
    .safeExtend({
      at: t,
      firstSeenAt: t,
      updatedAt: t,
      taggedAt: t.nullable(),
      agent: agentNameSchema.nullable(),
    })
    .superRefine((r, ctx) => {
      if (r.key !== messageKey(r.platform, r.id)) ctx.addIssue({ code: 'custom', path: ['key'], message: 'key is not platform:id' });
      if (r.caseKey !== caseKeyOf(r.platform, r.rootId, r.customer)) {
        ctx.addIssue({ code: 'custom', path: ['caseKey'], message: 'caseKey is not platform:rootId:customer' });
      }
      if (r.platform === 'x') {
        for (const field of ['author', 'customer'] as const) {
          if (!X_HANDLE_RE.test(r[field])) ctx.addIssue({ code: 'custom', path: [field], message: 'not an X handle' });
        }
      }
    });
}

/** A message line of the file (the fast check in export-record-check.ts agrees with it). */
export function recordLineSchema(maxTime: number) {
  return z.object({ kind: z.literal('message'), record: exportRecordSchema(maxTime) }).strict();
}

/** Brand Page names (settings `brandPageNames`, by Page id) in a file: a lead's report and spreadsheets show them, so each must be a safe name. */
export function checkPageNames(names: Readonly<Record<string, string>>, ctx: z.RefinementCtx, path: (string | number)[]): void {
  for (const [id, name] of Object.entries(names)) {
    if (!agentNameSchema.safeParse(name).success) ctx.addIssue({ code: 'custom', path: [...path, id], message: 'unsafe name' });
  }
}

/** The exporting agent's settings; `brandPageNames` defaults to none, so files written before names existed read as before. */
const settingsInFileSchema = settingsSchema.superRefine((s, ctx) => {
  if (s.agentName !== '' && !agentNameSchema.safeParse(s.agentName).success) {
    ctx.addIssue({ code: 'custom', path: ['agentName'], message: 'unsafe name' });
  }
  s.brandHandles.facebook.forEach((page, i) => {
    if (!agentNameSchema.safeParse(page).success) ctx.addIssue({ code: 'custom', path: ['brandHandles', 'facebook', i], message: 'unsafe name' });
  });
  checkPageNames(s.brandPageNames, ctx, ['brandPageNames']);
});

export const exportHeaderSchema = z
  .object({
    kind: z.literal('header'),
    format: z.literal(EXPORT_FORMAT),
    schemaVersion: z.literal(EXPORT_VERSION),
    appVersion: z.string().regex(/^[0-9A-Za-z.+-]{1,40}$/, 'not a version'),
    agent: z.object({ name: agentNameSchema }).strict(),
    exportedAt: z.number().int().min(EARLIEST_TIME, 'date before 2006'),
    /** Half-open [from, to) in ms; from null = since the first record. */
    period: z
      .object({ from: z.number().int().min(0).nullable(), to: z.number().int().min(EARLIEST_TIME, 'date before 2006') })
      .strict()
      .refine((p) => p.from === null || p.from < p.to, 'period ends before it starts'),
    settings: settingsInFileSchema,
  })
  .strict();
export type ExportHeader = z.infer<typeof exportHeaderSchema>;

export const exportFooterSchema = z
  .object({
    kind: z.literal('footer'),
    count: z.number().int().min(0),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256'),
  })
  .strict();

/**
 * Records zod returned (a line the fast check refused and zod accepted: never seen so far,
 * but zod is the definition): their line's text is not known to be the record as read, so
 * lib/io/team-rows writes them out again instead of reusing the line.
 */
export const readBySchema = new WeakSet<MessageRecord>();

/** One parsed, checked export file. */
export interface ExportFile {
  name: string;
  header: ExportHeader;
  records: MessageRecord[];
  /** Of the file's content lines: the same file imported twice has the same hash. */
  sha256: string;
}

export type ExportProblem =
  | 'tooLarge'
  | 'empty'
  | 'notJson'
  | 'notExport'
  | 'newerVersion'
  | 'field'
  | 'duplicate'
  | 'truncated'
  | 'count'
  | 'checksum';

/** What is wrong and where: `line` is 1-based (0 for the file as a whole); `field` a dotted path. */
export interface ExportError {
  file: string;
  line: number;
  field: string;
  problem: ExportProblem;
  /** The validator's own words (English, technical), shown after the translated sentence. */
  detail: string;
}

export type ExportReadResult = { ok: true; file: ExportFile } | { ok: false; errors: ExportError[] };

export interface ExportInput {
  agentName: string;
  exportedAt: number;
  period: { from: number | null; to: number };
  settings: Settings;
  records: readonly MessageRecord[];
  appVersion: string;
}

export async function sha256Hex(text: string): Promise<string> {
  return sha256HexOf(new TextEncoder().encode(text));
}

async function sha256HexOf(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Writes the export file. Every line is validated as the reader will validate it, so an
 * agent never hands over a file the lead cannot import; a record that fails names itself.
 */
export async function writeExportFile(input: ExportInput): Promise<string> {
  const header: ExportHeader = exportHeaderSchema.parse({
    kind: 'header',
    format: EXPORT_FORMAT,
    schemaVersion: EXPORT_VERSION,
    appVersion: input.appVersion,
    agent: { name: input.agentName },
    exportedAt: input.exportedAt,
    period: input.period,
    settings: input.settings,
  });
  const recordSchema = exportRecordSchema(input.exportedAt + CLOCK_SLACK_MS);
  const lines = [JSON.stringify(header)];
  for (const r of input.records) {
    // In an agent's file, "me" is the exporting agent whatever name the record was stored under.
    const checked = recordSchema.safeParse({ ...r, agent: r.sentBy === 'me' ? header.agent.name : null });
    if (!checked.success) throw new Error(`Record ${r.key} cannot be exported: ${describeIssue(checked.error.issues[0]!).detail}`);
    lines.push(JSON.stringify({ kind: 'message', record: checked.data }));
  }
  const body = lines.map((l) => `${l}\n`).join('');
  const footer = { kind: 'footer', count: input.records.length, sha256: await sha256Hex(body) };
  return `${body}${JSON.stringify(footer)}\n`;
}

/** `threadmark-ana-2026-11-01_2026-11-30.tmk.jsonl` (UTC dates). */
export function exportFileName(agentName: string, period: { from: number | null; to: number }): string {
  const slug =
    agentName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'agent';
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const to = day(period.to - 1);
  return `threadmark-${slug}-${period.from === null ? 'all' : day(period.from)}_${to}.tmk.jsonl`;
}

function describeIssue(issue: z.core.$ZodIssue): { field: string; detail: string } {
  return { field: issue.path.map(String).join('.'), detail: issue.message };
}

/** Reads and checks a whole export file; nothing is returned unless every line is valid. */
export async function readExportFile(name: string, text: string): Promise<ExportReadResult> {
  if (text.length > MAX_EXPORT_BYTES) return tooLarge(name);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return checkExport(name, body, (lines) => sha256Hex(contentBeforeLastLine(body, lines)));
}

/**
 * The same check of a file given as its bytes (the report's workers get the File): the
 * checksum is taken over the bytes themselves, not over the decoded text encoded back to
 * UTF-8 (a second 25 MB copy and ~a third of a worker's time per file in Chromium). Same
 * hash as readExportFile's: the file's own UTF-8 up to the footer line.
 */
export async function readExportBytes(name: string, bytes: Uint8Array): Promise<ExportReadResult> {
  if (bytes.length > MAX_EXPORT_BYTES) return tooLarge(name);
  // Decoded as File.text() decodes (a bad byte becomes U+FFFD); TextDecoder drops a leading
  // BOM, as readExportFile does. (A fatal decoder, to find bad bytes, was slower.)
  const body = new TextDecoder().decode(bytes);
  // A U+FFFD may stand for bytes that were not UTF-8: then the checksum is of the text, as
  // in readExportFile, never of bytes the records do not show.
  if (body.includes('\uFFFD')) return readExportFile(name, body);
  // Valid UTF-8 from here: the text encoded again would be these very bytes.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return checkExport(name, body, (lines) => {
    // A CRLF file is hashed without its CRs: rebuilt from its lines, as readExportFile does.
    if (body.includes('\r')) return sha256Hex(contentBeforeLastLine(body, lines));
    // Every byte up to the last \n before the final line (the footer); '\n' is one byte in UTF-8.
    const end = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
    return sha256HexOf(bytes.subarray(bom, Math.max(bom, end)));
  });
}

function tooLarge(name: string): ExportReadResult {
  return { ok: false, errors: [{ file: name, line: 0, field: '', problem: 'tooLarge', detail: `larger than ${MAX_EXPORT_BYTES / 1024 / 1024} MB` }] };
}

/** Checks a file's text (BOM removed); `hash` gives the SHA-256 of every line but the last. */
async function checkExport(name: string, body: string, hash: (lines: readonly string[]) => Promise<string>): Promise<ExportReadResult> {
  const errors: ExportError[] = [];
  const fail = (line: number, field: string, problem: ExportProblem, detail: string) => {
    errors.push({ file: name, line, field, problem, detail });
  };
  // A mail client may turn \n into \r\n: lines are compared without their \r.
  const lines = body.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) {
    fail(0, '', 'empty', 'the file is empty');
    return { ok: false, errors };
  }

  const parsed = lines.map((line, i): unknown => {
    try {
      return JSON.parse(line);
    } catch {
      return new JsonError(i + 1);
    }
  });
  const kindOf = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as { kind?: unknown }).kind : undefined);

  const first = parsed[0];
  if (first instanceof JsonError || kindOf(first) !== 'header') {
    fail(1, 'kind', 'notExport', 'the first line is not a Threadmark export header');
    return { ok: false, errors };
  }
  const version = (first as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version === 'number' && version > EXPORT_VERSION) {
    fail(1, 'schemaVersion', 'newerVersion', `version ${version}; this build reads up to ${EXPORT_VERSION}`);
    return { ok: false, errors };
  }
  const header = exportHeaderSchema.safeParse(first);
  if (!header.success) {
    for (const issue of header.error.issues.slice(0, MAX_ERRORS)) {
      const { field, detail } = describeIssue(issue);
      fail(1, field, field === 'format' || field === 'schemaVersion' ? 'notExport' : 'field', detail);
    }
    return { ok: false, errors };
  }

  const last = parsed[parsed.length - 1];
  const hasFooter = parsed.length >= 2 && kindOf(last) === 'footer';
  if (!hasFooter) fail(lines.length, '', 'truncated', 'the closing line is missing: the file was cut short');

  const maxTime = header.data.exportedAt + CLOCK_SLACK_MS;
  // Built on the first line the fast check refuses: zod then names the field and the fault.
  let lineSchema: ReturnType<typeof recordLineSchema> | null = null;
  const records: MessageRecord[] = [];
  const seen = new Set<string>();
  const end = hasFooter ? parsed.length - 1 : parsed.length;
  for (let i = 1; i < end && errors.length < MAX_ERRORS; i++) {
    const value = parsed[i];
    if (value instanceof JsonError) {
      // The last line of a cut file is usually half a line: say "truncated", not "bad JSON".
      if (!hasFooter && i === end - 1) continue;
      fail(i + 1, '', 'notJson', 'not a JSON line');
      continue;
    }
    if (kindOf(value) !== 'message') {
      fail(i + 1, 'kind', 'field', 'expected a message line');
      continue;
    }
    let record = checkRecordLine(value, maxTime);
    if (record === null) {
      lineSchema ??= recordLineSchema(maxTime);
      const line = lineSchema.safeParse(value);
      if (!line.success) {
        const { field, detail } = describeIssue(line.error.issues[0]!);
        fail(i + 1, field, 'field', detail);
        continue;
      }
      // Only if the two ever disagreed: zod is the definition.
      record = line.data.record;
      readBySchema.add(record);
    }
    if (seen.has(record.key)) {
      fail(i + 1, 'record.key', 'duplicate', `${record.key} appears twice`);
      continue;
    }
    seen.add(record.key);
    records.push(record);
  }
  if (errors.length > 0 || !hasFooter) return { ok: false, errors };

  const footer = exportFooterSchema.safeParse(last);
  if (!footer.success) {
    const { field, detail } = describeIssue(footer.error.issues[0]!);
    fail(lines.length, field, 'field', detail);
    return { ok: false, errors };
  }
  if (footer.data.count !== records.length) {
    fail(lines.length, 'count', 'count', `the file says ${footer.data.count} records, it holds ${records.length}`);
    return { ok: false, errors };
  }
  const sha256 = await hash(lines);
  if (sha256 !== footer.data.sha256) {
    fail(lines.length, 'sha256', 'checksum', 'the lines do not match their checksum: the file was changed or damaged');
    return { ok: false, errors };
  }
  return { ok: true, file: { name, header: header.data, records, sha256 } };
}

/**
 * Every line but the last, each with its \n: what the footer's sha256 covers. Without CRs
 * that is the file's own text up to the footer line, a slice rather than a rebuilt copy of
 * every line (a 25 MB file); a CRLF file is rebuilt without its CRs.
 */
function contentBeforeLastLine(body: string, lines: readonly string[]): string {
  if (!body.includes('\r')) return body.slice(0, body.lastIndexOf('\n', body.length - 2) + 1);
  return lines
    .slice(0, -1)
    .map((l) => `${l}\n`)
    .join('');
}

class JsonError {
  constructor(readonly line: number) {}
}
