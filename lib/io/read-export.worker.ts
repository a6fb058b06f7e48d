/**
 * Module worker of the team report: reads and checks export files off the page's thread
 * (a 25 MB file takes over a second). Bundled with the extension (worker-src 'self'); no
 * blob: worker, which MV3 pages may not start.
 */
import { readExportBytes, readExportFile } from './export-format';
import type { WorkerRequest, WorkerResponse } from './worker-reader';

const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null; postMessage(m: WorkerResponse): void };

scope.onmessage = (e) => {
  const { id, name, content } = e.data;
  void (async () => {
    try {
      // A File is read as bytes once: hashed as they are, decoded once (no text encoded back for the hash).
      const result = typeof content === 'string' ? await readExportFile(name, content) : await readExportBytes(name, new Uint8Array(await content.arrayBuffer()));
      scope.postMessage({ id, result });
    } catch (err) {
      scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
    }
  })();
};
