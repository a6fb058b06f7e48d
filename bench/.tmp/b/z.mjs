// bench/.exp8.ts
import v8 from "node:v8";

// lib/schema/taxonomy.ts
var QUERY_TYPES = [
  "complaint",
  "feedback",
  "recommendation",
  "technical_question",
  "response",
  "other"
];
var CHANNELS = ["dm", "phone", "email", "chat"];
function messageKey(platform, id) {
  return `${platform}:${id}`;
}
function caseKeyOf(platform, rootId, customer) {
  return `${platform}:${rootId}:${customer}`;
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

// bench/.exp8.ts
var n = 2e5;
var shape = historyShape(n);
var END = Date.UTC(2026, 0, 1);
var base = generateMessages({ messages: n, seed: 20260101, end: END, ...shape }).map(toRecord);
function time(name, fn, k = 3) {
  const xs = [];
  let out;
  for (let i = 0; i < k; i++) {
    const t = performance.now();
    out = fn();
    xs.push(performance.now() - t);
  }
  console.log(name.padEnd(14), xs.map((x) => x.toFixed(0)).join(" "));
}
var variants = {
  json: () => {
    const o = [];
    for (let i = 0; i < base.length; i += 1e4) o.push(...JSON.parse(JSON.stringify(base.slice(i, i + 1e4))));
    return o;
  },
  v8: () => {
    const o = [];
    for (let i = 0; i < base.length; i += 1e4) o.push(...v8.deserialize(v8.serialize(base.slice(i, i + 1e4))));
    return o;
  },
  structured: () => {
    const o = [];
    for (let i = 0; i < base.length; i += 1e4) o.push(...structuredClone(base.slice(i, i + 1e4)));
    return o;
  }
};
for (const [name, make] of Object.entries(variants)) {
  let t = performance.now();
  const recs = make();
  console.log(name, "clone", (performance.now() - t).toFixed(0));
  time(name + " chars", () => {
    let x = 0;
    for (let i = 0; i < recs.length; i++) {
      const s = recs[i].caseKey;
      for (let j = 0; j < s.length; j++) x += s.charCodeAt(j);
    }
    return x;
  });
  time(name + " map", () => {
    const m = /* @__PURE__ */ new Map();
    for (let i = 0; i < recs.length; i++) {
      const k = recs[i].caseKey;
      if (m.get(k) === void 0) m.set(k, m.size);
    }
    return m.size;
  });
}
