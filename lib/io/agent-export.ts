/**
 * "Export my data": the three files an agent hands to their lead, built from plain records
 * and settings (pure; the page reads the database and saves the files).
 */
import { computeFigures } from '../metrics';
import type { MessageRecord, Settings } from '../schema/records';
import type { Delimiter } from './csv';
import { agentTableCsv, messagesCsv } from './csv-tables';
import { agentNameSchema, exportFileName, writeExportFile } from './export-format';

export { delimiterFor } from './csv';

/** The name may go on a file a lead imports (no markup, no formula start). */
export const isExportableName = (name: string): boolean => agentNameSchema.safeParse(name).success;

export interface OutputFile {
  name: string;
  type: string;
  text: string;
}

export interface AgentExportRequest {
  records: readonly MessageRecord[];
  settings: Settings;
  /** The name on the file; settings.agentName unless the agent typed one. */
  agentName: string;
  period: { from: number | null; to: number };
  now: number;
  appVersion: string;
  delimiter: Delimiter;
  timeZone: string;
}

export const NDJSON_TYPE = 'application/x-ndjson';
export const CSV_TYPE = 'text/csv;charset=utf-8';

export async function agentExportFiles(req: AgentExportRequest): Promise<{ exportFile: OutputFile; messages: OutputFile; figures: OutputFile }> {
  const text = await writeExportFile({
    agentName: req.agentName,
    exportedAt: req.now,
    period: req.period,
    settings: req.settings,
    records: req.records,
    appVersion: req.appVersion,
  });
  const base = exportFileName(req.agentName, req.period).replace(/\.tmk\.jsonl$/, '');
  const from = req.period.from ?? req.records.reduce((min, r) => Math.min(min, r.at), req.period.to);
  const figures = computeFigures(req.records, req.settings, { from, to: req.period.to, now: req.now, mine: true, timeZone: req.timeZone });
  const csv = { delimiter: req.delimiter, timeZone: req.timeZone };
  return {
    exportFile: { name: `${base}.tmk.jsonl`, type: NDJSON_TYPE, text },
    messages: { name: `${base}-messages.csv`, type: CSV_TYPE, text: messagesCsv(req.records, csv) },
    figures: {
      name: `${base}-figures.csv`,
      type: CSV_TYPE,
      text: agentTableCsv([{ agent: req.agentName, figures }], { ...csv, business: false }),
    },
  };
}
