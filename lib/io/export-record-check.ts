/**
 * The fast check of an export file's message line: plain code that accepts and refuses
 * exactly what the zod line schema (export-format.ts `exportRecordSchema`) does, and returns
 * the same value. zod stays the definition and still reports every refused line (its exact
 * path and message); this only spares it the 2M good lines of a team import, where zod was
 * most of the 93 s (and is slower still in the page, whose CSP blocks zod's JIT).
 * tests/unit/io/export-record-check.test.ts proves the agreement on a table and on
 * thousands of generated lines.
 */
import type { MessageRecord } from '../schema/records';
import { isHandle, isPermalink, SITE_RULES, UNSAFE_NAME_CHARS } from '../schema/sites';
import { CHANNELS, PLATFORMS, QUERY_TYPES, SENDERS, SENTIMENTS, STATUSES, TEXT_NOTES, X_HANDLE_RE } from '../schema/taxonomy';

/** X launched in March 2006: nothing Threadmark records can be older. */
export const EARLIEST_TIME = Date.UTC(2006, 2, 1);

const PLATFORM_ID_RE = /^(\d{1,25}|pfbid[0-9A-Za-z]{10,80}|m(?:id)?\.\$?[A-Za-z0-9_.$:-]{4,200})$/;
const PAGE_ID_RE = /^\d{1,25}$/;
// eslint-disable-next-line no-control-regex
const NAME_CONTROL_RE = /[\u0000-\u001f\u007f]/;

const set = (xs: readonly string[]): ReadonlySet<unknown> => new Set<unknown>(xs);
const PLATFORM = set(PLATFORMS);
const QUERY_TYPE = set(QUERY_TYPES);
const STATUS = set(STATUSES);
const CHANNEL = set(CHANNELS);
const SENTIMENT = set(SENTIMENTS);
const SENDER = set(SENDERS);
const TEXT_NOTE = set(TEXT_NOTES);
const PRECISION = set(['exact', 'approx']);

/** Every key the record may have; anything else is refused (the schema is strict). */
const RECORD_KEYS: ReadonlySet<string> = new Set([
  'platform', 'id', 'rootId', 'inReplyTo', 'author', 'authorName', 'fromBrand', 'customer', 'at', 'atPrecision', 'text',
  'textNote', 'permalink', 'approxFrom', 'approxTo', 'pageId', 'sentAsPerson', 'key', 'caseKey', 'sentBy', 'agent',
  'queryType', 'status', 'channel', 'sentiment', 'noReplyNeeded', 'firstSeenAt', 'taggedAt', 'updatedAt',
]);

/**
 * Permalinks isPermalink surely accepts: `https://` + an allowed host as written + `/` and a
 * path of plain URL characters (no credentials, port, backslash or other host can hide in
 * them). isPermalink parses each with `new URL` (~5 µs, a tenth of a 40k-line file's
 * check); it still decides every other link.
 */
const PLAIN_PERMALINK = Object.fromEntries(
  Object.entries(SITE_RULES).map(([p, rules]) => {
    // new URL lower-cases hosts: only a host written in lower case is matched as written.
    const hosts = rules.permalinkHosts.filter((h) => /^[a-z0-9.-]+$/.test(h)).map((h) => h.replace(/\./g, '\\.'));
    return [p, new RegExp(`^https://(?:${hosts.join('|')})/[A-Za-z0-9\\-._~/?=&%#+]*$`)];
  }),
) as Record<MessageRecord['platform'], RegExp>;
export const isPermalinkFast = (p: MessageRecord['platform'], href: string): boolean => PLAIN_PERMALINK[p].test(href) || isPermalink(p, href);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, min: number, max: number): v is string => typeof v === 'string' && v.length >= min && v.length <= max;
const int = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const epoch = (v: unknown, max: number): v is number => int(v) && v >= EARLIEST_TIME && v <= max;
const platformId = (v: unknown): v is string => typeof v === 'string' && PLATFORM_ID_RE.test(v);

/** agentNameSchema: trimmed, then 1–100 characters, no markup, control or formula start. Returns the trimmed name, or null. */
export function checkAgentName(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (s.length < 1 || s.length > 100) return null;
  if (s.includes('<') || s.includes('>') || NAME_CONTROL_RE.test(s)) return null;
  const c = s.charCodeAt(0);
  // = + - @
  if (c === 61 || c === 43 || c === 45 || c === 64) return null;
  return s;
}

/**
 * `{"kind":"message","record":{…}}` with a record times may not pass `maxTime`: the record
 * as zod would return it, or null where zod would refuse the line.
 */
export function checkRecordLine(line: unknown, maxTime: number): MessageRecord | null {
  if (!isObject(line) || line.kind !== 'message') return null;
  const lineKeys = Object.keys(line);
  if (lineKeys.length !== 2 || !lineKeys.includes('record')) return null;
  const r = line.record;
  if (!isObject(r)) return null;
  for (const k of Object.keys(r)) if (!RECORD_KEYS.has(k)) return null;

  const { platform, customer, author, permalink, at, atPrecision, approxFrom, approxTo } = r;
  if (!PLATFORM.has(platform)) return null;
  if (!platformId(r.id) || !platformId(r.rootId)) return null;
  if (r.inReplyTo !== null && !platformId(r.inReplyTo)) return null;
  if (!str(author, 1, 100) || !str(customer, 1, 100)) return null;
  if (!str(r.authorName, 0, 200) || UNSAFE_NAME_CHARS.test(r.authorName)) return null;
  if (typeof r.fromBrand !== 'boolean' || typeof r.noReplyNeeded !== 'boolean') return null;
  if (!epoch(at, maxTime) || !epoch(r.firstSeenAt, maxTime) || !epoch(r.updatedAt, maxTime)) return null;
  if (r.taggedAt !== null && !epoch(r.taggedAt, maxTime)) return null;
  if (!PRECISION.has(atPrecision)) return null;
  if (!str(r.text, 0, 5000) || !str(permalink, 0, 500)) return null;
  if (r.textNote !== undefined && !TEXT_NOTE.has(r.textNote)) return null;
  if (approxFrom !== undefined && !int(approxFrom)) return null;
  if (approxTo !== undefined && !int(approxTo)) return null;
  if (r.pageId !== undefined && !(typeof r.pageId === 'string' && PAGE_ID_RE.test(r.pageId))) return null;
  if (r.sentAsPerson !== undefined && r.sentAsPerson !== true) return null;
  if (typeof r.key !== 'string' || typeof r.caseKey !== 'string') return null;
  if (r.sentBy !== null && !SENDER.has(r.sentBy)) return null;
  if (r.queryType !== null && !QUERY_TYPE.has(r.queryType)) return null;
  if (r.status !== null && !STATUS.has(r.status)) return null;
  if (r.channel !== null && !CHANNEL.has(r.channel)) return null;
  if (r.sentiment !== null && !SENTIMENT.has(r.sentiment)) return null;
  let agent: string | null = null;
  if (r.agent !== null) {
    agent = checkAgentName(r.agent);
    if (agent === null) return null;
  }

  // The site rules (records.ts siteRules) and the export's own consistency rules.
  const p = platform as MessageRecord['platform'];
  if ((approxFrom !== undefined || approxTo !== undefined) && !(atPrecision === 'approx' && approxFrom !== undefined && approxTo !== undefined && approxFrom <= approxTo && approxTo === at)) {
    return null;
  }
  if (!isHandle(p, author) || !isHandle(p, customer) || !isPermalinkFast(p, permalink)) return null;
  if (r.key !== `${p}:${r.id as string}`) return null;
  if (r.caseKey !== `${p}:${r.rootId as string}:${customer}`) return null;
  if (p === 'x' && !(X_HANDLE_RE.test(author) && X_HANDLE_RE.test(customer))) return null;

  const record = r as unknown as MessageRecord;
  // zod returns the name trimmed; only then is the record copied.
  return agent === r.agent ? record : { ...record, agent };
}
