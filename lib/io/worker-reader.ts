/**
 * Reads export files in the report's module workers (lib/io/read-export.worker.ts), one
 * request per file, several files at once: up to `readerCount()` workers, each reading one
 * file at a time. Where workers do not exist (unit tests), `workerReader` returns null and
 * the caller reads on its own thread.
 */
import type { TeamReadResult } from './team-rows';

export interface WorkerRequest {
  id: number;
  name: string;
  /** A File/Blob is passed to the worker as is (not copied into the page first). */
  content: Blob | string;
}
/** A good file comes back as its team rows (lib/io/team-rows), ready for the store. */
export type WorkerResponse = { id: number; result: TeamReadResult } | { id: number; error: string };

export interface ExportReader {
  read(name: string, content: Blob | string): Promise<TeamReadResult>;
  /** How many files it reads at once. */
  readonly size: number;
  /** Stops the workers: pending reads reject (a cancelled import). */
  close(): void;
}

/** The smallest part of a Worker the reader uses (a test passes its own). */
export interface ReaderWorker {
  onmessage: ((e: MessageEvent<WorkerResponse>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  postMessage(m: WorkerRequest): void;
  terminate(): void;
}

/**
 * At most 4: each worker holds a whole file and its parsed records (~100 MB for a 25 MB
 * file). One core is left to the page on 3 cores and more; on 2 cores both read, because
 * the page's own share is small (a merge of ~30 ms and a transaction whose writes run in
 * the browser's process) and it waited on the single reader: measured in Chromium on 2
 * cores, 10 files of 40k in 15.5 s with two readers against 23.4 s with one.
 */
export const MAX_READERS = 4;
export function readerCount(cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1): number {
  return cores <= 1 ? 1 : Math.min(MAX_READERS, Math.max(2, cores - 1));
}

// Literal `new Worker(new URL(…))` so the bundler emits the worker as its own file.
const startWorker = (): ReaderWorker => new Worker(new URL('./read-export.worker.ts', import.meta.url), { type: 'module' }) as unknown as ReaderWorker;

export function workerReader(size = readerCount(), create: () => ReaderWorker = startWorker): ExportReader | null {
  if (create === startWorker && typeof Worker === 'undefined') return null;
  type Job = { id: number; request: WorkerRequest; resolve: (r: TeamReadResult) => void; reject: (e: Error) => void };
  const workers: { worker: ReaderWorker; job: Job | null }[] = [];
  const queue: Job[] = [];
  let next = 0;
  let closed = false;

  const dispatch = () => {
    while (queue.length > 0 && !closed) {
      let slot = workers.find((w) => w.job === null);
      // Workers start as files come, so one file starts one worker.
      if (!slot && workers.length < size) slot = spawn();
      if (!slot) return;
      const job = queue.shift()!;
      slot.job = job;
      slot.worker.postMessage(job.request);
    }
  };

  const spawn = () => {
    const slot: { worker: ReaderWorker; job: Job | null } = { worker: create(), job: null };
    slot.worker.onmessage = (e) => {
      const job = slot.job;
      if (!job || job.id !== e.data.id) return;
      slot.job = null;
      if ('error' in e.data) job.reject(new Error(e.data.error));
      else job.resolve(e.data.result);
      dispatch();
    };
    slot.worker.onerror = (e) => {
      // A worker that fails is replaced by a fresh one for the next file.
      const job = slot.job;
      slot.worker.terminate();
      workers.splice(workers.indexOf(slot), 1);
      job?.reject(new Error(e.message || 'the reader stopped'));
      dispatch();
    };
    workers.push(slot);
    return slot;
  };

  return {
    size,
    read(name, content) {
      return new Promise((resolve, reject) => {
        if (closed) return reject(new Error('cancelled'));
        const id = next++;
        queue.push({ id, request: { id, name, content }, resolve, reject });
        dispatch();
      });
    },
    close() {
      closed = true;
      for (const w of workers) {
        w.worker.terminate();
        w.job?.reject(new Error('cancelled'));
      }
      for (const job of queue) job.reject(new Error('cancelled'));
      workers.length = 0;
      queue.length = 0;
    },
  };
}
