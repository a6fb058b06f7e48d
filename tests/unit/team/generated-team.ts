import { generateMessages, toRecord } from '../../../bench/data';
import { readExportFile, writeExportFile, type ExportFile } from '../../../lib/io/export-format';
import { settings } from '../metrics/build';
import { agentExport } from '../io/agent-export';

/**
 * A generated team for the store tests: two agents, `ana` and `bea`, whose files each hold
 * every customer message (so the second merges into the first one's chunks) and the agent's
 * own replies. Exported a minute after the data's last update.
 */
export function generatedTeam(opts: { messages: number; seed: number; spanDays: number; end: number }) {
  const records = generateMessages({ ...opts, agents: ['ana', 'bea'] }).map(toRecord);
  const exportedAt = Math.max(...records.map((r) => r.updatedAt)) + 60_000;
  /** The agent's export file as text. */
  const fileText = (agent: string) =>
    writeExportFile({
      agentName: agent,
      exportedAt,
      period: { from: null, to: exportedAt },
      settings: settings({ agentName: agent }),
      records: records.filter((r) => !r.fromBrand || r.agent === agent),
      appVersion: '0.4.0',
    });
  /** The agent's export file, read and checked as the import does. */
  const file = async (agent: string) => checked(await fileText(agent), `${agent}.tmk.jsonl`);
  return { records, exportedAt, fileText, file };
}

/** A file the reader accepts, or the test fails with the reader's errors. */
export async function checked(text: string, name: string): Promise<ExportFile> {
  const read = await readExportFile(name, text);
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return read.file;
}

/** The records of a small export whose replies every agent claims: files of them dispute the credit. */
export const claimed = agentExport('Ana').records;
/** The agent's file of `claimed`, read and checked. */
export const claimFile = async (agent: string) => checked(await writeExportFile(agentExport(agent, { records: claimed })), `${agent}-claims.tmk.jsonl`);
