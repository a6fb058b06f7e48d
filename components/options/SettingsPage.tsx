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
  days: number[];
  from: string;
  to: string;
  holidays: string;
  hourly: string;
  weeklyHours: string;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0] as const;

export function toForm(s: Settings): Form {
  const first = s.schedule?.week[0];
  return {
    agentName: s.agentName,
    xHandles: s.brandHandles.x.join(', '),
    facebookPages: formatBrandPages(s.brandHandles.facebook, s.brandPageNames),
    targetMinutes: String(s.sla.targetMinutes),
    limitHours: String(s.sla.limitHours),
    escalationThreshold: String(s.escalationThreshold),
    scheduleOn: !!s.schedule,
    timeZone: s.schedule?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    days: s.schedule ? [...new Set(s.schedule.week.map((w) => w.day))] : [1, 2, 3, 4, 5],
    from: first?.start ?? '09:00',
    to: first?.end ?? '17:00',
    holidays: s.schedule?.holidays.join(', ') ?? '',
    hourly: s.cost ? String(s.cost.hourly) : '',
    weeklyHours: s.cost ? String(s.cost.weeklyHours) : '',
  };
}

const list = (v: string) => v.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);
const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v.replace(',', '.')));

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
      ? { timeZone: f.timeZone.trim(), week: f.days.map((day) => ({ day, start: f.from, end: f.to })), holidays: list(f.holidays) }
      : null,
    cost: f.hourly.trim() ? { hourly: num(f.hourly), weeklyHours: num(f.weeklyHours) } : null,
  };
}

/** Errors by form field, from zod paths ("sla.targetMinutes", "brandHandles.x.1"). */
function fieldErrors(errors: FieldErrors, candidate: unknown): Partial<Record<keyof Form, string>> {
  const out: Partial<Record<keyof Form, string>> = {};
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
    [/^schedule\.week/, 'to'],
    [/^schedule\.holidays/, 'holidays'],
    [/^cost\.hourly/, 'hourly'],
    [/^cost\.weeklyHours/, 'weeklyHours'],
  ];
  for (const [path, message] of Object.entries(errors)) {
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
  const [errors, setErrors] = useState<Partial<Record<keyof Form, string>>>({});
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
              <div role="group" aria-label={i18n.t('options.scheduleDays')} className="days">
                {WEEKDAYS.map((d) => (
                  <label key={d}>
                    <input
                      type="checkbox"
                      checked={form.days.includes(d)}
                      onChange={(e) => set('days', e.target.checked ? [...form.days, d] : form.days.filter((x) => x !== d))}
                    />
                    {i18n.t(`weekday.d${d}`)}
                  </label>
                ))}
              </div>
              <div className="hours">
                {text('from', i18n.t('options.scheduleFrom'))}
                {text('to', i18n.t('options.scheduleTo'))}
              </div>
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
