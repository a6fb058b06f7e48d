// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EXPORT_VERSION,
  exportFileName,
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

describe('malformed and hostile export files (seeded fuzz)', () => {
  it('refuses every one of 1,200 broken files, each for its own fault and not only the checksum', async () => {
    const valid = await writeExportFile(agentExport());
    const files = await malformedExports(valid, 1200, 20261126);
    const accepted: string[] = [];
    const blamedChecksum: string[] = [];
    for (const f of files) {
      const result = await readExportFile('fuzz.tmk.jsonl', f.text);
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
