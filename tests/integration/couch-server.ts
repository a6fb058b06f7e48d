/**
 * A real CouchDB-protocol server for the integration tests: pouchdb-server 4.2 in memory,
 * on 127.0.0.1 and a free port, started and stopped by the test itself. Every start is a
 * fresh server (in memory); `restart` keeps the port so clients see the same address.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN = path.resolve('node_modules/.bin/pouchdb-server');
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

export async function startCouch(): Promise<CouchServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'threadmark-couch-'));
  let child: ChildProcess | null = null;

  async function start() {
    child = spawn(BIN, ['--in-memory', '--host', '127.0.0.1', '--port', String(port), '--no-stdout-logs', '--config', path.join(dir, 'config.json')], {
      cwd: dir,
      stdio: 'ignore',
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
    ...{
      // Removes the scratch directory once the suite is done.
      [Symbol.asyncDispose]: async () => {
        await stop();
        rmSync(dir, { recursive: true, force: true });
      },
    },
  };
}
