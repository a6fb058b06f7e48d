import { i18n } from '#i18n';
import { CSV_TYPE } from '../../../../lib/io/agent-export';
import { delimiterFor } from '../../../../lib/io/csv';
import { agentTableCsv, casesCsv } from '../../../../lib/io/csv-tables';
import { exportHeader, exportValue, FIGURE_COLUMNS } from '../../../../lib/io/figure-columns';
import { readTeamPeriod } from '../../../../lib/db/team';
import { eachCaseStatus } from '../../../../lib/report/rows';
import { useReport } from '../../context';

/** The tables as the lead sees them (same filters): agent table and cases as CSV, the whole report as JSON. */
export function ExportSection() {
  const { db, table, filters, data, settings, now, timeZone, locale, save, updating } = useReport();
  if (!table) return null;
  const delimiter = delimiterFor(locale);
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const base = `threadmark-team-${day(table.period.from)}_${day(table.period.to - 1)}`;
  const rows = [...table.rows.map((r) => ({ agent: r.key, figures: r.figures })), { agent: null, figures: table.team.figures }];

  const agentCsv = () =>
    save({ name: `${base}-${filters.rows}.csv`, type: CSV_TYPE, text: agentTableCsv(rows, { delimiter, timeZone, business: filters.business }) });
  // The page holds columns only: the period's records (texts, links) are read when asked for.
  const cases = async () => {
    const { period } = table;
    let statusCases: Set<string> | null = null;
    if (filters.status !== null) {
      const keep = new Set<string>();
      eachCaseStatus(data.columns, null, (key, s) => {
        if (s === filters.status) keep.add(key);
      });
      statusCases = keep;
    }
    const inPeriod = (await readTeamPeriod(db, period)).filter(
      (r) =>
        (statusCases === null || statusCases.has(r.caseKey)) &&
        (!filters.platform || r.platform === filters.platform) &&
        (filters.agent === null || r.agent === filters.agent || !r.fromBrand),
    );
    // In the store's key order, as the whole-store read gave them (the CSV lists cases in that order).
    inPeriod.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    save({ name: `${base}-cases.csv`, type: CSV_TYPE, text: casesCsv(inPeriod, settings, now, { delimiter, timeZone }) });
  };
  const json = () => {
    const report = {
      format: 'threadmark-team-report',
      version: 1,
      period: { from: new Date(table.period.from).toISOString(), to: new Date(table.period.to).toISOString(), timeZone },
      filters,
      files: data.files.map((f) => ({ name: f.name, agent: f.agent, records: f.records, exportedAt: new Date(f.exportedAt).toISOString() })),
      rows: rows.map((r) => ({
        [filters.rows]: r.agent,
        teamTotal: r.agent === null,
        figures: Object.fromEntries(FIGURE_COLUMNS.map((c) => [exportHeader(c), exportValue(c, r.figures, filters.business)])),
      })),
    };
    save({ name: `${base}.json`, type: 'application/json', text: `${JSON.stringify(report, null, 2)}\n` });
  };
  return (
    <p className="export-buttons">
      <button type="button" onClick={agentCsv}>
        {i18n.t('report.exportTable.csv')}
      </button>{' '}
      {/* The cases are read from the store, which already holds the data being recorded: the
          file would not match the figures shown until the update ends (a second or so at 1M). */}
      <button type="button" onClick={() => void cases()} disabled={updating}>
        {i18n.t('report.exportTable.casesCsv')}
      </button>{' '}
      <button type="button" onClick={json}>
        {i18n.t('report.exportTable.json')}
      </button>{' '}
      <button type="button" onClick={() => window.print()}>
        {i18n.t('report.exportTable.print')}
      </button>
    </p>
  );
}
