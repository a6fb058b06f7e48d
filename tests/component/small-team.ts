/**
 * The small team the report's component tests check by hand (SLA target 30 min):
 *   Ana: 10:00 → 10:20 resolved (20 min, FCR), 11:00 → 12:00 (60 min, late). Replies 2;
 *        response median 40m, p90 56m, mean 40m; first responses 1 of 2 within target; FCR 1/1.
 *   Bea: 09:00 → 09:10, customer 09:30, 09:40 resolved (10 and 10 min). Replies 2; median 10m;
 *        first responses 1 of 1 within target; FCR 0/1 (two brand replies).
 *   Team: 4 replies; response times 10, 10, 20, 60 → median 15m, mean 25m; FCR 1/2.
 */
import { afterEach, beforeEach } from 'vitest';
import { createTeamDb, type TeamDb } from '../../lib/db/team';
import { writeExportFile } from '../../lib/io/export-format';
import type { MessageRecord } from '../../lib/schema/records';
import { DEFAULT_SETTINGS } from '../../lib/schema/defaults';
import { settingsItem } from '../../lib/settings/item';
import { agentExport } from '../unit/io/agent-export';
import { at, conversation } from '../unit/metrics/build';

export const NOW = at('2024-03-20 12:00');

export const anaRecords = [
  ...conversation([['customer', '10:00', { queryType: 'complaint' }], ['me', '10:20', { status: 'resolved' }]], { agent: 'Ana' }),
  ...conversation([['customer', '11:00', { queryType: 'technical_question' }], ['me', '12:00']], { agent: 'Ana' }),
];
export const beaRecords = conversation(
  [['customer', '09:00', { queryType: 'complaint' }], ['me', '09:10'], ['customer', '09:30'], ['me', '09:40', { status: 'resolved' }]],
  { agent: 'Bea' },
);

/** An agent's export file, as the lead drops it on the report. */
export async function fileOf(agent: string, records: MessageRecord[]): Promise<File> {
  const text = await writeExportFile(agentExport(agent, { records, exportedAt: NOW }));
  return new File([text], `${agent.toLowerCase()}.tmk.jsonl`, { type: 'application/x-ndjson' });
}

/** A fresh team store per test, and the lead's settings; the store is deleted after. */
export function useTeamDb(prefix: string): () => TeamDb {
  let db: TeamDb;
  let n = 0;
  beforeEach(async () => {
    db = createTeamDb(`${prefix}-${++n}`);
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, agentName: 'Lead', brandHandles: { x: ['AcmeHelp'], facebook: [] } });
  });
  afterEach(async () => {
    await db.delete();
  });
  return () => db;
}
