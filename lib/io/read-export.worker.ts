/**
 * Module worker of the team report: reads and checks export files off the page's thread
 * (a 25 MB file takes over a second), and turns a good file into its team rows (JSON texts
 * and column arrays, lib/io/team-rows) so the page only passes them on to IndexedDB.
 * Bundled with the extension (worker-src 'self'); no blob: worker, which MV3 pages may not start.
 */
import { readExportBytes, readExportFile } from './export-format';
import { chunkBlobs, teamFileRows, transferablesOf, type TeamReadResult } from './team-rows';
import type { WorkerRequest, WorkerResponse } from './worker-reader';

const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null; postMessage(m: WorkerResponse, transfer?: Transferable[]): void };

scope.onmessage = (e) => {
  const { id, name, content } = e.data;
  void (async () => {
    try {
      // A File is read as bytes once: hashed as they are, decoded once (no text encoded back for the hash).
      const bytes = typeof content === 'string' ? undefined : new Uint8Array(await content.arrayBuffer());
      const read = bytes ? await readExportBytes(name, bytes) : await readExportFile(name, content as string);
      if (!read.ok) return scope.postMessage({ id, result: read });
      // The file's own message lines become the rows (no record written out again).
      const file = teamFileRows(read.file, bytes);
      // Its chunk texts as Blobs: the page stores them without copying the bytes on its thread.
      file.blobs = chunkBlobs(file);
      const result: TeamReadResult = { ok: true, file };
      // The typed arrays move to the page instead of being copied.
      scope.postMessage({ id, result }, transferablesOf(result.file));
    } catch (err) {
      scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
    }
  })();
};
