import { compareFigures } from '../../../../lib/metrics';
import { FigureGrid } from '../../../figures/FigureGrid';
import { useReport } from '../../context';

/**
 * The team's totals as figure cards (the popup's, components/figures), above the table:
 * the table's own team row and its previous period, nothing computed again here.
 */
export function SummarySection() {
  const { table, settings } = useReport();
  if (!table) return null;
  const { figures, previous } = table.team;
  return <FigureGrid figures={figures} changes={previous ? compareFigures(figures, previous) : null} businessZone={settings.schedule?.timeZone ?? null} team />;
}
