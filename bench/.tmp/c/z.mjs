// lib/schema/taxonomy.ts
var PLATFORMS = ["x", "facebook"];
var QUERY_TYPES = [
  "complaint",
  "feedback",
  "recommendation",
  "technical_question",
  "response",
  "other"
];
var STATUSES = ["open", "pending", "escalated", "resolved"];
var CHANNELS = ["dm", "phone", "email", "chat"];
var SENTIMENTS = ["negative", "neutral", "positive"];
function messageKey(platform, id) {
  return `${platform}:${id}`;
}
function caseKeyOf(platform, rootId, customer) {
  return `${platform}:${rootId}:${customer}`;
}

// lib/metrics/scratch.ts
var POOL_LIMIT = 4e6;
var Scratch = class {
  i32 = /* @__PURE__ */ new Map();
  f64 = /* @__PURE__ */ new Map();
  /** An Int32Array view of length n; contents are NOT cleared. */
  int32(slot, n2) {
    let buf = this.i32.get(slot);
    if (!buf || buf.length < n2) {
      buf = new Int32Array(grow(buf?.length ?? 0, n2));
      if (buf.length <= POOL_LIMIT) this.i32.set(slot, buf);
    }
    return buf.subarray(0, n2);
  }
  /** A Float64Array view of length n; contents are NOT cleared. */
  float64(slot, n2) {
    let buf = this.f64.get(slot);
    if (!buf || buf.length < n2) {
      buf = new Float64Array(grow(buf?.length ?? 0, n2));
      if (buf.length <= POOL_LIMIT) this.f64.set(slot, buf);
    }
    return buf.subarray(0, n2);
  }
  /** The whole pooled Float64Array of a slot (length ≥ min), for buffers that grow (Samples). */
  buffer(slot, min) {
    const view = this.float64(slot, min);
    return this.f64.get(slot) ?? view;
  }
  /** Keeps a buffer that grew during the computation (Samples) for the next one. */
  keep(slot, buf) {
    if (buf.length <= POOL_LIMIT) this.f64.set(slot, buf);
  }
};
function grow(current, n2) {
  return Math.max(n2, Math.min(current * 2, POOL_LIMIT), 64);
}
var shared = new Scratch();

// lib/metrics/cases.ts
var FROM_BRAND = 1;
var SKIPPED = 2;
var CREDIT = 4;
var FACEBOOK = 8;
var STATUS_SHIFT = 4;
var SENTIMENT_SHIFT = 7;
var QT_SHIFT = 9;
var CHANNEL_SHIFT = 12;
var S_ESCALATED = 1 + STATUSES.indexOf("escalated");
var S_RESOLVED = 1 + STATUSES.indexOf("resolved");
var SENT_NEGATIVE = 1 + SENTIMENTS.indexOf("negative");
var X_INDEX = PLATFORMS.indexOf("x");
var FACEBOOK_INDEX = PLATFORMS.indexOf("facebook");
var codeOf = (list) => {
  const m = new Map(list.map((v, i) => [v, i + 1]));
  return (v) => v === null ? 0 : m.get(v) ?? 0;
};
var statusIn = codeOf(STATUSES);
var sentimentIn = codeOf(SENTIMENTS);
var queryTypeIn = codeOf(QUERY_TYPES);
var channelIn = codeOf(CHANNELS);
function compareIds(a, b) {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
function encode(r, credit) {
  let code = r.platform === "facebook" ? FACEBOOK : 0;
  if (r.fromBrand) {
    code |= FROM_BRAND;
    if (credit === null || credit(r)) code |= CREDIT;
  } else if (r.noReplyNeeded) {
    code |= SKIPPED;
  }
  if (r.status !== null) code |= statusIn(r.status) << STATUS_SHIFT;
  if (r.sentiment !== null) code |= sentimentIn(r.sentiment) << SENTIMENT_SHIFT;
  if (r.queryType !== null) code |= queryTypeIn(r.queryType) << QT_SHIFT;
  if (r.channel !== null) code |= channelIn(r.channel) << CHANNEL_SHIFT;
  return code;
}
function indexCases(records2, credit = null, scratch = new Scratch()) {
  const n2 = records2.length;
  const ids = /* @__PURE__ */ new Map();
  const caseOf = scratch.int32("caseOf", n2);
  const atIn = scratch.float64("atIn", n2);
  const codeIn = scratch.int32("codeIn", n2);
  const counts = scratch.int32("counts", n2).fill(0);
  let lastKey = "";
  let lastCase = -1;
  for (let i = 0; i < n2; i++) {
    const r = records2[i];
    const key = r.caseKey;
    let c = lastCase;
    if (key !== lastKey || lastCase < 0) {
      c = ids.get(key);
      if (c === void 0) {
        c = ids.size;
        ids.set(key, c);
      }
      lastKey = key;
      lastCase = c;
    }
    caseOf[i] = c;
    counts[c]++;
    atIn[i] = r.at;
    codeIn[i] = encode(r, credit);
  }
  const cases = ids.size;
  const starts = scratch.int32("starts", cases + 1);
  starts[0] = 0;
  for (let c = 0; c < cases; c++) starts[c + 1] = starts[c] + counts[c];
  counts.set(starts.subarray(0, cases));
  const order = scratch.int32("order", n2);
  const at = scratch.float64("at", n2);
  const code = scratch.int32("code", n2);
  for (let i = 0; i < n2; i++) {
    const p = counts[caseOf[i]]++;
    order[p] = i;
    at[p] = atIn[i];
    code[p] = codeIn[i];
  }
  const ix = { records: records2, order, starts, cases, at, code };
  for (let c = 0; c < cases; c++) sortCase(ix, starts[c], starts[c + 1]);
  return ix;
}
function cmpPos(ix, p, q) {
  return ix.at[p] - ix.at[q] || compareIds(ix.records[ix.order[p]].id, ix.records[ix.order[q]].id);
}
function sortCase(ix, from, to) {
  let sorted = true;
  for (let p = from + 1; p < to; p++) {
    if (cmpPos(ix, p - 1, p) > 0) {
      sorted = false;
      break;
    }
  }
  if (sorted) return;
  const { order, at, code } = ix;
  if (to - from <= 16) {
    for (let p = from + 1; p < to; p++) {
      const o2 = order[p];
      const a2 = at[p];
      const k2 = code[p];
      let q = p - 1;
      while (q >= from && (at[q] > a2 || at[q] === a2 && compareIds(ix.records[order[q]].id, ix.records[o2].id) > 0)) {
        order[q + 1] = order[q];
        at[q + 1] = at[q];
        code[q + 1] = code[q];
        q--;
      }
      order[q + 1] = o2;
      at[q + 1] = a2;
      code[q + 1] = k2;
    }
    return;
  }
  const perm = Array.from({ length: to - from }, (_, k2) => from + k2).sort((p, q) => cmpPos(ix, p, q));
  const o = perm.map((p) => order[p]);
  const a = perm.map((p) => at[p]);
  const k = perm.map((p) => code[p]);
  order.set(o, from);
  at.set(a, from);
  code.set(k, from);
}

// tests/fixtures/x/care-data.ts
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
var repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
var CARE_DATA_PATH = path.resolve(repoRoot, "../shared/data/twitter-care-conversations.dev.json");
var CARE_SAMPLE_PATH = path.resolve(repoRoot, "tests/fixtures/data/care-conversations.sample.json");
var TWITTER_EPOCH_MS = 1288834974657;
var BRAND_NAMES = {
  AdobeCare: "Adobe Care",
  AmazonHelp: "Amazon Help",
  AppleSupport: "Apple Support",
  Ask_Spectrum: "Ask Spectrum",
  Ask_WellsFargo: "Wells Fargo",
  AskeBay: "eBay",
  AskPlayStation: "Ask PlayStation",
  ChaseSupport: "Chase Support",
  Delta: "Delta",
  DropboxSupport: "Dropbox Support",
  GoDaddyHelp: "GoDaddyHelp",
  Google: "Google",
  hulu_support: "Hulu Support",
  MicrosoftHelps: "Microsoft Support",
  MojangSupport: "Mojang Support",
  RockstarSupport: "Rockstar Support",
  SouthwestAir: "Southwest Airlines",
  SpotifyCares: "SpotifyCares",
  TeamYouTube: "TeamYouTube",
  TMobileHelp: "T-Mobile Help",
  Uber_Support: "Uber Support",
  XboxSupport: "Xbox Support",
  YahooCare: "Yahoo Customer Care",
  zoom_us: "Zoom"
};
function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
function displayName(handle) {
  const brand = BRAND_NAMES[handle];
  if (brand) return brand;
  let name = handle.replace(/\d+$/, "").replace(/_+/g, " ").trim();
  if (name.length < 2) name = handle;
  const emoji = ["\u2728", "\u{1F3AE}", "\u{1F319}", "\u{1F1EC}\u{1F1E7}", "\u{1F642}"];
  return hash(handle) % 5 === 0 ? `${name} ${emoji[hash(handle + "!") % emoji.length]}` : name;
}
function decodeEntities(s) {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]);
}
var cache = /* @__PURE__ */ new Map();
function loadCareConversations(file = existsSync(CARE_DATA_PATH) ? CARE_DATA_PATH : CARE_SAMPLE_PATH) {
  const hit = cache.get(file);
  if (hit) return hit;
  const raw = JSON.parse(readFileSync(file, "utf8"));
  const out = raw.map((c) => {
    const brand = c.dialogHeader.company;
    const turns = c.dialogContent.map((t) => {
      const author = t.agent ?? t.client ?? t.client1 ?? "unknown";
      return { id: t.tweet_ID, author, authorName: displayName(author), at: t.datetime, text: decodeEntities(t.message) };
    });
    const finalId = c.agentURL.tweet_ID;
    const finalAt = Number(BigInt(finalId) >> 22n) + TWITTER_EPOCH_MS;
    const finalText = decodeEntities(c.agentURL.url_utterance);
    turns.push({ id: finalId, author: brand, authorName: displayName(brand), at: new Date(finalAt).toISOString(), text: finalText });
    const addressed = /^@([A-Za-z0-9_]+)/.exec(finalText)?.[1];
    const customers = turns.filter((t) => t.author !== brand).map((t) => t.author);
    const customer = customers.find((h) => h.toLowerCase() === addressed?.toLowerCase()) ?? customers[0] ?? "unknown";
    return { session: c.dialogHeader.sessionID, brand, customer, turns };
  });
  cache.set(file, out);
  return out;
}

// bench/data.ts
var DAY_MS = 864e5;
var TWITTER_EPOCH = 1288834974657n;
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + 1831565813 >>> 0;
    let t = a;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
var QT_WEIGHTS = [
  ["complaint", 0.34],
  ["technical_question", 0.3],
  ["feedback", 0.1],
  ["recommendation", 0.05],
  ["response", 0.11],
  ["other", 0.1]
];
var check = QT_WEIGHTS.reduce((s, [, w]) => s + w, 0);
if (Math.abs(check - 1) > 1e-9 || QT_WEIGHTS.length !== QUERY_TYPES.length) throw new Error("query type weights");
function pick(r, weighted) {
  let acc = 0;
  for (const [v, w] of weighted) {
    acc += w;
    if (r < acc) return v;
  }
  return weighted[weighted.length - 1][0];
}
function generateMessages(opts) {
  const corpus = opts.corpus ?? loadCareConversations();
  const random = rng(opts.seed);
  const out = [];
  const first = opts.end - opts.spanDays * DAY_MS;
  let seq = 0;
  let instance = 0;
  const snowflake = (at) => BigInt(at) - TWITTER_EPOCH << 22n | BigInt(seq++ & 4194303);
  let last = null;
  const byBrand = /* @__PURE__ */ new Map();
  for (const c of corpus) byBrand.set(c.brand, [...byBrand.get(c.brand) ?? [], c]);
  while (out.length < opts.messages) {
    let reopen = last !== null && random() < 0.05;
    const pool = reopen && last ? byBrand.get(last.brand) : corpus;
    const conv = pool[Math.floor(random() * pool.length)];
    const agent = opts.agents[Math.floor(random() * opts.agents.length)];
    const t0 = Date.parse(conv.turns[0].at);
    const span = Date.parse(conv.turns[conv.turns.length - 1].at) - t0;
    let start = first + random() * Math.max(0, opts.spanDays * DAY_MS - span);
    const later = last ? last.endAt + DAY_MS * (1 + random() * 9) : 0;
    if (reopen && later + span <= opts.end) start = later;
    else reopen = false;
    start = Math.round(start / 1e3) * 1e3;
    const shift = start - t0;
    instance++;
    const kind = random();
    const lone = kind < 0.03;
    const open = !lone && kind < 0.08;
    const escalate = random() < 0.08;
    const channel = CHANNELS[Math.floor(random() * CHANNELS.length)];
    const qt = pick(random(), QT_WEIGHTS);
    const firstSentiment = pick(random(), [["negative", 0.6], ["neutral", 0.3], ["positive", 0.1]]);
    const lastSentiment = pick(random(), [["positive", 0.4], ["neutral", 0.4], ["negative", 0.2]]);
    const handles = /* @__PURE__ */ new Map();
    const suffix = instance.toString(36);
    const handleOf = (h) => {
      let v = handles.get(h);
      if (!v) handles.set(h, v = reopen && last && h === conv.customer ? last.customer : `${h.slice(0, 14 - suffix.length)}_${suffix}`);
      return v;
    };
    let turns = conv.turns;
    if (lone) turns = turns.slice(0, 1);
    else if (open) {
      let cut = turns.length - 1;
      while (cut > 1 && turns[cut - 1].author === conv.brand) cut--;
      turns = turns.slice(0, cut);
    }
    const lastBrandTurn = turns.reduce((k, t, i) => t.author === conv.brand ? i : k, -1);
    const firstBrandTurn = turns.findIndex((t) => t.author === conv.brand);
    const brandTurns = turns.filter((t) => t.author === conv.brand).length;
    const customerTurns = turns.flatMap((t, i) => t.author !== conv.brand ? [i] : []);
    const caseCustomer = handleOf(conv.customer);
    let rootId = "";
    let prevId = reopen && last ? last.lastId : null;
    for (let i = 0; i < turns.length && out.length < opts.messages; i++) {
      const t = turns[i];
      const at = Date.parse(t.at) + shift;
      const id = snowflake(at).toString();
      if (i === 0) rootId = reopen && last ? last.rootId : id;
      const fromBrand = t.author === conv.brand;
      const author = fromBrand ? conv.brand : handleOf(t.author);
      const m = {
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
        noReplyNeeded: false
      };
      if (!fromBrand) {
        if (i === customerTurns[0]) {
          m.queryType = qt;
          m.sentiment = firstSentiment;
          m.noReplyNeeded = lone;
        } else if (i === customerTurns[customerTurns.length - 1]) m.sentiment = lastSentiment;
      } else if (i === lastBrandTurn && !open) m.status = "resolved";
      else if (i === firstBrandTurn && escalate && brandTurns >= 2) {
        m.status = "escalated";
        m.channel = channel;
      }
      out.push(m);
      prevId = id;
    }
    const endAt = Date.parse(turns[turns.length - 1].at) + shift;
    last = { rootId, customer: caseCustomer, lastId: prevId, endAt, agent, brand: conv.brand };
  }
  return out.sort((a, b) => a.at - b.at || a.id.length - b.id.length || (a.id < b.id ? -1 : 1));
}
function toRecord(m) {
  const tagged = m.queryType !== null || m.status !== null || m.sentiment !== null || m.noReplyNeeded || m.fromBrand;
  const seen = m.at + 9e4;
  return {
    key: messageKey("x", m.id),
    platform: "x",
    id: m.id,
    rootId: m.rootId,
    caseKey: caseKeyOf("x", m.rootId, m.customer),
    inReplyTo: m.inReplyTo,
    author: m.author,
    authorName: m.authorName,
    fromBrand: m.fromBrand,
    customer: m.customer,
    at: m.at,
    atPrecision: "exact",
    text: m.text,
    permalink: m.permalink,
    sentBy: m.fromBrand ? "me" : null,
    agent: m.fromBrand ? m.agent : null,
    queryType: m.queryType,
    status: m.status,
    channel: m.channel,
    sentiment: m.sentiment,
    noReplyNeeded: m.noReplyNeeded,
    firstSeenAt: seen,
    taggedAt: tagged ? seen + 3e4 : null,
    updatedAt: tagged ? seen + 3e4 : seen
  };
}
function historyShape(messages) {
  const agents = Math.max(1, Math.ceil(messages / 5e4));
  const spanDays = Math.max(1, Math.round(messages / (agents * 100)));
  return { agents: Array.from({ length: agents }, (_, i) => `agent${i + 1}`), spanDays };
}

// bench/.exp13.ts
var n = Number(process.argv[2] ?? 1e6);
var shape = historyShape(n);
var END = Date.UTC(2026, 0, 1);
var records = generateMessages({ messages: n, seed: 20260101, end: END, ...shape }).map(toRecord);
var cloned = [];
for (let i = 0; i < records.length; i += 1e4) for (const r of JSON.parse(JSON.stringify(records.slice(i, i + 1e4)))) cloned.push(r);
records = cloned;
var sc = new Scratch();
var { Session } = await import("node:inspector/promises");
var session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 200 });
await session.post("Profiler.start");
for (let i = 0; i < 8; i++) {
  const t = performance.now();
  indexCases(records, null, sc);
  console.log("index", (performance.now() - t).toFixed(0));
}
var { profile } = await session.post("Profiler.stop");
(await import("node:fs")).writeFileSync(`/tmp/index.cpuprofile`, JSON.stringify(profile));
