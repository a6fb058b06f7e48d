import { createContext, useContext } from 'react';
import type { TeamColumnsData, TeamDb } from '../../lib/db/team';
import type { OutputFile } from '../../lib/io/agent-export';
import type { ReportFilters } from '../../lib/report/filters';
import type { ReportTable } from '../../lib/report/table';
import type { MessageRecord, Settings } from '../../lib/schema/records';
import type { Platform } from '../../lib/schema/taxonomy';

/** What every section of the report reads: the team data, the lead's settings, the filters and the computed table. */
export interface ReportState {
  db: TeamDb;
  /** The merged messages as columns (no object per message), the files and the disagreements. */
  data: TeamColumnsData;
  settings: Settings;
  filters: ReportFilters;
  setFilters: (f: ReportFilters) => void;
  /** null when the custom range is incomplete. */
  table: ReportTable | null;
  now: number;
  timeZone: string;
  /** Language of the texts (plural rules, number formats, CSV separator). */
  locale: string;
  reload: () => Promise<void>;
  readOwnRecords: (period: { from: number | null; to: number }) => Promise<MessageRecord[]>;
  save: (file: OutputFile) => void;
  /** The figures shown are the last ones while a reload's event log is recorded (components/report/useShownTeam.ts). */
  updating?: boolean;
}

export const ReportContext = createContext<ReportState | null>(null);

export function useReport(): ReportState {
  const state = useContext(ReportContext);
  if (!state) throw new Error('useReport outside the report page');
  return state;
}

/** Brand names, the same in every language. */
export const PLATFORM_NAMES: Record<Platform, string> = { x: 'X', facebook: 'Facebook' };
