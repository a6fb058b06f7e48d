/**
 * Hand-built conversations for the metrics specs.
 *
 *   conversation([
 *     ['customer', '10:00', { sentiment: 'negative' }],
 *     ['me', '10:20', { status: 'resolved' }],
 *   ])
 *
 * Times: 'HH:MM' is on DAY (Monday 2024-03-04) in UTC; 'YYYY-MM-DD HH:MM' is UTC; anything
 * with a 'T' is parsed as ISO (use an offset, e.g. '2024-03-31T02:30+02:00'). Ids increase
 * with every message built, like X snowflakes.
 */
import type { MessageRecord, Schedule, Settings } from '../../../lib/schema/records';
import { caseKeyOf, messageKey, type Platform } from '../../../lib/schema/taxonomy';

export const DAY = '2024-03-04'; // a Monday
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY_MS = 24 * HOUR;

export type Who = 'customer' | 'me' | 'teammate' | 'brand';
export type Step = [Who, string | number, Partial<MessageRecord>?];

export function at(time: string | number): number {
  if (typeof time === 'number') return time;
  if (/^\d\d:\d\d$/.test(time)) return Date.parse(`${DAY}T${time}:00Z`);
  if (/^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(time)) return Date.parse(`${time.replace(' ', 'T')}:00Z`);
  const t = Date.parse(time);
  if (Number.isNaN(t)) throw new Error(`bad time ${time}`);
  return t;
}

let nextId = 1_760_000_000_000_000_000n;

export interface CaseOptions {
  platform?: Platform;
  rootId?: string;
  customer?: string;
  /** Name stamped on 'me' replies (record.agent). */
  agent?: string;
}

let caseCounter = 0;

/** One case: every step is a message of the same (platform, root, customer). */
export function conversation(steps: Step[], opts: CaseOptions = {}): MessageRecord[] {
  const platform = opts.platform ?? 'x';
  const rootId = opts.rootId ?? String(100_000 + ++caseCounter);
  const customer = opts.customer ?? `cust${caseCounter}`;
  return steps.map(([who, time, patch]) => {
    nextId += 1000n;
    const id = String(nextId);
    const fromBrand = who !== 'customer';
    const t = at(time);
    const author = fromBrand ? 'AcmeHelp' : customer;
    const rec: MessageRecord = {
      platform,
      id,
      rootId,
      inReplyTo: null,
      author,
      authorName: author,
      fromBrand,
      customer,
      at: t,
      atPrecision: 'exact',
      text: `${who} at ${new Date(t).toISOString()}`,
      permalink: `https://x.com/${author}/status/${id}`,
      key: messageKey(platform, id),
      caseKey: caseKeyOf(platform, rootId, customer),
      sentBy: who === 'me' ? 'me' : who === 'teammate' ? 'teammate' : null,
      agent: who === 'me' ? (opts.agent ?? 'Ana') : null,
      queryType: null,
      status: null,
      channel: null,
      sentiment: null,
      noReplyNeeded: false,
      firstSeenAt: t,
      taggedAt: null,
      updatedAt: t,
    };
    return { ...rec, ...patch };
  });
}

export function settings(patch: Partial<Settings> = {}): Settings {
  return {
    agentName: 'Ana',
    brandPageNames: {},
    brandHandles: { x: ['AcmeHelp'], facebook: [] },
    sla: { targetMinutes: 30, limitHours: 24, overrides: [] },
    schedule: null,
    escalationThreshold: 4,
    cost: null,
    ...patch,
  };
}

/** Monday–Friday 09:00–17:00 in the given zone. */
export function officeHours(timeZone = 'UTC', holidays: string[] = []): Schedule {
  return {
    timeZone,
    week: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
    holidays,
  };
}

/** A query over all time up to `now`. */
export function allTime(now: number | string = '2024-06-01 00:00', extra: object = {}) {
  return { from: 0, to: at(now), now: at(now), timeZone: 'UTC', ...extra };
}
