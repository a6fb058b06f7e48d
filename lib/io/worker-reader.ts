/**
 * Reads export files in the report's module worker (lib/io/read-export.worker.ts), one
 * request per file. Where workers do not exist (unit tests), `workerReader` returns null and
 * the caller reads on its own thread.
 */
import type { ExportReadResult } from './export-format';

export interface WorkerRequest {
  id: number;
  name: string;
  /** A File/Blob is passed to the worker as is (not copied into the page first). */
  content: Blob | string;
}
export type WorkerResponse = { id: number; result: ExportReadResult } | { id: number; error: string };

export interface ExportReader {
  read(name: string, content: Blob | string): Promise<ExportReadResult>;
  /** Stops the worker: pending reads reject (a cancelled import). */
  close(): void;
}

export function workerReader(): ExportReader | null {
  if (typeof Worker === 'undefined') return null;
  const worker = new Worker(new URL('./read-export.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, { resolve: (r: ExportReadResult) => void; reject: (e: Error) => void }>();
  let next = 0;
  worker.onmessage = (e: MessageEvent<WorkerResponse>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if ('error' in e.data) p.reject(new Error(e.data.error));
    else p.resolve(e.data.result);
  };
  worker.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error(e.message || 'the reader stopped'));
    pending.clear();
  };
  return {
    read(name, content) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, name, content } satisfies WorkerRequest);
      });
    },
    close() {
      worker.terminate();
      for (const p of pending.values()) p.reject(new Error('cancelled'));
      pending.clear();
    },
  };
}
