import { describe, expect, it } from 'vitest';
import { createDb } from '../../../lib/db/database';
import { createRepository } from '../../../lib/db/repository';
import { countOutbox, readOutbox, type OutboxCheckpoint } from '../../../lib/db/sync-outbox';
import { countWaiting, mirrorOutbox } from '../../../lib/sync/agent';
import type { AgentSyncConfig } from '../../../lib/sync/config';
import { memoryDb } from '../../integration/memory-pouch';
import { obs } from '../observation-builder';

const uid = () => Math.random().toString(36).slice(2);
const config: AgentSyncConfig = { server: 'https://couch.example.org', credentials: { kind: 'password', user: 'ana', password: 'x' }, shareTexts: false };

async function setup(n: number) {
  const db = createDb(`bridge-${uid()}`);
  const repo = createRepository(db);
  await repo.observe(
    Array.from({ length: n }, (_, i) => obs({ id: String(1000 + i) })),
    { now: Date.UTC(2026, 10, 2), agentName: 'ana' },
  );
  const local = memoryDb(`outbox-${uid()}`);
  const reads: OutboxCheckpoint[] = [];
  const deps = {
    local,
    readOutbox: (after: OutboxCheckpoint, limit: number) => {
      reads.push(after);
      return readOutbox(db, after, limit);
    },
    countOutbox: (after: OutboxCheckpoint) => countOutbox(db, after),
  };
  return { db, repo, local, deps, reads };
}

describe('the outbox bridge (Dexie → local PouchDB)', () => {
  it('mirrors every record once, and a second run writes nothing', async () => {
    const { deps, local } = await setup(3);
    expect(await mirrorOutbox(config, deps)).toBe(3);
    expect(await mirrorOutbox(config, deps)).toBe(0);
    expect((await local.info()).doc_count).toBe(3);
    // Mirrored, not pushed: all three wait.
    expect(await countWaiting(config, deps)).toBe(3);
  });

  it('sends a record again when the agent changes its tags', async () => {
    const { deps, repo, local } = await setup(2);
    await mirrorOutbox(config, deps);
    await repo.tag(obs({ id: '1001' }), { queryType: 'complaint' }, { now: Date.UTC(2026, 10, 3), agentName: 'ana' });
    expect(await mirrorOutbox(config, deps)).toBe(1);
    expect(await local.get('x:1001')).toMatchObject({ record: { queryType: 'complaint', text: '' } });
  });

  it('resumes after the last stored batch when the worker stopped half-way', async () => {
    const { deps, local, reads } = await setup(700);
    let calls = 0;
    const dying = {
      ...deps,
      readOutbox: async (after: OutboxCheckpoint, limit: number) => {
        if (++calls === 2) throw new Error('worker stopped');
        return deps.readOutbox(after, limit);
      },
    };
    await expect(mirrorOutbox(config, dying)).rejects.toThrow('worker stopped');
    expect((await local.info()).doc_count).toBe(500);
    reads.length = 0;
    expect(await mirrorOutbox(config, deps)).toBe(200);
    // It started after the 500th record, not from the beginning.
    expect(reads[0]!.updatedAt).toBeGreaterThan(0);
    expect((await local.info()).doc_count).toBe(700);
  });

  it('mirrors everything again, with texts, when the team turns texts on', async () => {
    const { deps, local } = await setup(2);
    await mirrorOutbox(config, deps);
    expect(await mirrorOutbox({ ...config, shareTexts: true }, deps)).toBe(2);
    expect(await local.get('x:1000')).toMatchObject({ record: { text: 'my order never arrived' } });
  });
});
