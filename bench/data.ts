/**
 * Benchmark data: years of an agent's (or a team's) history, resampled from the real
 * customer-care conversations of ../shared/data (tests/fixtures/x/care-data.ts reads them).
 *
 * Whole conversations are drawn at random (seeded, so every run builds the same data) and
 * placed at random start times over the span; inside a conversation every gap, length and
 * text is the data's. Each placed copy gets its own customer handle (a new case) and new
 * snowflake ids (time bits from its new time, a running sequence in the low bits, so ids
 * are unique and time-ordered, as on X). Tags are what an agent would set:
 *
 * - the first customer message of a cycle: a query type and a sentiment; the last one a
 *   sentiment (the opinion at the end);
 * - the data's final brand reply resolved the issue (DESIGN §6): it is tagged `resolved`;
 * - 8% of conversations with two brand replies or more were moved to a private channel on
 *   the first one (`escalated`, with a channel);
 * - 5% are still open (the final brand reply has not happened yet: a customer waits);
 * - 3% are a lone mention marked "no reply needed";
 * - 5% come back: the same customer writes again in the same thread 1 to 10 days after the
 *   previous copy (a reopened case, a second cycle).
 *
 * Brand replies are credited to the conversation's agent (several agents, evenly).
 */
import { DEFAULT_SETTINGS } from '../lib/schema/defaults';
import type { MessageRecord, Observation, Settings, TagPatch } from '../lib/schema/records';
import { caseKeyOf, CHANNELS, messageKey, QUERY_TYPES, type Channel, type QueryType, type Sentiment, type Status } from '../lib/schema/taxonomy';
import { loadCareConversations, type FixtureConversation } from '../tests/fixtures/x/care-data';
import { seededRandom } from '../tests/seeded-random';

export const DAY_MS = 86_400_000;
const TWITTER_EPOCH = 1288834974657n;

/** The seeded PRNG the tests use too: the same seed draws the same data on every machine. */
export const rng = seededRandom;

/** One message as the generator places it: what a site adapter would read, plus the agent's tags. */
export interface GenMessage {
  id: string;
  rootId: string;
  inReplyTo: string | null;
  author: string;
  authorName: string;
  fromBrand: boolean;
  /** The case's customer. */
  customer: string;
  at: number;
  text: string;
  permalink: string;
  /** Agent credited with a brand reply (null for customer messages). */
  agent: string | null;
  queryType: QueryType | null;
  status: Status | null;
  channel: Channel | null;
  sentiment: Sentiment | null;
  noReplyNeeded: boolean;
}

export interface GenOptions {
  /** Stop once this many messages are placed (the last conversation may be cut short). */
  messages: number;
  seed: number;
  /** Agent names; each conversation goes to one of them. */
  agents: readonly string[];
  /** The history ends here (ms) and spans this many days before it. */
  end: number;
  spanDays: number;
  corpus?: FixtureConversation[];
}

const QT_WEIGHTS: [QueryType, number][] = [
  ['complaint', 0.34],
  ['technical_question', 0.3],
  ['feedback', 0.1],
  ['recommendation', 0.05],
  ['response', 0.11],
  ['other', 0.1],
];
const check: number = QT_WEIGHTS.reduce((s, [, w]) => s + w, 0);
if (Math.abs(check - 1) > 1e-9 || QT_WEIGHTS.length !== QUERY_TYPES.length) throw new Error('query type weights');

function pick<T>(r: number, weighted: readonly (readonly [T, number])[]): T {
  let acc = 0;
  for (const [v, w] of weighted) {
    acc += w;
    if (r < acc) return v;
  }
  return weighted[weighted.length - 1]![0];
}

/**
 * The messages, sorted by time (the order of the database's primary key, `x:{snowflake}`).
 * Deterministic for a given corpus and options.
 */
export function generateMessages(opts: GenOptions): GenMessage[] {
  const corpus = opts.corpus ?? loadCareConversations();
  const random = rng(opts.seed);
  const out: GenMessage[] = [];
  const first = opts.end - opts.spanDays * DAY_MS;
  let seq = 0;
  let instance = 0;
  const snowflake = (at: number) => ((BigInt(at) - TWITTER_EPOCH) << 22n) | BigInt(seq++ & 0x3fffff);
  // The previous copy, for reopened cases.
  let last: { rootId: string; customer: string; lastId: string; endAt: number; agent: string; brand: string } | null = null;

  const byBrand = new Map<string, FixtureConversation[]>();
  for (const c of corpus) byBrand.set(c.brand, [...(byBrand.get(c.brand) ?? []), c]);

  while (out.length < opts.messages) {
    // A reopened case: the same customer writes to the same brand again, in the same thread.
    let reopen: boolean = last !== null && random() < 0.05;
    const pool: FixtureConversation[] = reopen && last ? byBrand.get(last.brand)! : corpus;
    const conv: FixtureConversation = pool[Math.floor(random() * pool.length)]!;
    const agent = opts.agents[Math.floor(random() * opts.agents.length)]!;
    const t0 = Date.parse(conv.turns[0]!.at);
    const span: number = Date.parse(conv.turns[conv.turns.length - 1]!.at) - t0;
    let start: number = first + random() * Math.max(0, opts.spanDays * DAY_MS - span);
    const later = last ? last.endAt + DAY_MS * (1 + random() * 9) : 0;
    if (reopen && later + span <= opts.end) start = later;
    else reopen = false;
    start = Math.round(start / 1000) * 1000; // X shows whole seconds
    const shift: number = start - t0;
    instance++;
    const kind = random();
    const lone = kind < 0.03;
    const open = !lone && kind < 0.08;
    const escalate = random() < 0.08;
    const channel = CHANNELS[Math.floor(random() * CHANNELS.length)]!;
    const qt = pick(random(), QT_WEIGHTS);
    const firstSentiment = pick<Sentiment>(random(), [['negative', 0.6], ['neutral', 0.3], ['positive', 0.1]]);
    const lastSentiment = pick<Sentiment>(random(), [['positive', 0.4], ['neutral', 0.4], ['negative', 0.2]]);

    // Each copy: its own customers (a handle per original customer), same brand.
    const handles = new Map<string, string>();
    const suffix = instance.toString(36);
    const handleOf = (h: string): string => {
      let v = handles.get(h);
      if (!v) handles.set(h, (v = reopen && last && h === conv.customer ? last.customer : `${h.slice(0, 14 - suffix.length)}_${suffix}`));
      return v;
    };
    let turns: FixtureConversation['turns'] = conv.turns;
    if (lone) turns = turns.slice(0, 1);
    else if (open) {
      // Stops before the brand's final answer: the customer is still waiting.
      let cut = turns.length - 1;
      while (cut > 1 && turns[cut - 1]!.author === conv.brand) cut--;
      turns = turns.slice(0, cut);
    }
    const lastBrandTurn = turns.reduce((k, t, i) => (t.author === conv.brand ? i : k), -1);
    const firstBrandTurn = turns.findIndex((t) => t.author === conv.brand);
    const brandTurns = turns.filter((t) => t.author === conv.brand).length;
    const customerTurns = turns.flatMap((t, i) => (t.author !== conv.brand ? [i] : []));
    const caseCustomer: string = handleOf(conv.customer);
    let rootId = '';
    let prevId: string | null = reopen && last ? last.lastId : null;
    for (let i = 0; i < turns.length && out.length < opts.messages; i++) {
      const t = turns[i]!;
      const at = Date.parse(t.at) + shift;
      const id = snowflake(at).toString();
      if (i === 0) rootId = reopen && last ? last.rootId : id;
      const fromBrand = t.author === conv.brand;
      const author = fromBrand ? conv.brand : handleOf(t.author);
      const m: GenMessage = {
        id,
        rootId,
        inReplyTo: prevId,
        author: author.toLowerCase(),
        authorName: t.authorName,
        fromBrand,
        customer: fromBrand ? caseCustomer.toLowerCase() : author.toLowerCase(),
        at,
        text: t.text,
        permalink: `https://x.com/${author}/status/${id}`,
        agent: fromBrand ? agent : null,
        queryType: null,
        status: null,
        channel: null,
        sentiment: null,
        noReplyNeeded: false,
      };
      if (!fromBrand) {
        if (i === customerTurns[0]) {
          m.queryType = qt;
          m.sentiment = firstSentiment;
          m.noReplyNeeded = lone;
        } else if (i === customerTurns[customerTurns.length - 1]) m.sentiment = lastSentiment;
      } else if (i === lastBrandTurn && !open) m.status = 'resolved';
      else if (i === firstBrandTurn && escalate && brandTurns >= 2) {
        m.status = 'escalated';
        m.channel = channel;
      }
      out.push(m);
      prevId = id;
    }
    const endAt = Date.parse(turns[turns.length - 1]!.at) + shift;
    last = { rootId, customer: caseCustomer, lastId: prevId!, endAt, agent, brand: conv.brand };
  }
  return out.sort((a, b) => a.at - b.at || (a.id.length - b.id.length) || (a.id < b.id ? -1 : 1));
}

/**
 * A stored record, as the background writes it (lib/db/merge): every brand reply is
 * `sentBy: 'me'` with its agent's name, as in each agent's own export merged by a team lead.
 */
export function toRecord(m: GenMessage): MessageRecord {
  const tagged = m.queryType !== null || m.status !== null || m.sentiment !== null || m.noReplyNeeded || m.fromBrand;
  const seen = m.at + 90_000;
  return {
    key: messageKey('x', m.id),
    platform: 'x',
    id: m.id,
    rootId: m.rootId,
    caseKey: caseKeyOf('x', m.rootId, m.customer),
    inReplyTo: m.inReplyTo,
    author: m.author,
    authorName: m.authorName,
    fromBrand: m.fromBrand,
    customer: m.customer,
    at: m.at,
    atPrecision: 'exact',
    text: m.text,
    permalink: m.permalink,
    sentBy: m.fromBrand ? 'me' : null,
    agent: m.fromBrand ? m.agent : null,
    queryType: m.queryType,
    status: m.status,
    channel: m.channel,
    sentiment: m.sentiment,
    noReplyNeeded: m.noReplyNeeded,
    firstSeenAt: seen,
    taggedAt: tagged ? seen + 30_000 : null,
    updatedAt: tagged ? seen + 30_000 : seen,
  };
}

/** What the content script would send for this message (background `observe` / `tag`). */
export function toObservation(m: GenMessage): Observation {
  return {
    platform: 'x',
    id: m.id,
    rootId: m.rootId,
    inReplyTo: m.inReplyTo,
    author: m.author,
    authorName: m.authorName.slice(0, 200),
    fromBrand: m.fromBrand,
    customer: m.customer,
    at: m.at,
    atPrecision: 'exact',
    text: m.text.slice(0, 5000),
    permalink: m.permalink,
  };
}

/**
 * The tags the agent of this browser sets on the message, or null when none: customer
 * tags, statuses, and "this reply is mine" on brand replies of `me` (the others stay
 * teammates' replies, as they are when not sent from this browser).
 */
export function patchFor(m: GenMessage, me: string): TagPatch | null {
  const p: TagPatch = {};
  if (m.queryType) p.queryType = m.queryType;
  if (m.sentiment) p.sentiment = m.sentiment;
  if (m.noReplyNeeded) p.noReplyNeeded = true;
  if (m.status) p.status = m.status;
  if (m.channel) p.channel = m.channel;
  if (m.fromBrand && m.agent === me) p.sentBy = 'me';
  return Object.keys(p).length ? p : null;
}

/** The longest real conversation of the data (the brand in it): the thread the agent scrolls. */
export function longestConversation(corpus: FixtureConversation[]): FixtureConversation {
  return [...corpus].sort((a, b) => b.turns.length - a.turns.length || (a.session < b.session ? -1 : 1))[0]!;
}

/** Figures history sizes: one agent answers ~100 messages a day; a team lead merges N agents. */
export function historyShape(messages: number): { agents: string[]; spanDays: number } {
  const agents = Math.max(1, Math.ceil(messages / 50_000));
  const spanDays = Math.max(1, Math.round(messages / (agents * 100)));
  return { agents: Array.from({ length: agents }, (_, i) => `agent${i + 1}`), spanDays };
}

/** Where generated histories end: every bench's "now". */
export const BENCH_END = Date.UTC(2026, 0, 1);
export const BENCH_TIME_ZONE = 'Europe/Bucharest';

/** Monday–Friday 09:00–18:00 in Bucharest with a few holidays: business time on every figure. */
export function benchSettings(agentName: string): Settings {
  return {
    ...DEFAULT_SETTINGS,
    agentName,
    schedule: {
      timeZone: BENCH_TIME_ZONE,
      week: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' })),
      holidays: ['2024-12-25', '2025-01-01', '2025-05-01', '2025-12-25', '2026-01-01'],
    },
  };
}
