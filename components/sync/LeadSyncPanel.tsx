import { useEffect, useId, useState } from 'react';
import { browser } from '#imports';
import { i18n } from '#i18n';
import { foldSyncedLeaves, hasSyncedAgents } from '../../lib/db/sync-team';
import type { TeamDb } from '../../lib/db/team';
import { leadSyncConfigSchema, syncUserSchema, type LeadSyncConfig } from '../../lib/sync/config';
import { dropOldLeadMirror, leadSyncItem, storedPullCheckpoints } from '../../lib/sync/items';
import { runLeadSync, type PullCheckpoints } from '../../lib/sync/lead';
import { toSyncError } from '../../lib/sync/server';
import { planSetup, runSetup, setupAsCurl, type SetupUser } from '../../lib/sync/setup';
import { failed, INITIAL_STATUS, succeeded, type SyncStatus } from '../../lib/sync/status';
import { errorText, Field, grantThenSave, StatusLine, syncFieldErrors, syncPlural, t } from './fields';

export interface LeadSyncPanelProps {
  db: TeamDb;
  /** Re-reads the team store after a pull (the report's own reload). */
  reload: () => Promise<void>;
  requestOrigin?: (pattern: string) => Promise<boolean>;
  checkpoints?: (server: string) => PullCheckpoints;
  fetch?: typeof fetch;
  now?: () => number;
}

const splitUsers = (s: string) => s.split(/[\s,;]+/).filter(Boolean);

/** "user password" per line: the agents' first passwords for the setup (empty: the user exists). */
function parseAgentLines(text: string): { users: SetupUser[]; bad: string | null } {
  const users: SetupUser[] = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const [user = '', password = ''] = line.split(/\s+/, 2);
    if (!syncUserSchema.safeParse(user).success) return { users, bad: user };
    users.push({ user, password });
  }
  return { users, bad: null };
}

/**
 * The report's "Team sync": the lead's server and sign-in, the agents to pull, a pull now
 * (folded into the report with the import's merge rules), and the one-time server setup,
 * run with admin credentials typed here and dropped after the run, or printed as curl.
 */
export function LeadSyncPanel({
  db,
  reload,
  requestOrigin = (pattern) => browser.permissions.request({ origins: [pattern] }),
  checkpoints = storedPullCheckpoints,
  fetch: f = (...a) => fetch(...a),
  now = Date.now,
}: LeadSyncPanelProps) {
  const id = useId();
  const [server, setServer] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [agents, setAgents] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [config, setConfig] = useState<LeadSyncConfig | null>(null);
  const [status, setStatus] = useState<SyncStatus>(INITIAL_STATUS);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [admin, setAdmin] = useState({ user: 'admin', password: '' });
  const [agentLines, setAgentLines] = useState('');
  const [curl, setCurl] = useState<string | null>(null);

  useEffect(() => {
    void leadSyncItem.getValue().then((c) => {
      if (!c) return;
      setConfig(c);
      setServer(c.server);
      setUser(c.credentials.user);
      setPassword(c.credentials.kind === 'password' ? c.credentials.password : c.credentials.token);
      setAgents(c.agents.join(', '));
    });
  }, []);

  function save() {
    const parsed = leadSyncConfigSchema.safeParse({ server, credentials: { kind: 'password', user, password }, agents: splitUsers(agents) });
    if (!parsed.success) {
      setErrors(syncFieldErrors(parsed.error.issues, 'password'));
      return;
    }
    setErrors({});
    grantThenSave(requestOrigin, parsed.data.server, setMessage, async () => {
      await leadSyncItem.setValue(parsed.data);
      setConfig(parsed.data);
      setMessage({ ok: true, text: i18n.t('sync.lead.saved') });
    });
  }

  async function pull() {
    if (!config) return;
    setBusy(true);
    try {
      const result = await runLeadSync(config, {
        fetch: f,
        checkpoints: checkpoints(config.server),
        fold: (leaves, list) => foldSyncedLeaves(db, leaves, list, now()),
        now,
        stillFolded: () => hasSyncedAgents(db),
      });
      setStatus((s) => succeeded(s, now(), 0, result.invalid));
      dropOldLeadMirror();
      await reload();
    } catch (e) {
      setStatus((s) => failed(s, now(), toSyncError(e), null));
    } finally {
      setBusy(false);
    }
  }

  function plan() {
    const { users, bad } = parseAgentLines(agentLines);
    if (bad !== null) {
      setMessage({ ok: false, text: i18n.t('sync.setup.badLine', { user: bad }) });
      return null;
    }
    return planSetup({ lead: { user, password }, agents: users });
  }

  async function setUp() {
    const steps = plan();
    if (!steps || !config) return;
    setBusy(true);
    try {
      const done = await runSetup(f, config.server, admin, steps);
      setMessage({ ok: true, text: syncPlural('setup.done', done.length) });
    } catch (e) {
      const err = toSyncError(e);
      setMessage({ ok: false, text: errorText(err.kind, err.detail) });
    } finally {
      // Typed once, used once: the admin password never outlives the run.
      setAdmin((a) => ({ ...a, password: '' }));
      setBusy(false);
    }
  }

  return (
    <div className="sync-panel" aria-busy={busy}>
      <p className="muted small">{i18n.t('sync.lead.help')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Field name="server" type="url" label={i18n.t('sync.field.server')} value={server} onChange={setServer} error={errors.server} />
        <Field name="user" label={i18n.t('sync.lead.user')} value={user} onChange={setUser} error={errors.user} autoComplete="username" />
        <Field name="password" type="password" label={i18n.t('sync.field.password')} value={password} onChange={setPassword} error={errors.password} autoComplete="current-password" />
        <Field name="agents" label={i18n.t('sync.lead.agents')} value={agents} onChange={setAgents} error={errors.agents} />
        <p>
          <button type="submit">{i18n.t('sync.lead.save')}</button>{' '}
          <button type="button" className="primary" disabled={!config || busy} onClick={() => void pull()}>
            {i18n.t('sync.lead.pull')}
          </button>
        </p>
      </form>
      {message && <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
      {config && <StatusLine status={status} locale={i18n.t('locale')} />}
      <details>
        <summary>{i18n.t('sync.setup.title')}</summary>
        <p className="muted small">{i18n.t('sync.setup.help')}</p>
        <Field name="adminUser" label={i18n.t('sync.setup.adminUser')} value={admin.user} onChange={(v) => setAdmin((a) => ({ ...a, user: v }))} />
        <Field
          name="adminPassword"
          type="password"
          label={i18n.t('sync.setup.adminPassword')}
          value={admin.password}
          onChange={(v) => setAdmin((a) => ({ ...a, password: v }))}
          autoComplete="off"
        />
        <p>
          <label htmlFor={`${id}-agents`}>{i18n.t('sync.setup.agentLines')}</label>
          <br />
          <textarea id={`${id}-agents`} rows={4} cols={40} spellCheck={false} value={agentLines} onChange={(e) => setAgentLines(e.target.value)} />
        </p>
        <p>
          <button type="button" disabled={!config || busy || !admin.password} onClick={() => void setUp()}>
            {i18n.t('sync.setup.run')}
          </button>{' '}
          <button
            type="button"
            disabled={!server}
            onClick={() => {
              const steps = plan();
              if (steps) setCurl(setupAsCurl(server.replace(/\/+$/, ''), admin.user || 'admin', steps));
            }}
          >
            {i18n.t('sync.setup.curl')}
          </button>
        </p>
        {curl !== null && (
          <pre aria-label={i18n.t('sync.setup.curl')} tabIndex={0}>
            {curl}
          </pre>
        )}
      </details>
      <p className="muted small">{t('sync.lead.privacy')}</p>
    </div>
  );
}
