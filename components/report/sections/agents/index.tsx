import { useState } from 'react';
import { i18n } from '#i18n';
import { FIGURE_COLUMNS, type FigureColumn } from '../../../../lib/io/figure-columns';
import type { Platform } from '../../../../lib/schema/taxonomy';
import { sortRows, type ReportRow, type SortDirection } from '../../../../lib/report/table';
import { PLATFORM_NAMES, useReport } from '../../context';
import { formatChange, formatValue } from '../../format';

const ROW_HEADER = { agent: 'report.filter.agent', platform: 'report.filter.site', queryType: 'report.filter.queryType' } as const;

/** DESIGN: with fewer than 10 values the UI shows n beside p90. */
const SMALL_SAMPLE = 10;

/** The columns the table shows: cost only when an hourly cost is set. */
function visibleColumns(hasCost: boolean): readonly FigureColumn[] {
  return FIGURE_COLUMNS.filter((c) => c.id !== 'cost_per_response' || hasCost);
}

/** One row per agent (or site, or query type) with every DESIGN §4 figure, the team total, sortable. */
export function AgentTableSection() {
  const { table, filters, locale } = useReport();
  const [sort, setSort] = useState<{ column: string; dir: SortDirection }>({ column: 'name', dir: 'ascending' });
  if (!table) return <p>{i18n.t('report.table.customIncomplete')}</p>;
  const business = filters.business;
  const columns = visibleColumns(table.team.figures.cost !== null);
  const column = columns.find((c) => c.id === sort.column) ?? 'name';
  const rows = sortRows(table.rows, column, sort.dir, business);
  const rowName = (r: ReportRow) =>
    r.key === null
      ? i18n.t('report.table.team')
      : filters.rows === 'agent'
        ? r.key
        : filters.rows === 'platform'
          ? PLATFORM_NAMES[r.key as Platform]
          : i18n.t(`queryType.${r.key as 'complaint'}`);

  const header = (id: string, label: string) => {
    const active = sort.column === id;
    const next: SortDirection = active && sort.dir === 'ascending' ? 'descending' : 'ascending';
    return (
      <th key={id} scope="col" aria-sort={active ? sort.dir : 'none'}>
        <button type="button" className="sort" onClick={() => setSort({ column: id, dir: active ? next : id === 'name' ? 'ascending' : 'descending' })}>
          {label}
          <span aria-hidden="true">{active ? (sort.dir === 'ascending' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  const cells = (r: ReportRow) =>
    columns.map((c) => {
      const value = c.get(r.figures, business);
      const n = c.n?.(r.figures, business);
      const delta = formatChange(c, r.figures, r.previous, business, locale);
      return (
        <td key={c.id} data-column={c.id}>
          <span className="value">{formatValue(c, value, locale)}</span>
          {value !== null && n !== undefined && n < SMALL_SAMPLE && c.id.endsWith('_p90') && <span className="n small"> (n={n})</span>}
          {delta && <span className="delta small">{delta}</span>}
        </td>
      );
    });

  return (
    <>
      {table.matching === 0 && <p role="note">{i18n.t('report.table.noMatch')}</p>}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={i18n.t('report.table.caption')}>
        <table className="figures">
          <caption>
            {i18n.t('report.table.caption')} <span className="muted small">{table.rows.some((r) => r.previous) ? i18n.t('report.table.change') : ''}</span>
          </caption>
          <thead>
            <tr>
              {header('name', i18n.t(ROW_HEADER[filters.rows]))}
              {columns.map((c) => header(c.id, i18n.t(`report.column.${c.id as 'replies'}`)))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{rowName(r)}</th>
                {cells(r)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="team">
              <th scope="row">{rowName(table.team)}</th>
              {cells(table.team)}
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
