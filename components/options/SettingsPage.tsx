import { useEffect, useState } from 'react';
import { i18n } from '#i18n';
import { DEFAULT_SETTINGS } from '../../lib/schema/defaults';
import type { Settings } from '../../lib/schema/records';
import { loadSettings, saveSettings, type FieldErrors } from '../../lib/settings/validated';
import { ExportMyData } from '../export/ExportMyData';
import { translateError } from '../ui/errors';
import { formatBrandPages, parseBrandPages } from '../../lib/settings/brand-pages';
import { TeamSettingsFile } from './TeamSettingsFile';
import { AgentSyncPanel } from '../sync/AgentSyncPanel';
import { DEFAULT_DAY_HOURS, FORM_WEEKDAYS, formatDay, parseDay, type Span } from '../../lib/settings/week-hours';
import './settings.css';

/** The form keeps raw strings; they become Settings only on save, where zod checks them. */
interface Form {
  agentName: string;
  xHandles: string;
  facebookPages: string;
  targetMinutes: string;
  limitHours: string;
  escalationThreshold: string;
  scheduleOn: boolean;
  timeZone: string;
  /** Opening hours as typed, by weekday (0 = Sunday): "09:00–12:00, 13:00–17:00", empty = closed. */
  hours: string[];
  holidays: string;
  hourly: string;
  weeklyHours: string;
}

/** Errors by form field; a day's hours are `hours.<day>`. */
type Errors = Partial<Record<keyof Form | `hours.${number}` | 'week', string>>;

export function toForm(s: Settings): Form {
  const week = s.schedule?.week;
  return {
    agentName: s.agentName,
    xHandles: s.brandHandles.x.join(', '),
    facebookPages: formatBrandPages(s.brandHandles.facebook, s.brandPageNames),
    targetMinutes: String(s.sla.targetMinutes),
    limitHours: String(s.sla.limitHours),
    escalationThreshold: String(s.escalationThreshold),
    scheduleOn: !!s.schedule,
    timeZone: s.schedule?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    hours: week ? [0, 1, 2, 3, 4, 5, 6].map((d) => formatDay(week, d)) : [...DEFAULT_DAY_HOURS],
    holidays: s.schedule?.holidays.join(', ') ?? '',
    hourly: s.cost ? String(s.cost.hourly) : '',
    weeklyHours: s.cost ? String(s.cost.weeklyHours) : '',
  };
}

const list = (v: string) => v.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);
const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v.replace(',', '.')));

/** The form's week, or the days whose text is not hours at all. */
export function weekFromForm(f: Form): { week: Span[]; errors: Errors } {
  const week: Span[] = [];
  const errors: Errors = {};
  for (const day of FORM_WEEKDAYS) {
    const parsed = parseDay(f.hours[day] ?? '', day);
    if (parsed.ok) week.push(...parsed.spans);
    else errors[`hours.${day}`] = `${i18n.t('hours.format')} (${parsed.bad})`;
  }
  return { week, errors };
}

export function fromForm(f: Form, base: Settings): unknown {
  const pages = parseBrandPages(f.facebookPages);
  return {
    ...base,
    agentName: f.agentName,
    brandHandles: { x: list(f.xHandles).map((h) => h.replace(/^@/, '')), facebook: pages.ids },
    brandPageNames: pages.names,
    sla: { ...base.sla, targetMinutes: num(f.targetMinutes), limitHours: num(f.limitHours) },
    escalationThreshold: num(f.escalationThreshold),
    schedule: f.scheduleOn
      ? { timeZone: f.timeZone.trim(), week: weekFromForm(f).week, holidays: list(f.holidays) }
      : null,
    cost: f.hourly.trim() ? { hourly: num(f.hourly), weeklyHours: num(f.weeklyHours) } : null,
  };
}

/** Errors by form field, from zod paths ("sla.targetMinutes", "brandHandles.x.1"). */
function fieldErrors(errors: FieldErrors, candidate: unknown): Errors {
  const out: Errors = {};
  const at = (path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], candidate);
  const fields: [RegExp, keyof Form][] = [
    [/^agentName/, 'agentName'],
    [/^brandHandles\.x/, 'xHandles'],
    [/^brandHandles\.facebook/, 'facebookPages'],
    [/^brandPageNames/, 'facebookPages'],
    [/^sla\.targetMinutes/, 'targetMinutes'],
    [/^sla\.limitHours/, 'limitHours'],
    [/^escalationThreshold/, 'escalationThreshold'],
    [/^schedule\.timeZone/, 'timeZone'],
    [/^schedule\.holidays/, 'holidays'],
    [/^cost\.hourly/, 'hourly'],
    [/^cost\.weeklyHours/, 'weeklyHours'],
  ];
  const week = (candidate as { schedule?: { week?: Span[] } | null }).schedule?.week ?? [];
  for (const [path, message] of Object.entries(errors)) {
    // A span's error belongs to its day: by its index, or (for the whole-week rule) the first
    // day whose span closes before it opens.
    const spanAt = /^schedule\.week\.(\d+)/.exec(path);
    if (spanAt || path === 'schedule.week') {
      const span = spanAt ? week[Number(spanAt[1])] : week.find((w) => w.start >= w.end);
      const key = span ? (`hours.${span.day}` as const) : 'week';
      out[key] ??= translateError(message);
      continue;
    }
    const field = fields.find(([re]) => re.test(path))?.[1];
    if (!field || out[field]) continue;
    // For one bad item in a list, say which one.
    const value = /\.\d+$/.test(path) ? at(path) : undefined;
    out[field] = translateError(message) + (typeof value === 'string' ? ` (${value})` : '');
  }
  return out;
}

export function SettingsPage() {
  const [base, setBase] = useState<Settings>(DEFAULT_SETTINGS);
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<'idle' | 'saved' | 'invalid'>('idle');

  useEffect(() => {
    void loadSettings().then((s) => {
      setBase(s);
      setForm(toForm(s));
    });
  }, []);
  if (!form) return null;

  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setForm({ ...form, [k]: v });
    setStatus('idle');
  };
  const text = (k: keyof Form, label: string, help?: string, type: 'text' | 'number' = 'text') => (
    <label className="field">
      <span>{label}</span>
      <input
        type={type}
        name={k}
        value={form[k] as string}
        aria-invalid={!!errors[k]}
        aria-describedby={errors[k] ? `${k}-error` : undefined}
        onChange={(e) => set(k, e.target.value as never)}
      />
      {help && <small>{help}</small>}
      {errors[k] && (
        <div className="error" id={`${k}-error`} role="alert">
          {errors[k]}
        </div>
      )}
    </label>
  );

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (form!.scheduleOn) {
      // Text that is not hours is refused here, by day, before the schema sees the week.
      const { week, errors: dayErrors } = weekFromForm(form!);
      if (!week.length && !Object.keys(dayErrors).length) dayErrors.week = i18n.t('hours.noOpenDay');
      if (Object.keys(dayErrors).length) {
        setErrors(dayErrors);
        setStatus('invalid');
        return;
      }
    }
    const candidate = fromForm(form!, base);
    const result = await saveSettings(candidate);
    if (result.ok) {
      setBase(result.settings);
      setForm(toForm(result.settings));
      setErrors({});
      setStatus('saved');
    } else {
      setErrors(fieldErrors(result.errors, candidate));
      setStatus('invalid');
    }
  }

  return (
    <main className="settings">
      <h1>{i18n.t('options.title')}</h1>
      <p className="muted">{i18n.t('options.privacy')}</p>
      <form onSubmit={save} noValidate>
        {text('agentName', i18n.t('options.agentName'), i18n.t('options.agentNameHelp'))}
        {text('xHandles', i18n.t('options.brandHandlesX'), i18n.t('options.brandHandlesXHelp'))}
        {text('facebookPages', i18n.t('options.brandHandlesFacebook'), i18n.t('facebook.pagesHelp'))}
        {text('targetMinutes', i18n.t('options.slaTarget'), undefined, 'number')}
        {text('limitHours', i18n.t('options.slaLimit'), undefined, 'number')}
        {text('escalationThreshold', i18n.t('options.escalationThreshold'), undefined, 'number')}
        <fieldset>
          <legend>{i18n.t('options.schedule')}</legend>
          <label>
            <input
              type="checkbox"
              name="scheduleOn"
              checked={form.scheduleOn}
              aria-describedby="schedule-help"
              onChange={(e) => set('scheduleOn', e.target.checked)}
            />{' '}
            {i18n.t('report.settingsFile.scheduleToggle')}
          </label>
          <small id="schedule-help">{i18n.t(form.scheduleOn ? 'report.settingsFile.scheduleOn' : 'report.settingsFile.scheduleOff')}</small>
          {form.scheduleOn && (
            <>
              {text('timeZone', i18n.t('options.scheduleZone'))}
              <fieldset className="week" aria-describedby={errors.week ? 'week-error hours-help' : 'hours-help'}>
                <legend>{i18n.t('hours.legend')}</legend>
                <small id="hours-help">{i18n.t('hours.help')}</small>
                {FORM_WEEKDAYS.map((d) => {
                  const key = `hours.${d}` as const;
                  return (
                    <label className="field day" key={d}>
                      <span>{i18n.t(`weekday.d${d}`)}</span>
                      <input
                        type="text"
                        name={key}
                        value={form.hours[d] ?? ''}
                        placeholder={i18n.t('hours.closed')}
                        aria-invalid={!!errors[key]}
                        aria-describedby={errors[key] ? `${key}-error` : undefined}
                        onChange={(e) => set('hours', form.hours.map((h, i) => (i === d ? e.target.value : h)))}
                      />
                      {errors[key] && (
                        <div className="error" id={`${key}-error`} role="alert">
                          {errors[key]}
                        </div>
                      )}
                    </label>
                  );
                })}
                {errors.week && (
                  <div className="error" id="week-error" role="alert">
                    {errors.week}
                  </div>
                )}
              </fieldset>
              {text('holidays', i18n.t('options.holidays'))}
            </>
          )}
        </fieldset>
        {text('hourly', i18n.t('options.costHourly'), undefined, 'number')}
        {form.hourly.trim() !== '' && text('weeklyHours', i18n.t('options.costWeeklyHours'), undefined, 'number')}
        <p>
          <button type="submit" className="primary">
            {i18n.t('options.save')}
          </button>{' '}
          <span role="status">
            {status === 'saved' && i18n.t('options.saved')}
            {status === 'invalid' && <span className="error">{i18n.t('options.invalid')}</span>}
          </span>
        </p>
      </form>
      <TeamSettingsFile
        onImported={(s) => {
          setBase(s);
          setForm(toForm(s));
          setErrors({});
        }}
      />
      <ExportMyData />
      <AgentSyncPanel />
      <p>
        <a href="/report.html" target="_blank" rel="noreferrer">
          {i18n.t('report.export.openReport')}
        </a>
      </p>
    </main>
  );
}
