/**
 * Importing many agents' files: each is read and checked first (lib/io/export-format);
 * a refused file stores nothing and says file, line and field; each good file is merged
 * in its own transaction.
 */
import { importTeamFile, type TeamDb, type TeamImportResult } from '../db/team';
import { MAX_EXPORT_BYTES, readExportFile, type ExportError } from '../io/export-format';

export interface InputFile {
  name: string;
  size: number;
  text: () => Promise<string>;
}

export type FileOutcome =
  | { name: string; status: 'refused'; errors: ExportError[] }
  | ({ name: string; agent: string; records: number } & TeamImportResult);

export async function importFiles(
  db: TeamDb,
  files: readonly InputFile[],
  now: number,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<FileOutcome[]> {
  const out: FileOutcome[] = [];
  for (const [i, f] of files.entries()) {
    if (signal?.aborted) break;
    if (f.size > MAX_EXPORT_BYTES) {
      out.push({ name: f.name, status: 'refused', errors: [{ file: f.name, line: 0, field: '', problem: 'tooLarge', detail: `${f.size} bytes` }] });
      continue;
    }
    const read = await readExportFile(f.name, await f.text());
    if (!read.ok) out.push({ name: f.name, status: 'refused', errors: read.errors });
    else {
      const result = await importTeamFile(db, read.file, now);
      out.push({ name: f.name, agent: read.file.header.agent.name, records: read.file.records.length, ...result });
    }
    onProgress?.(i + 1, files.length);
  }
  return out;
}
