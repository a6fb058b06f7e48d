/**
 * A seeded generator of broken export files for the fuzz tests. Every mutation that edits
 * a line re-seals the file (new count and checksum), so the file is refused for the
 * mutation itself, not merely because the checksum no longer matches.
 */
import { sha256Hex } from '../../../lib/io/export-format';
import { seededRandom } from '../../seeded-random';

/** The shared seeded generator (mulberry32), with the picks the mutations need. */
export function rng(seed: number) {
  const next = seededRandom(seed);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}
type Rng = ReturnType<typeof rng>;
type Json = Record<string, unknown>;

export interface Malformed {
  kind: string;
  text: string;
  /** The file was re-sealed after the edit: its checksum matches its lines. */
  resealed: boolean;
}

async function reseal(objects: Json[], raw?: string[]): Promise<string> {
  const lines = raw ?? objects.map((o) => JSON.stringify(o));
  const body = lines.map((l) => `${l}\n`).join('');
  const footer = { kind: 'footer', count: lines.length - 1, sha256: await sha256Hex(body) };
  return `${body}${JSON.stringify(footer)}\n`;
}

const HTML = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'Ana <b>'];
const FORMULAS = ['=1+1', '=HYPERLINK("http://evil","x")', '+cmd|" /C calc"!A0', '-2+3', '@SUM(A1:A9)'];
const BAD_TIMES = [-1, 0, 1.5, 1e15, Date.UTC(2005, 0, 1), Number.MAX_SAFE_INTEGER, '2024-01-01', null];
const BAD_IDS = ['', 'abc', '12ab', '1'.repeat(30), '-1', '1 2', 'pfbid', '../../etc', '123\n'];
const BAD_VERSIONS = [0, 2, 3, 99, -1, '1', null, 1.5];
const POLLUTION = ['__proto__', 'constructor', 'prototype'];
const RECORD_FIELDS = ['platform', 'id', 'rootId', 'author', 'at', 'atPrecision', 'queryType', 'status', 'sentiment', 'sentBy', 'noReplyNeeded', 'key', 'caseKey', 'customer'];
const WRONG_VALUES: unknown[] = [null, 42, 'nonsense', true, [], {}, -7, ''];
const NULLABLE = new Set(['queryType', 'status', 'sentiment', 'sentBy', 'channel', 'inReplyTo', 'taggedAt', 'agent']);

/** Generates `n` broken variants of a valid export file `text` (at least two records). */
export async function malformedExports(text: string, n: number, seed: number): Promise<Malformed[]> {
  const r = rng(seed);
  const lines = text.split('\n').filter(Boolean);
  const objects = lines.slice(0, -1).map((l) => JSON.parse(l) as Json);
  const out: Malformed[] = [];
  const clone = () => structuredClone(objects);
  const recordAt = (objs: Json[]) => (objs[1 + r.int(objs.length - 1)]!.record as Json);

  const mutations: Record<string, () => Promise<Malformed>> = {
    async truncated() {
      // Any cut that loses more than the final newline leaves an incomplete file.
      const cut = r.int(text.length - 1);
      return { kind: 'truncated', text: text.slice(0, cut), resealed: false };
    },
    async flippedField() {
      const objs = clone();
      const rec = recordAt(objs);
      const field = r.pick(RECORD_FIELDS);
      // Leave out the few "wrong" values that are valid for this field (null tags, a word as a handle).
      const wrong = WRONG_VALUES.filter(
        (v) => !(NULLABLE.has(field) && v === null) && !(field === 'author' && v === 'nonsense') && !(field === 'noReplyNeeded' && v === true),
      );
      rec[field] = r.pick(wrong);
      return { kind: `flipped ${field}`, text: await reseal(objs), resealed: true };
    },
    async droppedField() {
      const objs = clone();
      const rec = recordAt(objs);
      delete rec[r.pick(RECORD_FIELDS)];
      return { kind: 'dropped field', text: await reseal(objs), resealed: true };
    },
    async wrongVersion() {
      const objs = clone();
      objs[0]!.schemaVersion = r.pick(BAD_VERSIONS);
      return { kind: 'wrong version', text: await reseal(objs), resealed: true };
    },
    async pollution() {
      const key = r.pick(POLLUTION);
      const raw = objects.map((o) => JSON.stringify(o));
      const i = r.int(raw.length);
      const where = r.int(3);
      // Written as raw JSON: JSON.parse makes "__proto__" an own key, as a hostile file would.
      if (i === 0 && where === 1) raw[0] = raw[0]!.replace('"settings":{', `"settings":{"${key}":{"isAdmin":true},`);
      else if (i > 0 && where === 1) raw[i] = raw[i]!.replace('"record":{', `"record":{"${key}":{"isAdmin":true},`);
      else raw[i] = raw[i]!.replace(/^\{/, `{"${key}":{"polluted":true},`);
      return { kind: `pollution ${key}`, text: await reseal(objects, raw), resealed: true };
    },
    async htmlName() {
      const objs = clone();
      const name = r.pick(HTML);
      if (r.int(2) === 0) (objs[0]!.agent as Json).name = name;
      else {
        const rec = recordAt(objs);
        rec.agent = name;
        rec.sentBy = 'me';
      }
      return { kind: 'html name', text: await reseal(objs), resealed: true };
    },
    async formulaName() {
      const objs = clone();
      const name = r.pick(FORMULAS);
      const where = r.int(3);
      if (where === 0) (objs[0]!.agent as Json).name = name;
      else if (where === 1) ((objs[0]!.settings as Json).brandHandles as Json).facebook = [name];
      else recordAt(objs).author = name;
      return { kind: 'formula name', text: await reseal(objs), resealed: true };
    },
    async dateOutOfRange() {
      const objs = clone();
      const field = r.pick(['at', 'firstSeenAt', 'updatedAt', 'taggedAt', 'exportedAt', 'future']);
      if (field === 'exportedAt') objs[0]!.exportedAt = r.pick(BAD_TIMES.filter((t) => t !== 1e15 && t !== Number.MAX_SAFE_INTEGER));
      else if (field === 'future') recordAt(objs).at = (objs[0]!.exportedAt as number) + 30 * 86_400_000;
      else recordAt(objs)[field] = r.pick(BAD_TIMES.filter((t) => !(field === 'taggedAt' && t === null)));
      return { kind: `date ${field}`, text: await reseal(objs), resealed: true };
    },
    async badId() {
      const objs = clone();
      const rec = recordAt(objs);
      const field = r.pick(['id', 'rootId', 'inReplyTo', 'key', 'caseKey']);
      rec[field] = field === 'key' || field === 'caseKey' ? `x:${r.pick(BAD_IDS)}` : r.pick(BAD_IDS);
      return { kind: `bad ${field}`, text: await reseal(objs), resealed: true };
    },
    async brokenJson() {
      const raw = objects.map((o) => JSON.stringify(o));
      const i = r.int(raw.length);
      // A line cut anywhere before its closing brace, or with a stray brace after it, is never JSON.
      raw[i] = r.int(2) === 0 ? raw[i]!.slice(0, r.int(raw[i]!.length)) : `${raw[i]}}`;
      return { kind: 'broken json', text: await reseal(objects, raw), resealed: true };
    },
    async duplicate() {
      const objs = clone();
      objs.push(structuredClone(objs[1]!));
      return { kind: 'duplicate record', text: await reseal(objs), resealed: true };
    },
    async extraLine() {
      const objs = clone();
      objs.splice(1 + r.int(objs.length - 1), 0, r.pick([{ kind: 'header' }, { kind: 'settings' }, { kind: 'message' }, []]) as Json);
      return { kind: 'extra line', text: await reseal(objs), resealed: true };
    },
  };
  const kinds = Object.keys(mutations);
  for (let i = 0; i < n; i++) out.push(await mutations[kinds[i % kinds.length]!]!());
  return out;
}
