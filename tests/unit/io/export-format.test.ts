// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EXPORT_VERSION,
  exportFileName,
  readExportBytes,
  readExportFile,
  sha256Hex,
  writeExportFile,
} from '../../../lib/io/export-format';
import { at } from '../metrics/build';
import { agentExport } from './agent-export';
import { malformedExports } from './malformed-exports';

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('the agent export file', () => {
  it('reads back exactly what was written: header, settings and every record', async () => {
    const input = agentExport();
    const text = await writeExportFile(input);
    const result = await readExportFile('ana.tmk.jsonl', text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.file.header.agent.name).toBe('Ana');
    expect(result.file.header.schemaVersion).toBe(EXPORT_VERSION);
    expect(result.file.header.settings).toEqual(input.settings);
    expect(result.file.records).toEqual(input.records);
  });

  it('has a header line, one line per record and a closing line with the count and checksum', async () => {
    const text = await writeExportFile(agentExport());
    const all = lines(text).map((l) => JSON.parse(l));
    expect(all[0]).toMatchObject({ kind: 'header', format: 'threadmark-export', schemaVersion: 1, agent: { name: 'Ana' } });
    expect(all.slice(1, -1).every((l) => l.kind === 'message')).toBe(true);
    const body = lines(text)
      .slice(0, -1)
      .map((l) => `${l}\n`)
      .join('');
    expect(all.at(-1)).toEqual({ kind: 'footer', count: 5, sha256: await sha256Hex(body) });
  });

  it('names the exporting agent on every reply the agent sent from this browser', async () => {
    const input = agentExport('Bea');
    const result = await readExportFile('bea', await writeExportFile(input));
    if (!result.ok) throw new Error('refused');
    expect(result.file.records.filter((r) => r.sentBy === 'me').map((r) => r.agent)).toEqual(['Bea']);
    expect(result.file.records.filter((r) => r.sentBy !== 'me').every((r) => r.agent === null)).toBe(true);
  });

  it('still reads a file whose line ends a mail client turned into CRLF', async () => {
    const text = (await writeExportFile(agentExport())).replace(/\n/g, '\r\n');
    expect((await readExportFile('crlf', text)).ok).toBe(true);
  });

  it('gives the same hash to the same file read twice, and another to another export', async () => {
    const text = await writeExportFile(agentExport());
    const a = await readExportFile('a', text);
    const b = await readExportFile('b', text);
    const c = await readExportFile('c', await writeExportFile(agentExport('Bea')));
    if (!a.ok || !b.ok || !c.ok) throw new Error('refused');
    expect(a.file.sha256).toBe(b.file.sha256);
    expect(c.file.sha256).not.toBe(a.file.sha256);
  });

  it.each([
    ['a truncated file', (t: string) => t.slice(0, Math.floor(t.length * 0.6)), 'truncated'],
    ['a file without its closing line', (t: string) => lines(t).slice(0, -1).join('\n'), 'truncated'],
    ['an edited record', (t: string) => t.replace('"status":"resolved"', '"status":"pending"'), 'checksum'],
    ['a removed record', (t: string) => { const l = lines(t); l.splice(2, 1); return l.join('\n'); }, 'count'],
    ['a newer version', (t: string) => t.replace('"schemaVersion":1', '"schemaVersion":2'), 'newerVersion'],
    ['another format', (t: string) => t.replace('threadmark-export', 'other-export'), 'notExport'],
    ['an empty file', () => '', 'empty'],
  ])('refuses %s and says why', async (_, mutate, problem) => {
    const result = await readExportFile('ana.tmk.jsonl', mutate(await writeExportFile(agentExport())));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ file: 'ana.tmk.jsonl', problem });
  });

  it('names the file, the line and the field of a bad record', async () => {
    const text = await writeExportFile(agentExport());
    const l = lines(text);
    l[3] = l[3]!.replace(/"id":"\d+"/, '"id":"12ab"');
    const result = await readExportFile('ana.tmk.jsonl', l.join('\n'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ file: 'ana.tmk.jsonl', line: 4, field: 'record.id', problem: 'field' });
  });

  it.each([
    ['markup', '<img src=x onerror=alert(1)>'],
    ['a formula', '=cmd|" /C calc"!A0'],
    ['a control character', 'Ana\u0007'],
  ])('refuses an agent name with %s', async (_, name) => {
    await expect(writeExportFile(agentExport(name))).rejects.toThrow();
  });

  it("carries the brand Pages' names with their ids, and reads them back", async () => {
    const input = agentExport();
    input.settings = { ...input.settings, brandHandles: { ...input.settings.brandHandles, facebook: ['104729385610001'] }, brandPageNames: { '104729385610001': 'Acme Care' } };
    const result = await readExportFile('ana.tmk.jsonl', await writeExportFile(input));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.file.header.settings.brandPageNames).toEqual({ '104729385610001': 'Acme Care' });
  });

  it.each([
    ['markup', '<img src=x onerror=alert(1)>'],
    ['a formula', '=HYPERLINK("http://x")'],
  ])("refuses a brand Page name with %s, naming the field, even when the file's checksum is right", async (_, name) => {
    const input = agentExport();
    input.settings = { ...input.settings, brandHandles: { ...input.settings.brandHandles, facebook: ['104729385610001'] }, brandPageNames: { '104729385610001': 'Acme Care' } };
    await expect(writeExportFile({ ...input, settings: { ...input.settings, brandPageNames: { '104729385610001': name } } })).rejects.toThrow();
    // A hostile file: the name put in and the footer's checksum computed again.
    const l = lines(await writeExportFile(input)).slice(0, -1);
    l[0] = l[0]!.replace('"Acme Care"', JSON.stringify(name));
    const body = l.map((x) => `${x}\n`).join('');
    const text = `${body}${JSON.stringify({ kind: 'footer', count: l.length - 1, sha256: await sha256Hex(body) })}\n`;
    const result = await readExportFile('eve.tmk.jsonl', text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ line: 1, field: 'settings.brandPageNames.104729385610001', problem: 'field' });
  });

  it('names files after the agent and the period', () => {
    expect(exportFileName('Ana María', { from: at('2024-05-01 00:00'), to: at('2024-06-01 00:00') })).toBe(
      'threadmark-ana-maria-2024-05-01_2024-05-31.tmk.jsonl',
    );
    expect(exportFileName('', { from: null, to: at('2024-06-01 00:00') })).toBe('threadmark-agent-all_2024-05-31.tmk.jsonl');
  });
});

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("the export file read from its bytes (the report's workers)", () => {
  const withBom = (t: string) => `\uFEFF${t}`;
  const crlf = (t: string) => t.replace(/\n/g, '\r\n');
  it.each([
    ['as written', (t: string) => t],
    ['with CRLF line ends', crlf],
    ['with a byte order mark', withBom],
    ['with a byte order mark and CRLF line ends', (t: string) => withBom(crlf(t))],
    ['without a line end after the footer', (t: string) => t.slice(0, -1)],
  ])('reads a file %s exactly as from its text, with the same checksum', async (_, shape) => {
    const input = agentExport('Zoë');
    // Texts beyond ASCII: each is several bytes in UTF-8 and one or two UTF-16 units in the
    // text; one holds a real U+FFFD (the character a bad byte also decodes to).
    input.records = input.records.map((r, i) => ({ ...r, text: `${r.text} ${['ñandú ș ț', '👍🏽 merci', '中文 \uFFFD', '\u2028'][i % 4]}` }));
    const text = shape(await writeExportFile(input));
    const fromText = await readExportFile('zoe.tmk.jsonl', text);
    const fromBytes = await readExportBytes('zoe.tmk.jsonl', utf8(text));
    if (!fromText.ok) throw new Error(JSON.stringify(fromText.errors));
    expect(fromBytes).toEqual(fromText);
  });

  it('refuses a file with a byte changed in a text (checksum), as from its text', async () => {
    const text = await writeExportFile(agentExport());
    const bytes = utf8(text);
    // The first letter of the first record's text (all ASCII before it: byte and character positions agree).
    const p = text.indexOf('"text":"', text.indexOf('\n')) + 8;
    expect(text[p]).toMatch(/[a-z]/i);
    bytes[p] = bytes[p] === 0x61 ? 0x62 : 0x61;
    const result = await readExportBytes('ana.tmk.jsonl', bytes);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ file: 'ana.tmk.jsonl', problem: 'checksum' });
  });

  it('refuses a file of broken UTF-8 in a text, whose checksum was taken of the bytes', async () => {
    const l = (await writeExportFile(agentExport())).split('\n').filter(Boolean).slice(0, -1);
    const body = utf8(l.map((x) => `${x}\n`).join(''));
    // An invalid byte inside the first record's text, and a footer resealed over the raw bytes.
    const p = l.join('\n').indexOf('"text":"', l[0]!.length) + 8;
    body[p] = 0xff;
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
    const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    const footer = utf8(`${JSON.stringify({ kind: 'footer', count: l.length - 1, sha256 })}\n`);
    const bytes = new Uint8Array(body.length + footer.length);
    bytes.set(body);
    bytes.set(footer, body.length);
    // The text holds U+FFFD where the byte was: the records read are not the bytes hashed,
    // and the file is refused however it is read.
    expect((await readExportFile('bad.tmk.jsonl', new TextDecoder().decode(bytes))).ok).toBe(false);
    expect((await readExportBytes('bad.tmk.jsonl', bytes)).ok).toBe(false);
  });

  it('refuses a file over the size limit before decoding it', async () => {
    const result = await readExportBytes('huge.tmk.jsonl', new Uint8Array(64 * 1024 * 1024 + 1));
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ file: 'huge.tmk.jsonl', problem: 'tooLarge', line: 0 })] });
  });
});

describe('malformed and hostile export files (seeded fuzz)', () => {
  it.each([
    ['its text', (name: string, text: string) => readExportFile(name, text)],
    ['its bytes', (name: string, text: string) => readExportBytes(name, utf8(text))],
  ])('refuses every one of 1,200 broken files read from %s, each for its own fault and not only the checksum', async (_, read) => {
    const valid = await writeExportFile(agentExport());
    const files = await malformedExports(valid, 1200, 20261126);
    const accepted: string[] = [];
    const blamedChecksum: string[] = [];
    for (const f of files) {
      const result = await read('fuzz.tmk.jsonl', f.text);
      if (result.ok) accepted.push(f.kind);
      else {
        if (f.resealed && result.errors.some((e) => e.problem === 'checksum')) blamedChecksum.push(f.kind);
        expect(result.errors.every((e) => e.file === 'fuzz.tmk.jsonl' && e.line >= 0)).toBe(true);
      }
    }
    expect(accepted).toEqual([]);
    expect(blamedChecksum).toEqual([]);
    expect(new Set(files.map((f) => f.kind.split(' ')[0])).size).toBeGreaterThanOrEqual(10);
  });

  it('never lets a __proto__ key reach an object prototype', async () => {
    const valid = await writeExportFile(agentExport());
    for (const f of (await malformedExports(valid, 240, 7)).filter((m) => m.kind.startsWith('pollution'))) {
      await readExportFile('p', f.text);
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('every shipped version of the export file', () => {
  it.each([[1, 'threadmark-ana-v1.tmk.jsonl', 5]])('still reads a version %i file written by that build', async (version, name, count) => {
    const text = readFileSync(resolve(__dirname, '../../fixtures/exports', name), 'utf8');
    const result = await readExportFile(name, text);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(JSON.parse(text.split('\n')[0]!).schemaVersion).toBe(version);
    expect(result.file.records).toHaveLength(count);
    // Written before Page names existed: read as none.
    expect(result.file.header.settings.brandPageNames).toEqual({});
  });
});
