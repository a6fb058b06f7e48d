/**
 * A real CouchDB-protocol server for the integration tests: pouchdb-server 4.2 in memory,
 * on 127.0.0.1 and a free port, started and stopped by the test itself. Every start is a
 * fresh server (in memory); `restart` keeps the port so clients see the same address.
 * It runs pouchdb-server's own code in a child process that can also be seeded in process
 * (couch-server-process.cjs): the bench writes millions of documents that way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SERVER = path.resolve('tests/integration/couch-server-process.cjs');
export const ADMIN = { user: 'admin', password: 'admin-secret' };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface CouchServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /**
   * Writes documents straight into a database of the running server (not through HTTP, so
   * not through its rules, as an admin would), with `new_edits: false`: each carries the
   * `_rev` an agent's push would have given it. Resolves with how many were written.
   */
  seed(db: string, docs: readonly { _id: string; _rev: string }[]): Promise<number>;
  /** The server process's memory now, its peak resident set (bytes) and CPU time so far (ms). */
  memory(): Promise<{ rss: number; heapUsed: number; maxRss: number; cpuMs: number }>;
}

export interface CouchOptions {
  /** The server process's V8 heap limit (MB); millions of documents in memory need more than the default. */
  maxHeapMb?: number;
  /**
   * Keep the databases in LevelDB files in the scratch directory instead of memory
   * (pouchdb-server's default storage): millions of documents in memory take ~4 kB each.
   */
  onDisk?: boolean;
  /** More Node flags for the server process (e.g. `--cpu-prof` to see where its time goes). */
  nodeArgs?: string[];
}

async function waitUp(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const r = await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`pouchdb-server did not start at ${url}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startCouch(options: CouchOptions = {}): Promise<CouchServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'threadmark-couch-'));
  let child: ChildProcess | null = null;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  function ask<T>(message: Record<string, unknown>): Promise<T> {
    const c = child;
    if (!c?.connected) return Promise.reject(new Error('pouchdb-server is not running'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      c.send({ ...message, id });
    });
  }

  async function start() {
    const node = [...(options.maxHeapMb ? [`--max-old-space-size=${options.maxHeapMb}`] : []), ...(options.nodeArgs ?? [])];
    const storage = options.onDisk ? ['--dir', path.join(dir, 'data')] : ['--in-memory'];
    const c = spawn(process.execPath, [...node, SERVER, ...storage, '--host', '127.0.0.1', '--port', String(port), '--no-stdout-logs', '--config', path.join(dir, 'config.json')], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      serialization: 'advanced',
    });
    child = c;
    c.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.ok) w?.resolve(m.value);
      else w?.reject(new Error(m.error));
    });
    c.once('exit', (code, signal) => {
      for (const w of waiting.values()) w.reject(new Error(`pouchdb-server exited (${signal ?? code})`));
      waiting.clear();
    });
    await waitUp(url, Date.now() + 20_000);
    // Out of "admin party": from here every request needs credentials.
    const r = await fetch(`${url}/_config/admins/${ADMIN.user}`, { method: 'PUT', body: JSON.stringify(ADMIN.password) });
    // 401: a restart with the same config file, where the admin exists already.
    if (!r.ok && r.status !== 401) throw new Error(`could not create the admin: ${r.status}`);
  }

  async function stop() {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
      setTimeout(() => c.kill('SIGKILL'), 3000).unref();
    });
  }

  await start();
  return {
    url,
    port,
    start,
    async stop() {
      await stop();
    },
    seed: (db, docs) => ask<number>({ type: 'seed', db, docs }),
    memory: () => ask({ type: 'memory' }),
    ...{
      // Removes the scratch directory once the suite is done.
      [Symbol.asyncDispose]: async () => {
        await stop();
        rmSync(dir, { recursive: true, force: true });
      },
    },
  };
}
