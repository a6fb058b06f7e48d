import { useId } from 'react';
import { i18n } from '#i18n';
import { RANGE_PRESETS, ROW_KINDS, type RangePreset, type ReportFilters, type RowKind } from '../../../../lib/report/filters';
import { PLATFORMS, QUERY_TYPES, STATUSES, type Platform, type QueryType, type Status } from '../../../../lib/schema/taxonomy';
import { PLATFORM_NAMES, useReport } from '../../context';

/** Period (presets or custom days), agent, site, query type, case status, calendar or business time, rows. */
export function FiltersSection() {
  const { filters: f, setFilters, data, settings } = useReport();
  const id = useId();
  const set = <K extends keyof ReportFilters>(k: K, v: ReportFilters[K]) => setFilters({ ...f, [k]: v });
  const agents = [...new Set([...data.files.map((x) => x.agent), ...data.columns.agents])].sort();
  const select = <T extends string>(key: string, label: string, value: T | null, options: readonly T[], name: (o: T) => string, onChange: (v: T | null) => void) => (
    <span className="filter">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : (e.target.value as T))}>
        <option value="">{i18n.t('report.filter.any')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {name(o)}
          </option>
        ))}
      </select>
    </span>
  );
  return (
    <div className="filters">
      <span className="filter">
        <label htmlFor={`${id}-range`}>{i18n.t('report.filter.range')}</label>
        <select id={`${id}-range`} value={f.range} onChange={(e) => set('range', e.target.value as RangePreset)}>
          {RANGE_PRESETS.map((p) => (
            <option key={p} value={p}>
              {i18n.t(`report.filter.${p}`)}
            </option>
          ))}
        </select>
      </span>
      {f.range === 'custom' && (
        <>
          <span className="filter">
            <label htmlFor={`${id}-from`}>{i18n.t('report.filter.from')}</label>
            <input id={`${id}-from`} type="date" value={f.customFrom} onChange={(e) => set('customFrom', e.target.value)} />
          </span>
          <span className="filter">
            <label htmlFor={`${id}-to`}>{i18n.t('report.filter.to')}</label>
            <input id={`${id}-to`} type="date" value={f.customTo} onChange={(e) => set('customTo', e.target.value)} />
          </span>
        </>
      )}
      {select('agent', i18n.t('report.filter.agent'), f.agent, agents, (a) => a, (v) => set('agent', v))}
      {select<Platform>('site', i18n.t('report.filter.site'), f.platform, PLATFORMS, (p) => PLATFORM_NAMES[p], (v) => set('platform', v))}
      {select<QueryType>('qt', i18n.t('report.filter.queryType'), f.queryType, QUERY_TYPES, (q) => i18n.t(`queryType.${q}`), (v) => set('queryType', v))}
      {select<Status>('status', i18n.t('report.filter.status'), f.status, STATUSES, (s) => i18n.t(`status.${s}`), (v) => set('status', v))}
      <span className="filter">
        <label htmlFor={`${id}-time`}>{i18n.t('report.filter.time')}</label>
        <select id={`${id}-time`} value={f.business ? 'business' : 'calendar'} onChange={(e) => set('business', e.target.value === 'business')}>
          <option value="calendar">{i18n.t('report.filter.calendar')}</option>
          <option value="business" disabled={!settings.schedule}>
            {i18n.t('report.filter.business')}
          </option>
        </select>
      </span>
      <span className="filter">
        <label htmlFor={`${id}-rows`}>{i18n.t('report.filter.rows')}</label>
        <select id={`${id}-rows`} value={f.rows} onChange={(e) => set('rows', e.target.value as RowKind)}>
          {ROW_KINDS.map((k) => (
            <option key={k} value={k}>
              {i18n.t(`report.filter.rows_${k}`)}
            </option>
          ))}
        </select>
      </span>
    </div>
  );
}
