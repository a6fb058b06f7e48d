// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readExportFile, writeExportFile } from '../../../lib/io/export-format';
import { decodeRows, encodeRows, rowAt, teamFileRows } from '../../../lib/io/team-rows';
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

  it("holds each record as the team store keeps it alone, and its columns' fields", async () => {
    const read = await readExportFile('ana.tmk.jsonl', await writeExportFile(agentExport('Ana')));
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const rows = teamFileRows(read.file);
    expect(rows.count).toBe(read.file.records.length);
    read.file.records.forEach((r, i) => {
      const team = fromAgentFile(r, 'Ana');
      expect(JSON.parse(rowAt(rows, i))).toEqual(team);
      expect([rows.columns.keys[i], rows.columns.caseKeys[i], rows.columns.at[i], rows.columns.agent[i], rows.columns.status[i]]).toEqual([team.key, team.caseKey, team.at, team.agent, team.status]);
    });
  });
});
