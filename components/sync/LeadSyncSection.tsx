import { useReport } from '../report/context';
import { LeadSyncPanel } from './LeadSyncPanel';

/** The report page's "Team sync" section (registered in components/report/sections/registry.ts). */
export function LeadSyncSection() {
  const { db, reload } = useReport();
  return <LeadSyncPanel db={db} reload={reload} />;
}
