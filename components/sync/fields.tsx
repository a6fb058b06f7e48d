import { useId } from 'react';
import { i18n } from '#i18n';
import { pluralCategory } from '../../lib/format/plural';
import { originPattern } from '../../lib/sync/config';
import type { SyncErrorKind } from '../../lib/sync/server';
import type { z } from 'zod';
import type { SyncStatus } from '../../lib/sync/status';

type Key = Parameters<typeof i18n.t>[0];
/** Translates an i18n key chosen at run time (zod messages are `sync.errors.*` keys). */
export const t = (key: string, subs?: Record<string, string>) => i18n.t(key as Key, subs as never);

/** `sync.<stem>.{one,few,many,other}` for n, by the language's plural rules. */
export function syncPlural(stem: string, n: number): string {
  return t(`sync.${stem}.${pluralCategory(i18n.t('locale'), n)}`, { count: String(n) });
}

/**
 * Asks the browser for the server's origin, then saves: call it straight from the click
 * (no await before it), as the browser grants only from the user's gesture. A refusal
 * says which origin was refused and saves nothing.
 */
export function grantThenSave(requestOrigin: (pattern: string) => Promise<boolean>, server: string, onMessage: (m: { ok: boolean; text: string }) => void, save: () => Promise<void>): void {
  void requestOrigin(originPattern(server)).then(async (granted) => {
    if (!granted) {
      onMessage({ ok: false, text: i18n.t('sync.agent.denied', { origin: new URL(server).origin }) });
      return;
    }
    await save();
  });
}

export interface FieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  type?: 'text' | 'url' | 'password';
  autoComplete?: string;
}

/** A labelled input with its error announced and tied to it. */
export function Field({ name, label, value, onChange, error, type = 'text', autoComplete = 'off' }: FieldProps) {
  const id = useId();
  return (
    <p>
      <label htmlFor={id}>{label}</label>{' '}
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        autoComplete={autoComplete}
        spellCheck={false}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-e` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <span className="error" id={`${id}-e`} role="alert">
          {' '}
          {t(error)}
        </span>
      )}
    </p>
  );
}

export function errorText(kind: SyncErrorKind, detail: string): string {
  return t('sync.error.line', { what: t(`sync.error.${kind}`), detail });
}

/** Last synced, records waiting, last error and next try, documents kept out. */
export function StatusLine({ status, locale }: { status: SyncStatus; locale: string }) {
  const when = (ms: number) => new Date(ms).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div role="status" className="sync-status">
      <p>
        {status.lastSyncedAt === null ? t('sync.status.never') : t('sync.status.last', { when: when(status.lastSyncedAt) })}
        {status.waiting !== null && <> · {syncPlural('status.waiting', status.waiting)}</>}
      </p>
      {status.lastError && (
        <p className="error">
          {errorText(status.lastError.kind, status.lastError.detail)}
          {status.nextTryAt !== null && <> {t('sync.status.retry', { when: when(status.nextTryAt) })}</>}
        </p>
      )}
      {status.invalid.length > 0 && (
        <details>
          <summary>{syncPlural('status.invalid', status.invalid.length)}</summary>
          <ul>
            {status.invalid.map((d) => (
              <li key={`${d.id}|${d.rev}`}>{t('sync.status.invalidDoc', { id: d.id, db: d.db, field: d.field || '—', detail: d.detail })}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/**
 * A sync form's zod issues as field → i18n key, the first per field. Credentials errors
 * go to the user field or to the secret field (named `secretField` by the form).
 */
export function syncFieldErrors(issues: readonly z.core.$ZodIssue[], secretField: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path[0] === 'credentials' ? (issue.path[1] === 'user' ? 'user' : secretField) : String(issue.path[0]);
    found[field] ??= issue.message.startsWith('sync.') ? issue.message : 'sync.errors.user';
  }
  return found;
}
