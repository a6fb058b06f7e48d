import type { ExportInput } from '../../../lib/io/export-format';
import { at, conversation, settings } from '../metrics/build';

export const EXPORTED_AT = at('2024-06-01 00:00');

/** A small valid export: one resolved case of the agent's, one a teammate answered (a formula in its text). */
export function agentExport(agentName = 'Ana', patch: Partial<ExportInput> = {}): ExportInput {
  const records = [
    ...conversation([
      ['customer', '10:00', { sentiment: 'negative', queryType: 'complaint' }],
      ['me', '10:20', { status: 'resolved' }],
    ]),
    ...conversation([['customer', '11:00'], ['teammate', '11:45'], ['customer', '12:00', { text: '=HYPERLINK("http://evil")' }]]),
  ];
  return {
    agentName,
    exportedAt: EXPORTED_AT,
    period: { from: null, to: EXPORTED_AT },
    settings: settings({ agentName }),
    records,
    appVersion: '0.1.0',
    ...patch,
  };
}

