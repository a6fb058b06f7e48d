import { useMemo, useState } from 'react';
import { i18n } from '#i18n';
import { formatDuration } from '../../../../lib/format/duration';
import { responseDistribution, statusMix, volumeByQueryType, weeklyTrend } from '../../../../lib/report/charts';
import { BUCKETS, type BucketLabel } from '../../../../lib/metrics';
import { STATUSES, type QueryType, type Status } from '../../../../lib/schema/taxonomy';
import { useReport } from '../../context';
import { BarChart, type Bar } from './BarChart';
import { CaseList, type Drill } from './CaseList';

/** Response-time distribution, weekly trend, volume by query type and status mix, each with its table. */
export function ChartsSection() {
  const { table, settings, filters, locale } = useReport();
  const [drill, setDrill] = useState<Drill | null>(null);
  const weeks = useMemo(
    // Counted in the table's own walk when it could be (lib/report/table), else a walk per week.
    () => (table ? (table.trend ?? weeklyTrend(table.records, settings, table.query, filters.business)) : []),
    [table, settings, filters.business],
  );
  // Computed once per table, not on every render of the section (opening a drill-down list re-renders it).
  const statuses = useMemo(() => (table ? statusMix(table.records, table.period) : []), [table]);
  if (!table) return null;
  const business = filters.business;
  const select = (chart: string, count: Drill['count']) => (bar: Bar) => setDrill({ title: `${chart}: ${bar.label}`, count });
  const count = (n: number | null) => new Intl.NumberFormat(locale).format(n ?? 0);
  const none = i18n.t('popup.none');
  const day = (t: number) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }).format(t);
  const pct = (v: number | null) => (v === null ? none : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(v));
  return (
    <div className="charts">
      <BarChart
        title={i18n.t('report.chart.distribution')}
        valueHeader={i18n.t('report.chart.replies')}
        bars={responseDistribution(table.team.figures, filters.business).map((p) => ({ key: p.key, label: p.key, value: p.value, display: count(p.value) }))}
        onSelect={(bar) => {
          const i = BUCKETS.indexOf(bar.key as BucketLabel);
          select(i18n.t('report.chart.distribution'), (f) => (business && f.responseTime.business ? f.responseTime.business : f.responseTime.calendar).buckets[i] ?? 0)(bar);
        }}
      />
      <BarChart
        title={i18n.t('report.chart.weeklyMedian')}
        valueHeader={i18n.t('report.column.response_median')}
        bars={weeks.map((w) => ({ key: String(w.from), label: day(w.from), value: w.medianResponseMs, display: w.medianResponseMs === null ? none : formatDuration(w.medianResponseMs) }))}
      />
      <BarChart
        title={i18n.t('report.chart.weeklySla')}
        valueHeader={i18n.t('report.column.sla_first_target')}
        bars={weeks.map((w) => ({ key: String(w.from), label: day(w.from), value: w.firstResponseSla, display: pct(w.firstResponseSla) }))}
      />
      <BarChart
        title={i18n.t('report.chart.volume')}
        valueHeader={i18n.t('report.chart.replies')}
        bars={volumeByQueryType(table.team.figures).map((p) => ({
          key: p.key,
          label: p.key === 'none' ? i18n.t('report.chart.noQueryType') : i18n.t(`queryType.${p.key as QueryType}`),
          value: p.value,
          display: count(p.value),
        }))}
        onSelect={(bar) =>
          select(i18n.t('report.chart.volume'), (f) => (bar.key === 'none' ? f.replies.noQueryType : f.replies.perQueryType[bar.key as QueryType]))(bar)
        }
      />
      <BarChart
        title={i18n.t('report.chart.statusMix')}
        valueHeader={i18n.t('report.chart.cases')}
        bars={statuses.map((p) => ({
          key: p.key,
          label: p.key === 'none' ? i18n.t('report.chart.noStatus') : i18n.t(`status.${p.key as Status}`),
          value: p.value,
          display: count(p.value),
        }))}
        onSelect={(bar) => {
          const i = [...STATUSES, 'none'].indexOf(bar.key);
          select(i18n.t('report.chart.statusMix'), (_f, list) => statusMix(list, table.period)[i]?.value ?? 0)(bar);
        }}
      />
      {drill && <CaseList drill={drill} onClose={() => setDrill(null)} />}
    </div>
  );
}
