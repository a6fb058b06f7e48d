import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, SCHEMA_VERSIONS, StorageUnavailableError } from '../../../lib/db/database';
import { mergeObservation } from '../../../lib/db/merge';
import { createRepository } from '../../../lib/db/repository';
import { obs } from '../observation-builder';
import { holdAtVersion1 } from './hold-database';

/**
 * A database the background cannot reach: held at an older version by another page (an old
 * build's tab, say), or failing to open. Every read and write must say so in bounded time,
 * and work again as soon as the database can be opened.
 */
const ctx = { now: Date.UTC(2026, 10, 3), agentName: 'Ana' };
const names: string[] = [];
const fresh = () => {
  const name = `faults-${Math.random()}`;
  names.push(name);
  return name;
};
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n).catch(() => undefined);
});

/**
 * Creates `name` at Dexie version 1 with plain IndexedDB and keeps the connection open,
 * ignoring `versionchange` (no handler), as an older build's page would.
 */
describe('a database blocked by an older version held open elsewhere', () => {
  it('fails a write within the time limit, saying it is blocked, and stores it once released', async () => {
    const name = fresh();
    const held = await holdAtVersion1(name);
    const repo = createRepository(createDb(name), { openTimeoutMs: 150 });

    const started = Date.now();
    const error = await repo.tag(obs(), { queryType: 'complaint' }, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect(error).toMatchObject({ problem: 'blocked' });
    expect(Date.now() - started).toBeLessThan(2000);
    // Reads too: the popup must not hang either.
    await expect(repo.count()).rejects.toMatchObject({ problem: 'blocked' });

    held.close();
    await repo.tag(obs(), { queryType: 'complaint' }, ctx);
    await repo.tag(obs(), { queryType: 'complaint' }, ctx); // the retry of a write that did land
    expect(await repo.get('x', ['101'])).toMatchObject([{ queryType: 'complaint' }]);
    expect(await repo.count()).toBe(1);
  });
});

describe('a repository without a time limit (the popup: it shows its own message and keeps waiting)', () => {
  it('waits for a blocked database and answers once it is released', async () => {
    const name = fresh();
    const held = await holdAtVersion1(name);
    const repo = createRepository(createDb(name));
    let answered = false;
    const count = repo.count().then((n) => ((answered = true), n));
    await new Promise((r) => setTimeout(r, 300));
    expect(answered).toBe(false);
    held.close();
    expect(await count).toBe(0);
  });
});

describe('a database that fails to open', () => {
  it('says why, and opens again on the next request once it can', async () => {
    const name = fresh();
    const v1 = createDb(name, SCHEMA_VERSIONS.slice(0, 1));
    await v1.messages.put({ ...mergeObservation(undefined, obs(), 1), status: 'pending' });
    v1.close();
    let failures = 1;
    // The current schema, with an upgrade that fails once (a full disk, a browser error).
    const versions = SCHEMA_VERSIONS.map((v, i) =>
      i === SCHEMA_VERSIONS.length - 1
        ? {
            ...v,
            async upgrade(tx: import('dexie').Transaction) {
              if (failures-- > 0) throw new Error('QuotaExceededError: the disk is full');
              await v.upgrade?.(tx);
            },
          }
        : v,
    );
    const repo = createRepository(createDb(name, versions), { openTimeoutMs: 1000 });

    const error = await repo.count().catch((e: unknown) => e);
    expect(error).toMatchObject({ problem: 'failed', detail: expect.stringContaining('the disk is full') });
    // Dexie alone would refuse every later request with the same error until reloaded.
    expect(await repo.count()).toBe(1);
    expect(await repo.get('x', ['101'])).toMatchObject([{ status: 'pending' }]);
  });
});

describe("the background's own connection", () => {
  it('closes when a newer version asks to upgrade, so it never blocks a future build', async () => {
    const name = fresh();
    const db = createDb(name);
    const repo = createRepository(db);
    await repo.tag(obs(), { queryType: 'feedback' }, ctx);
    const next = SCHEMA_VERSIONS.at(-1)!.version * 10 + 10;
    const outcome = await new Promise<string>((resolve) => {
      const req = indexedDB.open(name, next);
      req.onblocked = () => resolve('blocked');
      req.onsuccess = () => (req.result.close(), resolve('upgraded'));
      req.onerror = () => resolve(`error: ${req.error?.message}`);
    });
    expect(outcome).toBe('upgraded');
  });
});
