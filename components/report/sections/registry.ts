import type { ComponentType } from 'react';
import { AgentTableSection } from './agents';
import { ChartsSection } from './charts';
import { DisagreementsSection } from './disagreements';
import { ExportSection } from './export';
import { FiltersSection } from './filters';
import { ImportSection } from './import';
import { SummarySection } from './summary';
import { LeadSyncSection } from '../../sync/LeadSyncSection';

export interface SectionDef {
  /** i18n key of the section heading. */
  title: 'report.section.import' | 'report.section.filters' | 'report.section.agents' | 'report.section.charts' | 'report.section.disagreements' | 'report.section.export' | 'sync.lead.title' | 'popupsplit.summary';
  component: ComponentType;
  /** Shown only once some team data is imported. */
  needsData: boolean;
}

/**
 * The report page is this list, in order (read-frog's options registry): a new section is
 * one folder under sections/ and one entry here.
 */
export const REPORT_SECTIONS = {
  import: { title: 'report.section.import', component: ImportSection, needsData: false },
  sync: { title: 'sync.lead.title', component: LeadSyncSection, needsData: false },
  filters: { title: 'report.section.filters', component: FiltersSection, needsData: true },
  summary: { title: 'popupsplit.summary', component: SummarySection, needsData: true },
  agents: { title: 'report.section.agents', component: AgentTableSection, needsData: true },
  charts: { title: 'report.section.charts', component: ChartsSection, needsData: true },
  disagreements: { title: 'report.section.disagreements', component: DisagreementsSection, needsData: true },
  export: { title: 'report.section.export', component: ExportSection, needsData: true },
} as const satisfies Record<string, SectionDef>;
