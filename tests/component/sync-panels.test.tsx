import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTeamDb } from '../../lib/db/team';
import { agentSyncItem, leadSyncItem, leadPullItem, OLD_LEAD_MIRROR_IDB, syncRequestItem, syncStatusItem } from '../../lib/sync/items';
import { AgentSyncPanel } from '../../components/sync/AgentSyncPanel';
import { LeadSyncPanel } from '../../components/sync/LeadSyncPanel';

beforeEach(() => fakeBrowser.reset());

async function fillAgent(server: string, user = 'ana', secret = 'pw') {
  const u = userEvent.setup();
  await u.type(screen.getByLabelText('Server address (https://…)'), server);
  await u.type(screen.getByLabelText('Your user name on the server'), user);
  await u.type(screen.getByLabelText('Password', { selector: 'input[type=password]' }), secret);
  await u.click(screen.getByRole('button', { name: 'Save and connect' }));
  return u;
}

describe('the agent’s team sync settings', () => {
  it('asks the browser for that one server and saves only when it is allowed', async () => {
    const requestOrigin = vi.fn(async () => true);
    render(<AgentSyncPanel requestOrigin={requestOrigin} />);
    const u = await fillAgent('https://couch.example.org/');
    expect(requestOrigin).toHaveBeenCalledWith('https://couch.example.org/*');
    await waitFor(async () => expect(await agentSyncItem.getValue()).toMatchObject({ server: 'https://couch.example.org', credentials: { user: 'ana', password: 'pw' }, shareTexts: false }));
    await u.click(await screen.findByRole('button', { name: 'Sync now' }));
    expect(await syncRequestItem.getValue()).toEqual(expect.any(Number));
  });

  it('keeps sync off when the browser refuses the server', async () => {
    render(<AgentSyncPanel requestOrigin={async () => false} />);
    await fillAgent('https://couch.example.org');
    expect(await screen.findByRole('alert')).toHaveTextContent('did not allow https://couch.example.org');
    expect(await agentSyncItem.getValue()).toBeNull();
  });

  it.each([
    ['http://couch.example.org', 'Use https://'],
    ['not a url', 'Not a web address.'],
  ])('refuses the server address %s next to the field, without asking the browser', async (server, text) => {
    const requestOrigin = vi.fn(async () => true);
    render(<AgentSyncPanel requestOrigin={requestOrigin} />);
    await fillAgent(server);
    expect(screen.getByLabelText('Server address (https://…)')).toHaveAccessibleDescription(expect.stringContaining(text));
    expect(requestOrigin).not.toHaveBeenCalled();
  });

  it('shows last synced, records waiting and the last error in words', async () => {
    await agentSyncItem.setValue({ server: 'https://couch.example.org', credentials: { kind: 'password', user: 'ana', password: 'x' }, shareTexts: false });
    await syncStatusItem.setValue({ lastSyncedAt: null, waiting: 12, lastError: { kind: 'credentials', detail: 'Name or password is incorrect.', at: 1 }, failures: 1, nextTryAt: null, invalid: [] });
    render(<AgentSyncPanel />);
    const status = await screen.findByText(/12 records waiting/);
    expect(status).toHaveTextContent('Not synced yet');
    expect(screen.getByText(/Wrong user name, password or token; nothing was lost/)).toBeInTheDocument();
  });
});

describe('the lead’s team sync', () => {
  it('prints the setup as curl commands that never contain the admin password', async () => {
    await leadSyncItem.setValue({ server: 'https://couch.example.org', credentials: { kind: 'password', user: 'lea', password: 'lea-pw' }, agents: ['ana'] });
    render(<LeadSyncPanel db={createTeamDb(`panel-${Math.random()}`)} reload={async () => {}} />);
    const u = userEvent.setup();
    await waitFor(() => expect(screen.getByLabelText('Server address (https://…)')).toHaveValue('https://couch.example.org'));
    await u.click(screen.getByText('One-time server setup'));
    await u.type(screen.getByLabelText('Admin password (not kept)'), 'very-secret');
    await u.type(screen.getByLabelText(/Agents, one per line/), 'ana first-pw');
    await u.click(screen.getByRole('button', { name: 'Show as curl commands' }));
    const curl = screen.getByLabelText('Show as curl commands', { selector: 'pre' });
    expect(curl).toHaveTextContent("curl -sS -u 'admin' -X PUT 'https://couch.example.org/threadmark-agent-ana/_security'");
    expect(curl.textContent).not.toContain('very-secret');
  });

  it('says what is wrong when the server is not a CouchDB, and the report is not touched', async () => {
    await leadSyncItem.setValue({ server: 'https://couch.example.org', credentials: { kind: 'password', user: 'lea', password: 'lea-pw' }, agents: ['ana'] });
    const reload = vi.fn(async () => {});
    const f = vi.fn(async () => new Response('<!doctype html><p>It works!</p>')) as unknown as typeof fetch;
    render(<LeadSyncPanel db={createTeamDb(`panel-${Math.random()}`)} reload={reload} fetch={f} />);
    const u = userEvent.setup();
    await waitFor(() => expect(screen.getByRole('button', { name: "Pull the team's records now" })).toBeEnabled());
    await u.click(screen.getByRole('button', { name: "Pull the team's records now" }));
    expect(await screen.findByText(/This address is not a CouchDB server/)).toBeInTheDocument();
    expect(reload).not.toHaveBeenCalled();
  });

  it('pulls into the report, keeps where each agent database stopped, and removes the local copy earlier builds kept', async () => {
    await leadSyncItem.setValue({ server: 'https://couch.example.org', credentials: { kind: 'password', user: 'lea', password: 'lea-pw' }, agents: ['ana'] });
    // The old mirror database, as an earlier build left it.
    await new Promise((resolve, reject) => {
      const open = indexedDB.open(OLD_LEAD_MIRROR_IDB);
      open.onupgradeneeded = () => open.result.createObjectStore('document-store');
      open.onsuccess = () => (open.result.close(), resolve(null));
      open.onerror = () => reject(open.error);
    });
    const answers: Record<string, object> = {
      '/': { couchdb: 'Welcome', version: '3.4.2' },
      '/_session': { ok: true, userCtx: { name: 'lea', roles: ['threadmark-lead'] } },
      '/threadmark-agent-ana': { db_name: 'threadmark-agent-ana', doc_count: 0 },
      '/threadmark-agent-ana/_changes': { results: [], last_seq: '7-abc' },
    };
    const f = vi.fn(async (url: string) => Response.json(answers[new URL(url).pathname] ?? { error: 'not_found' }, { status: answers[new URL(url).pathname] ? 200 : 404 })) as unknown as typeof fetch;
    const reload = vi.fn(async () => {});
    render(<LeadSyncPanel db={createTeamDb(`panel-${Math.random()}`)} reload={reload} fetch={f} />);
    const u = userEvent.setup();
    await waitFor(() => expect(screen.getByRole('button', { name: "Pull the team's records now" })).toBeEnabled());
    await u.click(screen.getByRole('button', { name: "Pull the team's records now" }));
    await waitFor(() => expect(reload).toHaveBeenCalled());
    expect(screen.getByRole('status')).toHaveTextContent(/Last synced/);
    expect(await leadPullItem.getValue()).toEqual({ server: 'https://couch.example.org', seqs: { 'threadmark-agent-ana': '7-abc' } });
    await waitFor(async () => expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(OLD_LEAD_MIRROR_IDB));
  });
});
