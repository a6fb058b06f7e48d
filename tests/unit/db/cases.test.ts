import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type ThreadmarkDb } from '../../../lib/db/database';
import { createRepository } from '../../../lib/db/repository';
import { obs } from '../observation-builder';

let db: ThreadmarkDb;
beforeEach(() => {
  db = createDb(`cases-${Math.random()}`);
});
afterEach(async () => db.delete());

const ctx = { now: Date.UTC(2026, 10, 3), agentName: 'Ana' };

describe('repository.cases', () => {
  it('groups every message of the asked cases by case, once per case, empty for unknown ones', async () => {
    const repo = createRepository(db);
    const stored = await repo.observe(
      [
        obs({ id: '201', author: 'ann', customer: 'ann' }),
        obs({ id: '202', author: 'ann', customer: 'ann', at: obs().at + 60_000 }),
        obs({ id: '203', author: 'bob', customer: 'bob' }),
      ],
      ctx,
    );
    const [ann, , bob] = stored.map((r) => r.caseKey);
    expect(ann).not.toBe(bob);
    const byCase = await repo.cases([bob!, ann!, ann!, 'x:none']);
    expect([...byCase.keys()]).toEqual([bob, ann, 'x:none']);
    expect(byCase.get(ann!)!.map((r) => r.id).sort()).toEqual(['201', '202']);
    expect(byCase.get(bob!)!.map((r) => r.id)).toEqual(['203']);
    expect(byCase.get('x:none')).toEqual([]);
    expect((await repo.cases([])).size).toBe(0);
  });
});
