// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readExportBytes, readExportFile, writeExportFile } from '../../../lib/io/export-format';
import { decodeRows, encodeRows, parseTeamRow, rowAt, teamFileRows } from '../../../lib/io/team-rows';
import { fromAgentFile } from '../../../lib/team/merge';
import { agentExport } from './agent-export';

// The reader worker hands the page each record's team row as UTF-8 (lib/io/team-rows):
// every row must come back as the very text it was, whatever its characters.
describe("an imported file's team rows as UTF-8", () => {
  it.each([
    ['no rows', []],
    ['ASCII rows', ['{"a":1}', '{"b":"x"}']],
    ['rows of two-, three- and four-byte characters', ['{"t":"ñandú ș ț"}', '{"t":"中文字"}', '{"t":"👍🏽 merci"}']],
    ['a row of line and paragraph separators (JSON keeps them raw)', [JSON.stringify({ t: 'a\u2028b\u2029c' })]],
    ['rows far larger in bytes than in characters (the buffer grows)', Array.from({ length: 50 }, (_, i) => JSON.stringify({ t: '語'.repeat(200 + i) }))],
    ['an empty row', ['', '{"a":1}']],
  ])('gives back %s exactly, one by one and as a chunk', (_, rows: string[]) => {
    const encoded = encodeRows(rows);
    expect(encoded.starts).toHaveLength(rows.length + 1);
    expect(rows.map((_, i) => rowAt(encoded, i))).toEqual(rows);
    expect(decodeRows(encoded.text)).toEqual(rows);
    // Its own buffer, no larger than the text: a structured clone copies the whole buffer.
    expect(encoded.text.buffer.byteLength).toBe(encoded.text.length);
  });

  const crlf = (t: string) => t.replace(/\n/g, '\r\n');
  // The agent's own replies carry the name with spaces around it: the check trims it.
  const spaced = (t: string) => t.replace(/"agent":"Ana"/g, '"agent":"  Ana "');
  it.each([
    ['read from its text', (t: string) => t, false],
    ['read from its bytes (its lines reused)', (t: string) => t, true],
    ['with CRLF line ends, read from its bytes', crlf, true],
    ['with a byte order mark, read from its bytes', (t: string) => `\uFEFF${t}`, true],
  ])("holds each record of a file %s as the team store keeps it alone, and its columns' fields", async (_, shape, fromBytes) => {
    const input = agentExport('Ana');
    input.records = input.records.map((r, i) => ({ ...r, text: `${r.text} ${['ñandú', '👍🏽', '中文 \uFFFD', '\u2028'][i % 4]}` }));
    const text = shape(await writeExportFile(input));
    const bytes = new TextEncoder().encode(text);
    const read = fromBytes ? await readExportBytes('ana.tmk.jsonl', bytes) : await readExportFile('ana.tmk.jsonl', text);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const rows = teamFileRows(read.file, fromBytes ? bytes : undefined);
    expect(rows.count).toBe(read.file.records.length);
    expect(decodeRows(rows.text)).toHaveLength(rows.count);
    read.file.records.forEach((r, i) => {
      const team = fromAgentFile(r, 'Ana');
      expect(parseTeamRow(rowAt(rows, i))).toEqual(team);
      expect([rows.columns.keys[i], rows.columns.caseKeys[i], rows.columns.at[i], rows.columns.agent[i], rows.columns.status[i]]).toEqual([team.key, team.caseKey, team.at, team.agent, team.status]);
    });
  });
});

describe("a file's own lines as team rows", () => {
  it('makes a record whose agent name the check trimmed the same team record', async () => {
    const text = (await writeExportFile(agentExport('Ana'))).replace(/"agent":"Ana"/g, '"agent":"  Ana "');
    // The footer's checksum is of the lines as they now are.
    const lines = text.split('\n').filter(Boolean).slice(0, -1);
    const body = lines.map((l) => `${l}\n`).join('');
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body)));
    const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    const file = `${body}${JSON.stringify({ kind: 'footer', count: lines.length - 1, sha256 })}\n`;
    expect(file).toContain('"agent":"  Ana "');
    const bytes = new TextEncoder().encode(file);
    const read = await readExportBytes('ana.tmk.jsonl', bytes);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const rows = teamFileRows(read.file, bytes);
    const mine = read.file.records.flatMap((r, i) => (r.sentBy === 'me' ? [parseTeamRow(rowAt(rows, i))] : []));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.map((r) => [r.agent, r.claimants])).toEqual(mine.map(() => ['Ana', ['Ana']]));
  });
});
