/**
 * Importing many agents' files: each is read and checked first (lib/io/export-format);
 * a refused file stores nothing and says file, line and field; each good file is merged
 * in its own transaction.
 */
import { importTeamFile, releaseTeamKeys, type TeamDb, type TeamImportResult } from '../db/team';
import { MAX_EXPORT_BYTES, readExportFile, type ExportError, type ExportReadResult } from '../io/export-format';
import type { TeamReadResult } from '../io/team-rows';

export interface InputFile {
  name: string;
  size: number;
  text: () => Promise<string>;
  /** The File itself, handed to a worker reader without reading it on the page. */
  blob?: Blob;
}

/**
 * Reads and checks one file; the report page passes its worker's (lib/io/worker-reader),
 * which answers with the file's team rows (lib/io/team-rows) rather than its records.
 */
export type ReadFile = (f: InputFile) => Promise<ExportReadResult | TeamReadResult>;
const readHere: ReadFile = async (f) => readExportFile(f.name, await f.text());

export type FileOutcome =
  | { name: string; status: 'refused'; errors: ExportError[] }
  | ({ name: string; agent: string; records: number } & TeamImportResult);

export async function importFiles(
  db: TeamDb,
  files: readonly InputFile[],
  now: number,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
  read: ReadFile = readHere,
  /** Files read at once while one is merged (the worker reader's `size`). */
  readAhead = 1,
): Promise<FileOutcome[]> {
  const out: FileOutcome[] = [];
  const start = (f: InputFile): Promise<ExportReadResult | TeamReadResult> => {
    if (f.size > MAX_EXPORT_BYTES) return Promise.resolve({ ok: false, errors: [{ file: f.name, line: 0, field: '', problem: 'tooLarge', detail: `${f.size} bytes` }] });
    const reading = read(f);
    // Awaited below, in order; a read that fails while an earlier file is merged is not "unhandled".
    reading.catch(() => {});
    return reading;
  };
  // The next files are read (in the workers) while this one is merged into the store: the
  // two overlap instead of adding up. Files are merged in the order given, whichever read
  // ends first, so the store and the outcomes do not depend on the readers' timing.
  const reads: (Promise<ExportReadResult | TeamReadResult> | undefined)[] = [];
  let started = 0;
  const startUpTo = (last: number) => {
    while (started <= last && started < files.length && !signal?.aborted) {
      reads[started] = start(files[started]!);
      started++;
    }
  };
  const ahead = Math.max(1, Math.floor(readAhead));
  try {
    await importInOrder();
  } finally {
    // The key map cached for the batch (~100 bytes a stored message) is let go.
    releaseTeamKeys(db);
  }
  return out;

  async function importInOrder() {
    for (const [i, f] of files.entries()) {
      startUpTo(i + ahead - 1);
      const reading = reads[i];
      if (signal?.aborted || !reading) break;
      const checked = await reading;
      // The parsed file is let go once merged.
      reads[i] = undefined;
      // Cancelled while this file was read: nothing of it is stored.
      if (signal?.aborted) break;
      startUpTo(i + ahead);
      if (!checked.ok) out.push({ name: f.name, status: 'refused', errors: checked.errors });
      else {
        const result = await importTeamFile(db, checked.file, now);
        const records = 'records' in checked.file ? checked.file.records.length : checked.file.count;
        out.push({ name: f.name, agent: checked.file.header.agent.name, records, ...result });
      }
      onProgress?.(i + 1, files.length);
    }
  }
}
