import { useEffect, useId, useState } from 'react';
import { browser } from '#imports';
import { i18n } from '#i18n';
import { agentSyncConfigSchema, originPattern, type AgentSyncConfig } from '../../lib/sync/config';
import { agentSyncItem, syncRequestItem, syncStatusItem } from '../../lib/sync/items';
import { INITIAL_STATUS, type SyncStatus } from '../../lib/sync/status';
import { Field, grantThenSave, StatusLine, syncFieldErrors, t } from './fields';

export interface AgentSyncPanelProps {
  /** Asks the browser for the server's origin; called straight from the click (a user gesture). */
  requestOrigin?: (pattern: string) => Promise<boolean>;
}

interface Form {
  server: string;
  user: string;
  kind: 'password' | 'token';
  secret: string;
  shareTexts: boolean;
}

const EMPTY: Form = { server: '', user: '', kind: 'password', secret: '', shareTexts: false };

function toForm(c: AgentSyncConfig | null): Form {
  if (!c) return EMPTY;
  const secret = c.credentials.kind === 'password' ? c.credentials.password : c.credentials.token;
  return { server: c.server, user: c.credentials.user, kind: c.credentials.kind, secret, shareTexts: c.shareTexts };
}

/**
 * Agent settings, "Team sync": the team's server, the agent's user and password (or the
 * token the lead handed out), and the status line. Off until saved; saving asks the
 * browser for that one server.
 */
export function AgentSyncPanel({ requestOrigin = (pattern) => browser.permissions.request({ origins: [pattern] }) }: AgentSyncPanelProps) {
  const id = useId();
  const [form, setForm] = useState<Form>(EMPTY);
  const [configured, setConfigured] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [status, setStatus] = useState<SyncStatus>(INITIAL_STATUS);

  useEffect(() => {
    void agentSyncItem.getValue().then((c) => {
      setForm(toForm(c));
      setConfigured(!!c);
    });
    void syncStatusItem.getValue().then(setStatus);
    return syncStatusItem.watch(setStatus);
  }, []);

  const set = <K extends keyof Form>(k: K) => (v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));

  function save() {
    const credentials = form.kind === 'password' ? { kind: 'password', user: form.user, password: form.secret } : { kind: 'token', user: form.user, token: form.secret };
    const parsed = agentSyncConfigSchema.safeParse({ server: form.server, credentials, shareTexts: form.shareTexts });
    if (!parsed.success) {
      setErrors(syncFieldErrors(parsed.error.issues, 'secret'));
      setMessage({ ok: false, text: i18n.t('sync.agent.notSaved') });
      return;
    }
    setErrors({});
    // No await before this call: the browser grants only from the click itself.
    grantThenSave(requestOrigin, parsed.data.server, setMessage, async () => {
      await agentSyncItem.setValue(parsed.data);
      setConfigured(true);
      setMessage({ ok: true, text: i18n.t('sync.agent.saved') });
    });
  }

  async function turnOff() {
    const before = await agentSyncItem.getValue();
    await agentSyncItem.setValue(null);
    // Fewest permissions: the server's origin goes back too.
    try {
      if (before) await browser.permissions.remove({ origins: [originPattern(before.server)] });
    } catch {
      /* already withdrawn in the browser */
    }
    setConfigured(false);
    setMessage({ ok: true, text: i18n.t('sync.agent.off') });
  }

  return (
    <section aria-labelledby={`${id}-h`} className="sync-panel">
      <h2 id={`${id}-h`}>{i18n.t('sync.agent.title')}</h2>
      <p className="muted small">{i18n.t('sync.agent.help')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Field name="server" type="url" label={i18n.t('sync.field.server')} value={form.server} onChange={set('server')} error={errors.server} />
        <Field name="user" label={i18n.t('sync.field.user')} value={form.user} onChange={set('user')} error={errors.user} autoComplete="username" />
        <fieldset>
          <legend>{i18n.t('sync.field.signIn')}</legend>
          <label>
            <input type="radio" name={`${id}-kind`} checked={form.kind === 'password'} onChange={() => set('kind')('password')} /> {i18n.t('sync.field.password')}
          </label>{' '}
          <label>
            <input type="radio" name={`${id}-kind`} checked={form.kind === 'token'} onChange={() => set('kind')('token')} /> {i18n.t('sync.field.token')}
          </label>
        </fieldset>
        <Field
          name="secret"
          type="password"
          label={form.kind === 'password' ? i18n.t('sync.field.password') : i18n.t('sync.field.token')}
          value={form.secret}
          onChange={set('secret')}
          error={errors.secret}
          autoComplete="current-password"
        />
        <p>
          <label>
            <input type="checkbox" checked={form.shareTexts} onChange={(e) => set('shareTexts')(e.target.checked)} /> {i18n.t('sync.field.shareTexts')}
          </label>
        </p>
        <p>
          <button type="submit" className="primary">
            {i18n.t('sync.agent.save')}
          </button>{' '}
          {configured && (
            <>
              <button type="button" onClick={() => void syncRequestItem.setValue(Date.now())}>
                {i18n.t('sync.agent.now')}
              </button>{' '}
              <button type="button" onClick={() => void turnOff()}>
                {i18n.t('sync.agent.turnOff')}
              </button>
            </>
          )}
        </p>
      </form>
      {message && <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
      {configured && <StatusLine status={status} locale={i18n.t('locale')} />}
      {!configured && <p className="muted small">{t('sync.agent.offHelp')}</p>}
    </section>
  );
}
