/**
 * Team sync settings (issue 10): the team's CouchDB server and who this browser signs in
 * as. Kept in extension storage apart from the agent's settings; absent means sync is off
 * and nothing leaves the machine.
 */
import { z } from 'zod';
import { agentNameSchema } from '../io/export-format';

/** HTTPS, or plain HTTP on this machine only (a test server or a local tunnel). */
export const serverUrlSchema = z
  .string()
  .trim()
  .transform((s, ctx) => {
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'sync.errors.url' });
      return z.NEVER;
    }
    const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
      ctx.addIssue({ code: 'custom', message: 'sync.errors.https' });
      return z.NEVER;
    }
    if (url.username || url.password || url.search || url.hash) {
      ctx.addIssue({ code: 'custom', message: 'sync.errors.url' });
      return z.NEVER;
    }
    return url.origin + url.pathname.replace(/\/+$/, '');
  });

/** CouchDB user names become part of database names: keep them plain. */
export const syncUserSchema = agentNameSchema.pipe(z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/, 'sync.errors.user'));

export const credentialsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('password'), user: syncUserSchema, password: z.string().min(1, 'sync.errors.password').max(1000) }).strict(),
  /** A JWT the lead hands out (CouchDB's jwt_authentication_handler); the user is its `sub`. */
  z.object({ kind: z.literal('token'), user: syncUserSchema, token: z.string().min(1, 'sync.errors.password').max(8000) }).strict(),
]);
export type Credentials = z.infer<typeof credentialsSchema>;

export const agentSyncConfigSchema = z
  .object({
    server: serverUrlSchema,
    credentials: credentialsSchema,
    /** The team turned message texts on; off, texts never leave the machine. */
    shareTexts: z.boolean(),
  })
  .strict();
export type AgentSyncConfig = z.infer<typeof agentSyncConfigSchema>;

export const leadSyncConfigSchema = z
  .object({
    server: serverUrlSchema,
    credentials: credentialsSchema,
    /** The agents whose databases the lead pulls (CouchDB user names). */
    agents: z.array(syncUserSchema).max(500),
  })
  .strict();
export type LeadSyncConfig = z.infer<typeof leadSyncConfigSchema>;

/** One database per agent; the lead's role reads them all. */
export const AGENT_DB_PREFIX = 'threadmark-agent-';
export const agentDbName = (user: string) => `${AGENT_DB_PREFIX}${user}`;
export const LEAD_ROLE = 'threadmark-lead';
export const AGENT_ROLE = 'threadmark-agent';

/** The origin pattern the run-time host permission asks for (that server only). */
export function originPattern(server: string): string {
  return `${new URL(server).origin}/*`;
}

/** The Authorization header for a request to the team's server. */
export function authHeader(c: Credentials): string {
  if (c.kind === 'token') return `Bearer ${c.token}`;
  const bytes = new TextEncoder().encode(`${c.user}:${c.password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}
