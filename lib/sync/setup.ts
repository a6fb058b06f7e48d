/**
 * The one-time server setup a lead does (issue 10): a database per agent, each agent's
 * user allowed to write only their own database, the lead's user allowed to read them all.
 * As a plan of HTTP requests (pure), run from the page with the admin credentials the lead
 * types once (kept in memory for the run, never stored), or printed as curl commands for
 * an administrator (curl asks for the admin password itself).
 */
import { AGENT_ROLE, agentDbName, authHeader, LEAD_ROLE } from './config';
import { checkServer, SyncError, statusError, type Fetch } from './server';

export interface SetupUser {
  user: string;
  /** Empty: the user exists already and keeps their password. */
  password: string;
}

export interface SetupInput {
  agents: SetupUser[];
  lead: SetupUser;
}

export interface SetupStep {
  method: 'PUT';
  path: string;
  body?: unknown;
  /** Statuses that mean "already there" (a second run changes nothing). */
  alreadyDone: number[];
  /** Documents updated in place on a re-run (design documents), fetching their revision first. */
  replaceExisting?: boolean;
}

/**
 * Writes to an agent database: its agent only, and only documents that name them (admins
 * aside). The owner is written into each database's function: CouchDB passes the security
 * object as a fourth argument, but pouchdb-server's emulation does not on `_bulk_docs`.
 */
export function validateDocUpdate(owner: string): string {
  const name = JSON.stringify(owner);
  return `function (newDoc, oldDoc, userCtx) {
  if (userCtx.roles.indexOf('_admin') !== -1) return;
  if (userCtx.name !== ${name}) throw({ forbidden: 'only ' + ${name} + ' writes in this database' });
  if (!newDoc._deleted && newDoc.owner !== ${name}) throw({ forbidden: 'documents here must name ' + ${name} + ' as owner' });
}`;
}

export function planSetup(input: SetupInput): SetupStep[] {
  const userDoc = (u: SetupUser, role: string): SetupStep[] =>
    u.password
      ? [{ method: 'PUT', path: `/_users/org.couchdb.user:${u.user}`, body: { name: u.user, password: u.password, roles: [role], type: 'user' }, alreadyDone: [409] }]
      : [];
  return [
    { method: 'PUT', path: '/_users', alreadyDone: [412] },
    ...userDoc(input.lead, LEAD_ROLE),
    ...input.agents.flatMap((a): SetupStep[] => {
      const db = `/${agentDbName(a.user)}`;
      return [
        ...userDoc(a, AGENT_ROLE),
        { method: 'PUT', path: db, alreadyDone: [412] },
        { method: 'PUT', path: `${db}/_security`, body: { admins: { names: [], roles: [] }, members: { names: [a.user], roles: [LEAD_ROLE] } }, alreadyDone: [] },
        { method: 'PUT', path: `${db}/_design/threadmark`, body: { validate_doc_update: validateDocUpdate(a.user) }, alreadyDone: [], replaceExisting: true },
      ];
    }),
  ];
}

/** Single-quoted for a POSIX shell. */
const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The plan as curl commands; `-u admin` makes curl ask for the password, so it is never printed. */
export function setupAsCurl(server: string, adminUser: string, steps: readonly SetupStep[]): string {
  return steps
    .map((s) => {
      const body = s.body === undefined ? '' : ` -H 'Content-Type: application/json' -d ${sh(JSON.stringify(s.body))}`;
      return `curl -sS -u ${sh(adminUser)} -X ${s.method} ${sh(server + s.path)}${body}`;
    })
    .join('\n');
}

export interface StepOutcome {
  path: string;
  result: 'done' | 'alreadyDone';
}

/** Runs the plan with the admin's credentials; stops at the first refusal and says which step. */
export async function runSetup(f: Fetch, server: string, admin: { user: string; password: string }, steps: readonly SetupStep[]): Promise<StepOutcome[]> {
  await checkServer(f, server);
  const headers = { Authorization: authHeader({ kind: 'password', ...admin }), 'Content-Type': 'application/json', Accept: 'application/json' };
  const out: StepOutcome[] = [];
  for (const step of steps) {
    const send = (body: unknown) =>
      f(server + step.path, { method: step.method, headers, redirect: 'manual', body: body === undefined ? undefined : JSON.stringify(body) }).catch((e: unknown) => {
        throw new SyncError('unreachable', e instanceof Error ? e.message : String(e));
      });
    let res = await send(step.body);
    if (res.status === 409 && step.replaceExisting) {
      const current = await f(server + step.path, { headers, redirect: 'manual' });
      const rev = current.ok ? ((await current.json()) as { _rev?: string })._rev : undefined;
      res = await send({ ...(step.body as object), _rev: rev });
    }
    if (res.ok) out.push({ path: step.path, result: 'done' });
    else if (step.alreadyDone.includes(res.status)) out.push({ path: step.path, result: 'alreadyDone' });
    else {
      const text = await res.text();
      throw statusError(res.status, `${step.method} ${step.path}: ${text.slice(0, 200)}`);
    }
  }
  return out;
}
