import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { refreshBadge } from '../../../lib/background/badge';
import { createDb, type ThreadmarkDb } from '../../../lib/db/database';
import { createRepository } from '../../../lib/db/repository';
import { DEFAULT_SETTINGS } from '../../../lib/schema/defaults';
import { obs } from '../observation-builder';

const NOW = Date.UTC(2026, 10, 2, 12, 0);
const MIN = 60_000;
let db: ThreadmarkDb;
beforeEach(() => {
  fakeBrowser.reset();
  db = createDb(`badge-${Math.random()}`);
});
afterEach(() => db.delete());

describe('the toolbar badge', () => {
  it('counts the cases past their SLA target, and clears when none is', async () => {
    const repo = createRepository(db);
    const ctx = { now: NOW, agentName: '' };
    await repo.observe(
      [
        obs({ id: '1', rootId: '1', author: 'dana', customer: 'dana', at: NOW - 45 * MIN }), // 15 min late
        obs({ id: '2', rootId: '2', author: 'eve', customer: 'eve', at: NOW - 31 * MIN }), // 1 min late
        obs({ id: '3', rootId: '3', author: 'finn', customer: 'finn', at: NOW - 10 * MIN }), // 20 min left
      ],
      ctx,
    );
    expect(await refreshBadge(repo, DEFAULT_SETTINGS, NOW)).toBe(2);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');

    // A 60-minute target puts everyone back on time.
    const relaxed = { ...DEFAULT_SETTINGS, sla: { ...DEFAULT_SETTINGS.sla, targetMinutes: 60 } };
    expect(await refreshBadge(repo, relaxed, NOW)).toBe(0);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });
});
