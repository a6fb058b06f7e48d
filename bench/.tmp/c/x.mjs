// lib/schema/defaults.ts
var DEFAULT_SETTINGS = {
  agentName: "",
  brandHandles: { x: [], facebook: [] },
  sla: { targetMinutes: 30, limitHours: 24, overrides: [] },
  schedule: null,
  escalationThreshold: 4,
  cost: null
};

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
var busy = false;
function withScratch(fn) {
  if (busy) return fn(new Scratch());
  busy = true;
  try {
    return fn(shared);
  } finally {
    busy = false;
  }
}

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
var statusCode = (code) => code >> STATUS_SHIFT & 7;
var sentimentCode = (code) => code >> SENTIMENT_SHIFT & 3;
var queryTypeCode = (code) => code >> QT_SHIFT & 7;
var channelCode = (code) => code >> CHANNEL_SHIFT & 7;
var statusName = (c) => c ? STATUSES[c - 1] : null;
var queryTypeName = (c) => c ? QUERY_TYPES[c - 1] : null;
var platformIndex = (code) => code & FACEBOOK ? FACEBOOK_INDEX : X_INDEX;
var X_INDEX = PLATFORMS.indexOf("x");
var FACEBOOK_INDEX = PLATFORMS.indexOf("facebook");
var queryTypeCodeOf = (q2) => q2 === null ? 0 : 1 + QUERY_TYPES.indexOf(q2);
function statusIn(v) {
  switch (v) {
    case "open":
      return S_OPEN;
    case "pending":
      return S_PENDING;
    case "escalated":
      return S_ESCALATED;
    case "resolved":
      return S_RESOLVED;
    default:
      return 0;
  }
}
function sentimentIn(v) {
  switch (v) {
    case "negative":
      return SENT_NEGATIVE;
    case "neutral":
      return SENT_NEUTRAL;
    case "positive":
      return SENT_POSITIVE;
    default:
      return 0;
  }
}
function queryTypeIn(v) {
  switch (v) {
    case "complaint":
      return QT_CODES[0];
    case "feedback":
      return QT_CODES[1];
    case "recommendation":
      return QT_CODES[2];
    case "technical_question":
      return QT_CODES[3];
    case "response":
      return QT_CODES[4];
    case "other":
      return QT_CODES[5];
    default:
      return 0;
  }
}
function channelIn(v) {
  switch (v) {
    case "dm":
      return CH_CODES[0];
    case "phone":
      return CH_CODES[1];
    case "email":
      return CH_CODES[2];
    case "chat":
      return CH_CODES[3];
    default:
      return 0;
  }
}
var S_OPEN = 1 + STATUSES.indexOf("open");
var S_PENDING = 1 + STATUSES.indexOf("pending");
var SENT_NEUTRAL = 1 + SENTIMENTS.indexOf("neutral");
var SENT_POSITIVE = 1 + SENTIMENTS.indexOf("positive");
var QT_CODES = ["complaint", "feedback", "recommendation", "technical_question", "response", "other"].map(
  (q2) => 1 + QUERY_TYPES.indexOf(q2)
);
var CH_CODES = ["dm", "phone", "email", "chat"].map((c) => 1 + CHANNELS.indexOf(c));
if (QT_CODES.length !== QUERY_TYPES.length || CH_CODES.length !== CHANNELS.length || STATUSES.length !== 4 || SENTIMENTS.length !== 3) {
  throw new Error("lib/metrics/cases.ts: the tag switches are out of date with lib/schema/taxonomy.ts");
}
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
var REPEAT_PROBE = 4096;
function numberCases(records2, caseOf, counts) {
  const n2 = records2.length;
  const ids = /* @__PURE__ */ new Map();
  let lastKey = "";
  let lastCase = -1;
  let repeats = 0;
  const probe = Math.min(n2, REPEAT_PROBE);
  let i = 0;
  for (; i < probe; i++) {
    const key = records2[i].caseKey;
    let c = lastCase;
    if (c >= 0 && key === lastKey) repeats++;
    else {
      let found = ids.get(key);
      if (found === void 0) {
        found = ids.size;
        ids.set(key, found);
      }
      c = found;
      lastKey = key;
      lastCase = c;
    }
    caseOf[i] = c;
    counts[c]++;
  }
  if (repeats * 3 >= probe) {
    for (; i < n2; i++) {
      const key = records2[i].caseKey;
      let c = lastCase;
      if (key !== lastKey) {
        let found = ids.get(key);
        if (found === void 0) {
          found = ids.size;
          ids.set(key, found);
        }
        c = found;
        lastKey = key;
        lastCase = c;
      }
      caseOf[i] = c;
      counts[c]++;
    }
  } else {
    for (; i < n2; i++) {
      const key = records2[i].caseKey;
      let c = ids.get(key);
      if (c === void 0) {
        c = ids.size;
        ids.set(key, c);
      }
      caseOf[i] = c;
      counts[c]++;
    }
  }
  return ids.size;
}
function indexCases(records2, credit = null, scratch = new Scratch()) {
  const n2 = records2.length;
  const caseOf = scratch.int32("caseOf", n2);
  const atIn = scratch.float64("atIn", n2);
  const codeIn = scratch.int32("codeIn", n2);
  const counts = scratch.int32("counts", n2).fill(0);
  const cases = numberCases(records2, caseOf, counts);
  for (let i = 0; i < n2; i++) {
    const r = records2[i];
    atIn[i] = r.at;
    codeIn[i] = encode(r, credit);
  }
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
function cmpPos(ix, p, q2) {
  return ix.at[p] - ix.at[q2] || compareIds(ix.records[ix.order[p]].id, ix.records[ix.order[q2]].id);
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
      let q2 = p - 1;
      while (q2 >= from && (at[q2] > a2 || at[q2] === a2 && compareIds(ix.records[order[q2]].id, ix.records[o2].id) > 0)) {
        order[q2 + 1] = order[q2];
        at[q2 + 1] = at[q2];
        code[q2 + 1] = code[q2];
        q2--;
      }
      order[q2 + 1] = o2;
      at[q2 + 1] = a2;
      code[q2 + 1] = k2;
    }
    return;
  }
  const perm = Array.from({ length: to - from }, (_, k2) => from + k2).sort((p, q2) => cmpPos(ix, p, q2));
  const o = perm.map((p) => order[p]);
  const a = perm.map((p) => at[p]);
  const k = perm.map((p) => code[p]);
  order.set(o, from);
  at.set(a, from);
  code.set(k, from);
}

// lib/metrics/time-zone.ts
var MINUTE = 6e4;
var HOUR = 36e5;
var DAY = 864e5;
var DAY_CACHE = 65536;
var UNKNOWN = Infinity;
var Zone = class {
  name;
  dtf;
  /** Offset (ms, local = utc + offset) per UTC day number; NaN when the day holds a transition. */
  days = /* @__PURE__ */ new Map();
  dayOffsets = new Float64Array(DAY_CACHE).fill(UNKNOWN);
  transitions = /* @__PURE__ */ new Map();
  constructor(name) {
    this.name = name;
    this.dtf = new Intl.DateTimeFormat("en-US", {
      timeZone: name,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short"
    });
  }
  /** Offset in ms at instant `t`: local wall-clock ms = t + offset(t). */
  offset(t) {
    const h = Math.floor(t / DAY);
    let o;
    if (h >= 0 && h < DAY_CACHE) {
      o = this.dayOffsets[h];
      if (o === UNKNOWN) o = this.fillDay(h);
    } else {
      o = this.days.get(h);
      if (o === void 0) o = this.fillDay(h);
    }
    if (o === o) return o;
    const tr = this.transitions.get(h);
    return t < tr.at ? tr.before : tr.after;
  }
  /** Local day number (days since 1970-01-01 in local wall-clock terms) of instant `t`. */
  localDay(t) {
    return Math.floor((t + this.offset(t)) / DAY);
  }
  /**
   * The instant whose local wall-clock time is `wall` (ms since 1970-01-01 local).
   * Decision: like Temporal's 'compatible' disambiguation: a repeated wall time (autumn) takes the
   * earlier instant; a skipped one (spring) is pushed forward by the length of the gap.
   */
  toUtc(wall) {
    const before = this.offset(wall - DAY);
    const after = this.offset(wall + DAY);
    if (before === after) return wall - before;
    const u1 = wall - before;
    const u2 = wall - after;
    const ok1 = u1 + this.offset(u1) === wall;
    const ok2 = u2 + this.offset(u2) === wall;
    if (ok1 && ok2) return Math.min(u1, u2);
    if (ok1) return u1;
    if (ok2) return u2;
    return u1;
  }
  fillDay(h) {
    const start = h * DAY;
    const a = this.intlOffset(start);
    const b = this.intlOffset(start + DAY - 1e3);
    if (a === b) {
      this.remember(h, a);
      return a;
    }
    let lo = start;
    let hi = start + DAY - 1e3;
    while (hi - lo > 1e3) {
      const mid = lo + Math.floor((hi - lo) / 2e3) * 1e3;
      if (this.intlOffset(mid) === a) lo = mid;
      else hi = mid;
    }
    this.transitions.set(h, { at: hi, before: a, after: b });
    this.remember(h, NaN);
    return NaN;
  }
  remember(h, offset) {
    if (h >= 0 && h < DAY_CACHE) this.dayOffsets[h] = offset;
    else this.days.set(h, offset);
  }
  intlOffset(t) {
    const s = Math.floor(t / 1e3) * 1e3;
    let year = 0;
    let month = 1;
    let day = 1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let bc = false;
    for (const p of this.dtf.formatToParts(s)) {
      switch (p.type) {
        case "year":
          year = Number(p.value);
          break;
        case "month":
          month = Number(p.value);
          break;
        case "day":
          day = Number(p.value);
          break;
        case "hour":
          hour = Number(p.value);
          break;
        case "minute":
          minute = Number(p.value);
          break;
        case "second":
          second = Number(p.value);
          break;
        case "era":
          bc = p.value.startsWith("B");
          break;
      }
    }
    const d = /* @__PURE__ */ new Date(0);
    d.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
    d.setUTCHours(hour, minute, second, 0);
    return d.getTime() - s;
  }
};
var zones = /* @__PURE__ */ new Map();
function zone(name) {
  let z = zones.get(name);
  if (!z) {
    z = new Zone(name);
    zones.set(name, z);
  }
  return z;
}
function runtimeTimeZone() {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}
function dayLabel(day) {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

// lib/metrics/business-time.ts
var CLOSED = { iv: [], total: 0 };
var MAX_CLOSED_DAYS = 3660;
var BusinessCalendar = class {
  zone;
  /** Merged opening spans per weekday (0 = Sunday), in minutes after local midnight. */
  week;
  holidays;
  /** Days 0 … DAY_CACHE − 1 by index (a holey array, allocated once), others in a Map. */
  dayList = new Array(DAY_CACHE);
  days = /* @__PURE__ */ new Map();
  everOpen;
  constructor(schedule) {
    this.zone = zone(schedule.timeZone);
    this.holidays = new Set(schedule.holidays);
    this.week = [[], [], [], [], [], [], []];
    for (let d = 0; d < 7; d++) {
      const spans = schedule.week.filter((s) => s.day === d).map((s) => [minutes(s.start), minutes(s.end)]).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
      const merged = [];
      for (const [a, b] of spans) {
        const n2 = merged.length;
        if (n2 && a <= merged[n2 - 1]) merged[n2 - 1] = Math.max(merged[n2 - 1], b);
        else merged.push(a, b);
      }
      this.week[d] = merged;
    }
    this.everOpen = this.week.some((w) => w.length > 0);
  }
  day(d) {
    const cached = d >= 0 && d < DAY_CACHE;
    let info = cached ? this.dayList[d] : this.days.get(d);
    if (info) return info;
    const weekday = ((d + 4) % 7 + 7) % 7;
    const spans = this.week[weekday];
    if (!spans.length || this.holidays.size && this.holidays.has(new Date(d * DAY).toISOString().slice(0, 10))) {
      info = CLOSED;
    } else {
      const iv = [];
      let total = 0;
      const midnight = d * DAY;
      for (let i = 0; i < spans.length; i += 2) {
        const a = this.zone.toUtc(midnight + spans[i] * MINUTE);
        const b = this.zone.toUtc(midnight + spans[i + 1] * MINUTE);
        const lo = iv.length ? Math.max(a, iv[iv.length - 1]) : a;
        if (b > lo) {
          iv.push(lo, b);
          total += b - lo;
        }
      }
      info = { iv, total };
    }
    if (cached) this.dayList[d] = info;
    else this.days.set(d, info);
    return info;
  }
  /** Business ms in [start, end). */
  between(start, end) {
    if (!(end > start)) return 0;
    const z = this.zone;
    const d0 = z.localDay(start);
    const d1 = z.localDay(end);
    let sum = 0;
    for (let d = d0; d <= d1; d++) {
      const info = this.day(d);
      if (d > d0 && d < d1) {
        sum += info.total;
        continue;
      }
      const iv = info.iv;
      for (let i = 0; i < iv.length; i += 2) {
        const a = iv[i] > start ? iv[i] : start;
        const b = iv[i + 1] < end ? iv[i + 1] : end;
        if (b > a) sum += b - a;
      }
    }
    return sum;
  }
  /** The first instant t ≥ start with `ms` business ms in [start, t); Infinity if the calendar never opens. */
  add(start, ms) {
    if (!(ms > 0)) return start;
    if (!this.everOpen) return Infinity;
    let remaining = ms;
    let closedRun = 0;
    for (let d = this.zone.localDay(start); ; d++) {
      const info = this.day(d);
      if (info.total === 0) {
        if (++closedRun > MAX_CLOSED_DAYS) return Infinity;
        continue;
      }
      closedRun = 0;
      const iv = info.iv;
      for (let i = 0; i < iv.length; i += 2) {
        const b = iv[i + 1];
        if (b <= start) continue;
        const from = iv[i] > start ? iv[i] : start;
        const avail = b - from;
        if (remaining <= avail) return from + remaining;
        remaining -= avail;
      }
    }
  }
};
function minutes(hhmm) {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
var calendars = /* @__PURE__ */ new WeakMap();
function calendarFor(schedule) {
  let c = calendars.get(schedule);
  if (!c) {
    c = new BusinessCalendar(schedule);
    calendars.set(schedule, c);
  }
  return c;
}
function addBusinessMs(start, ms, schedule) {
  if (!schedule) return start + ms;
  return calendarFor(schedule).add(start, ms);
}

// lib/metrics/cycles.ts
function newAnalysis() {
  return { cycles: [], count: 0, waitingFrom: -1, status: 0, lastBrand: -1 };
}
function nextCycle(out, start, proactive, sentiment) {
  let c = out.cycles[out.count];
  if (!c) {
    c = {
      start: 0,
      end: 0,
      resolved: false,
      proactive: false,
      queryType: 0,
      messages: 0,
      brandReplies: 0,
      firstBrand: -1,
      lastBrand: -1,
      lastCustomerBeforeEnd: -1,
      firstSentiment: 0,
      lastSentiment: 0,
      escalated: false,
      channel: 0,
      nextStartAt: Infinity
    };
    out.cycles.push(c);
  }
  out.count++;
  c.start = start;
  c.end = start;
  c.resolved = false;
  c.proactive = proactive;
  c.queryType = 0;
  c.messages = 0;
  c.brandReplies = 0;
  c.firstBrand = -1;
  c.lastBrand = -1;
  c.lastCustomerBeforeEnd = -1;
  c.firstSentiment = sentiment;
  c.lastSentiment = sentiment;
  c.escalated = false;
  c.channel = 0;
  c.nextStartAt = Infinity;
  return c;
}
function analyzeCase(ix, c, out) {
  const { at, code } = ix;
  const from = ix.starts[c];
  const to = ix.starts[c + 1];
  out.count = 0;
  out.status = 0;
  out.lastBrand = -1;
  let cur = null;
  let sawBrand = false;
  let lastCustomer = -1;
  let firstTaggedQt = 0;
  let waiting = -1;
  for (let p = from; p < to; p++) {
    const k = code[p];
    if (k & SKIPPED) continue;
    const status = statusCode(k);
    if (status) out.status = status;
    if (k & FROM_BRAND) {
      sawBrand = true;
      out.lastBrand = p;
      waiting = -1;
      if (cur) {
        cur.messages++;
        cur.brandReplies++;
        if (cur.firstBrand < 0) cur.firstBrand = p;
        cur.lastBrand = p;
      }
    } else {
      const sentiment = sentimentCode(k);
      if (!cur) {
        if (out.count > 0) out.cycles[out.count - 1].nextStartAt = at[p];
        cur = nextCycle(out, p, out.count === 0 && sawBrand, sentiment);
        firstTaggedQt = 0;
        lastCustomer = -1;
      }
      cur.messages++;
      cur.lastSentiment = sentiment;
      if (cur.queryType === 0) cur.queryType = queryTypeCode(k);
      if (waiting < 0) waiting = p;
    }
    if (!cur) continue;
    if (firstTaggedQt === 0) firstTaggedQt = queryTypeCode(k);
    if (status === S_ESCALATED) {
      cur.escalated = true;
      if (cur.channel === 0) cur.channel = channelCode(k);
    }
    cur.end = p;
    if (status === S_RESOLVED) {
      cur.resolved = true;
      cur.lastCustomerBeforeEnd = lastCustomer;
      if (cur.queryType === 0) cur.queryType = firstTaggedQt;
      cur = null;
      waiting = -1;
      continue;
    }
    if (!(k & FROM_BRAND)) lastCustomer = p;
  }
  if (cur && cur.queryType === 0) cur.queryType = firstTaggedQt;
  out.waitingFrom = waiting;
  return out;
}

// lib/metrics/sla.ts
function slaRule(settings, platform, queryType) {
  let best = -1;
  let target = settings.sla.targetMinutes;
  let limit = settings.sla.limitHours;
  for (const o of settings.sla.overrides) {
    if (o.platform !== null && o.platform !== platform) continue;
    if (o.queryType !== null && o.queryType !== queryType) continue;
    const rank = (o.queryType !== null ? 2 : 0) + (o.platform !== null ? 1 : 0);
    if (rank > best) {
      best = rank;
      target = o.targetMinutes;
      limit = o.limitHours;
    }
  }
  return { targetMs: target * MINUTE, limitMs: limit * HOUR };
}
var slaIndex = (platformIndex2, queryTypeCode2) => platformIndex2 * 8 + queryTypeCode2;
function slaTable(settings) {
  const targetMs = new Float64Array(PLATFORMS.length * 8);
  const limitMs = new Float64Array(PLATFORMS.length * 8);
  PLATFORMS.forEach((p, pi) => {
    for (let q2 = 0; q2 <= QUERY_TYPES.length; q2++) {
      const rule = slaRule(settings, p, q2 === 0 ? null : QUERY_TYPES[q2 - 1]);
      targetMs[slaIndex(pi, q2)] = rule.targetMs;
      limitMs[slaIndex(pi, q2)] = rule.limitMs;
    }
  });
  return { targetMs, limitMs };
}

// lib/metrics/clock.ts
function clockFrom(ix, c, an, settings, sla) {
  const { records: records2, order, at, code } = ix;
  const first = records2[order[ix.starts[c]]];
  const last = an.count > 0 ? an.cycles[an.count - 1] : null;
  const open = last !== null && !last.resolved ? last : null;
  const waitingSince = an.waitingFrom >= 0 ? at[an.waitingFrom] : null;
  let deadline = null;
  let limitAt = null;
  if (open && waitingSince !== null) {
    const rule = slaIndex(platformIndex(code[ix.starts[c]]), open.queryType);
    deadline = finite(addBusinessMs(waitingSince, sla.targetMs[rule], settings.schedule));
    limitAt = finite(addBusinessMs(waitingSince, sla.limitMs[rule], settings.schedule));
  }
  const exchanged = open ? open.messages : 0;
  return {
    clock: {
      caseKey: first.caseKey,
      cycleStart: open ? at[open.start] : null,
      waitingSince,
      deadline,
      limitAt,
      exchanged,
      status: statusName(an.status),
      // Decision: "passes N exchanged messages" means more than N; a cycle already
      // escalated gets no further suggestion.
      escalationSuggested: open !== null && !open.escalated && exchanged > settings.escalationThreshold
    },
    waitingFrom: an.waitingFrom,
    queryType: open ? queryTypeName(open.queryType) : null
  };
}
var finite = (t) => Number.isFinite(t) ? t : null;
function openCases(records2, settings, now) {
  return withScratch((scratch) => listOpenCases(records2, settings, now, scratch));
}
function listOpenCases(records2, settings, now, scratch) {
  const ix = indexCases(records2, null, scratch);
  const { order, starts, cases } = ix;
  const an = newAnalysis();
  const sla = slaTable(settings);
  const out = [];
  for (let c = 0; c < cases; c++) {
    analyzeCase(ix, c, an);
    const last = an.count > 0 ? an.cycles[an.count - 1] : null;
    if (last === null || last.resolved || an.waitingFrom < 0) continue;
    const { clock, waitingFrom, queryType } = clockFrom(ix, c, an, settings, sla);
    if (clock.cycleStart === null || clock.waitingSince === null) continue;
    const first = records2[order[starts[c]]];
    const waiting = records2[order[waitingFrom]];
    out.push({
      caseKey: clock.caseKey,
      platform: first.platform,
      rootId: first.rootId,
      customer: first.customer,
      waitingSince: clock.waitingSince,
      deadline: clock.deadline,
      limitAt: clock.limitAt,
      overdue: clock.deadline !== null && now > clock.deadline,
      exchanged: clock.exchanged,
      escalationSuggested: clock.escalationSuggested,
      permalink: waiting.permalink,
      text: waiting.text,
      queryType,
      status: clock.status
    });
  }
  return out.sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || (a.deadline ?? Infinity) - (b.deadline ?? Infinity) || a.waitingSince - b.waitingSince || (a.caseKey < b.caseKey ? -1 : a.caseKey > b.caseKey ? 1 : 0)
  );
}

// lib/metrics/stats.ts
var BUCKETS = ["<15m", "15\u201330m", "30\u201360m", "1\u20134h", "4\u20138h", "8\u201324h", "24h+"];
var BUCKET_BOUNDS_MS = [15 * MINUTE, 30 * MINUTE, HOUR, 4 * HOUR, 8 * HOUR, 24 * HOUR];
function bucketOf(ms) {
  let i = 0;
  while (i < BUCKET_BOUNDS_MS.length && ms >= BUCKET_BOUNDS_MS[i]) i++;
  return i;
}
var Samples = class {
  constructor(scratch = null, slot = "") {
    this.scratch = scratch;
    this.slot = slot;
    this.buf = scratch ? scratch.buffer(slot, 256) : new Float64Array(256);
  }
  scratch;
  slot;
  buf;
  length = 0;
  push(v) {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
      this.scratch?.keep(this.slot, next);
    }
    this.buf[this.length++] = v;
  }
  /** The samples (a view: summarising reorders them). */
  values() {
    return this.buf.subarray(0, this.length);
  }
};
function selectInPlace(a, lo, hi, k) {
  let budget = 2 * Math.ceil(Math.log2(hi - lo + 2)) + 8;
  while (hi > lo) {
    if (budget-- === 0) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const mid = lo + (hi - lo >> 1);
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? y < z ? y : x < z ? z : x : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}
function minOf(a, lo, hi) {
  let m = a[lo];
  for (let i = lo + 1; i <= hi; i++) if (a[i] < m) m = a[i];
  return m;
}
function percentilesInPlace(a, ps) {
  const n2 = a.length;
  if (n2 === 0) return ps.map(() => null);
  let from = 0;
  return ps.map((p) => {
    const h = (n2 - 1) * p;
    const k = Math.floor(h);
    selectInPlace(a, from, n2 - 1, k);
    from = k;
    const v = a[k];
    if (h === k || k + 1 >= n2) return v;
    return v + (h - k) * (minOf(a, k + 1, n2 - 1) - v);
  });
}
function summarize(samples) {
  const xs = samples.values();
  const n2 = xs.length;
  const buckets = new Array(BUCKETS.length).fill(0);
  let sum = 0;
  for (let i = 0; i < n2; i++) {
    const v = xs[i];
    sum += v;
    buckets[bucketOf(v)]++;
  }
  const [median = null, p90 = null] = percentilesInPlace(xs, [0.5, 0.9]);
  return { count: n2, median, p90, mean: n2 ? sum / n2 : null, buckets };
}
function summarizeCounts(samples) {
  const xs = samples.values();
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i];
  return { mean: xs.length ? sum / xs.length : null, median: percentilesInPlace(xs, [0.5])[0] ?? null };
}
function rate(numerator, denominator) {
  return denominator > 0 ? numerator / denominator : null;
}

// lib/metrics/figures.ts
var FCR_REOPEN_WINDOW_MS = 7 * DAY;
var MAX_FILLED_DAYS = 1e3;
var MAX_INDEXED_DAYS = 1e5;
var Tally = class {
  met = 0;
  total = 0;
  missedNow = 0;
  judge(ok) {
    this.total++;
    if (ok) this.met++;
  }
  missNow() {
    this.total++;
    this.missedNow++;
  }
  share() {
    return { met: this.met, total: this.total, rate: rate(this.met, this.total), missedNow: this.missedNow };
  }
};
function computeFigures(records2, settings, q2) {
  return withScratch((scratch) => new FigureRun(records2, settings, q2, scratch).run());
}
var FigureRun = class {
  constructor(records2, settings, q2, scratch) {
    this.settings = settings;
    this.from = q2.from;
    this.to = q2.to;
    this.now = q2.now;
    const schedule = settings.schedule;
    this.cal = schedule ? calendarFor(schedule) : null;
    this.timeZone = q2.timeZone ?? schedule?.timeZone ?? runtimeTimeZone();
    this.tz = zone(this.timeZone);
    const short = this.to > this.from && this.to - this.from <= MAX_INDEXED_DAYS * DAY;
    this.perDayBase = short ? this.tz.localDay(this.from) : 0;
    this.perDayCounts = short ? new Int32Array(Math.max(0, this.tz.localDay(this.to - 1) - this.perDayBase + 1)) : null;
    this.sla = slaTable(settings);
    this.wantQt = q2.queryType === void 0 ? -1 : queryTypeCodeOf(q2.queryType);
    this.wantFacebook = q2.platform === void 0 ? -1 : q2.platform === "facebook" ? FACEBOOK : 0;
    const { mine, agent } = q2;
    this.senderFilter = mine === true || agent !== void 0 ? (r) => (mine !== true || r.sentBy === "me") && (agent === void 0 || r.agent === agent) : null;
    this.filtered = this.senderFilter !== null;
    this.ix = indexCases(records2, this.senderFilter, scratch);
    this.pendAt = new Float64Array(64);
    this.pendQtOk = new Uint8Array(64);
    this.rtCal = new Samples(scratch, "rtCal");
    this.rtBus = new Samples(scratch, "rtBus");
    this.frtCal = new Samples(scratch, "frtCal");
    this.frtBus = new Samples(scratch, "frtBus");
    this.resCal = new Samples(scratch, "resCal");
    this.resBus = new Samples(scratch, "resBus");
    this.ttr = new Samples(scratch, "ttr");
    this.ttrBrand = new Samples(scratch, "ttrBrand");
  }
  settings;
  from;
  to;
  now;
  timeZone;
  tz;
  cal;
  sla;
  /** Query type code asked for, -1 for all. */
  wantQt;
  /** FACEBOOK bit asked for, -1 for all. */
  wantFacebook;
  senderFilter;
  filtered;
  ix;
  an = newAnalysis();
  // State of the case being walked.
  /** Offset of the case platform's rules in the SLA table. */
  rules = 0;
  platformIndex = 0;
  /** Position of the oldest customer message waiting, -1 when nobody waits. */
  waitFrom = -1;
  /** Position of the case's last brand message so far, -1 when none. */
  lastBrand = -1;
  /** Customer messages not yet followed by a brand reply (reply rate): time and query type filter. */
  pendAt;
  pendQtOk;
  pendCount = 0;
  // Accumulators.
  replies = 0;
  followUps = 0;
  /** Replies per local day: by index from perDayBase when the period is short enough, else in perDayMap. */
  perDayBase;
  perDayCounts;
  perDayMap = /* @__PURE__ */ new Map();
  perPlatform = new Int32Array(PLATFORMS.length);
  perQt = new Int32Array(QUERY_TYPES.length + 1);
  // by code, 0 = none
  rtCal;
  rtBus;
  frtCal;
  frtBus;
  resCal;
  resBus;
  ttr;
  ttrBrand;
  ttrDist = [0, 0, 0, 0, 0];
  fcrNum = 0;
  fcrDen = 0;
  provisional = false;
  recovered = 0;
  negativeStarts = 0;
  unknownSentiment = 0;
  frTarget = new Tally();
  frLimit = new Tally();
  arTarget = new Tally();
  arLimit = new Tally();
  cycles = 0;
  escalated = 0;
  byChannel = new Int32Array(CHANNELS.length + 1);
  // by code, 0 = unknown
  answered = 0;
  customerMessages = 0;
  run() {
    for (let c = 0; c < this.ix.cases; c++) this.walkCase(c);
    return this.result();
  }
  qtOk(qt) {
    return this.wantQt < 0 || qt === this.wantQt;
  }
  inPeriod(t) {
    return t >= this.from && t < this.to;
  }
  /** Does the brand message at position p (-1: nobody) pass the mine/agent filters? */
  credited(p) {
    return p >= 0 && (this.ix.code[p] & CREDIT) !== 0;
  }
  addBusiness(start, ms) {
    return this.cal ? this.cal.add(start, ms) : start + ms;
  }
  /**
   * Was an answer at `t` within `budget` of `start`, i.e. t ≤ addBusinessMs(start, budget)?
   * `elapsed` (business ms start→t) decides it unless it equals the budget exactly; then the
   * deadline does (an answer after closing time that used exactly the target is late).
   */
  within(start, t, elapsed, budget) {
    return elapsed < budget || elapsed === budget && t <= this.addBusiness(start, budget);
  }
  walkCase(c) {
    const { starts, code } = this.ix;
    const first = starts[c];
    const end = starts[c + 1];
    const facebook = code[first] & FACEBOOK;
    if (this.wantFacebook >= 0 && facebook !== this.wantFacebook) return;
    this.platformIndex = platformIndex(code[first]);
    this.rules = slaIndex(this.platformIndex, 0);
    const an = analyzeCase(this.ix, c, this.an);
    const cyc = an.cycles;
    const nCyc = an.count;
    this.waitFrom = -1;
    this.lastBrand = -1;
    this.pendCount = 0;
    let ci = 0;
    let cy = nCyc > 0 ? cyc[0] : null;
    for (let p = first; p < end; p++) {
      const k = code[p];
      if (k & SKIPPED) continue;
      while (cy !== null && p > cy.end) cy = ++ci < nCyc ? cyc[ci] : null;
      const inCycle = cy !== null && p >= cy.start ? cy : null;
      if (k & FROM_BRAND) {
        const qt = inCycle ? inCycle.queryType : queryTypeCode(k) || (ci > 0 ? cyc[ci - 1].queryType : nCyc > 0 ? cyc[0].queryType : 0);
        this.brandMessage(p, k, qt, inCycle);
      } else {
        this.customerMessage(p, inCycle);
      }
      if (inCycle && p === inCycle.end && inCycle.resolved) this.waitFrom = -1;
    }
    this.caseEnd(nCyc > 0 ? cyc[nCyc - 1] : null);
    for (let m = 0; m < nCyc; m++) this.cycleMetrics(cyc[m]);
  }
  brandMessage(p, k, qt, cy) {
    const t = this.ix.at[p];
    const mineOk = (k & CREDIT) !== 0;
    const inP = this.inPeriod(t);
    const counted = inP && mineOk && this.qtOk(qt);
    if (counted) {
      this.replies++;
      this.perPlatform[this.platformIndex]++;
      this.perQt[qt]++;
      const day = this.tz.localDay(t);
      const k2 = day - this.perDayBase;
      const counts = this.perDayCounts;
      if (counts !== null && k2 >= 0 && k2 < counts.length) counts[k2]++;
      else this.perDayMap.set(day, (this.perDayMap.get(day) ?? 0) + 1);
    }
    if (this.waitFrom >= 0) {
      if (inP && mineOk && this.qtOk(cy.queryType)) this.responseTime(this.ix.at[this.waitFrom], t, cy.queryType);
      this.waitFrom = -1;
    } else if (counted) {
      this.followUps++;
    }
    if (cy && cy.firstBrand === p && !cy.proactive && inP && mineOk && this.qtOk(cy.queryType)) {
      this.firstResponse(this.ix.at[cy.start], t, cy.queryType);
    }
    if (this.pendCount > 0) {
      if (mineOk) this.countPending(true);
      this.pendCount = 0;
    }
    this.lastBrand = p;
  }
  customerMessage(p, cy) {
    if (this.waitFrom < 0) this.waitFrom = p;
    if (this.pendCount === this.pendAt.length) {
      const a = new Float64Array(this.pendCount * 2);
      a.set(this.pendAt);
      this.pendAt = a;
      const b = new Uint8Array(this.pendCount * 2);
      b.set(this.pendQtOk);
      this.pendQtOk = b;
    }
    this.pendAt[this.pendCount] = this.ix.at[p];
    this.pendQtOk[this.pendCount] = this.qtOk(cy.queryType) ? 1 : 0;
    this.pendCount++;
  }
  countPending(answered) {
    for (let m = 0; m < this.pendCount; m++) {
      if (this.pendQtOk[m] && this.inPeriod(this.pendAt[m])) {
        this.customerMessages++;
        if (answered) this.answered++;
      }
    }
  }
  responseTime(waitingSince, t, qt) {
    const calMs = t - waitingSince;
    this.rtCal.push(calMs);
    let elapsed = calMs;
    if (this.cal) {
      elapsed = this.cal.between(waitingSince, t);
      this.rtBus.push(elapsed);
    }
    this.arTarget.judge(this.within(waitingSince, t, elapsed, this.sla.targetMs[this.rules + qt]));
    this.arLimit.judge(this.within(waitingSince, t, elapsed, this.sla.limitMs[this.rules + qt]));
  }
  firstResponse(start, t, qt) {
    const calMs = t - start;
    this.frtCal.push(calMs);
    let elapsed = calMs;
    if (this.cal) {
      elapsed = this.cal.between(start, t);
      this.frtBus.push(elapsed);
    }
    this.frTarget.judge(this.within(start, t, elapsed, this.sla.targetMs[this.rules + qt]));
    this.frLimit.judge(this.within(start, t, elapsed, this.sla.limitMs[this.rules + qt]));
  }
  /**
   * Decision: with a mine/agent filter, customer messages nobody answered, customers still
   * waiting and open cycles nobody answered are credited to the sender of the case's last
   * brand reply before them (whoever was handling the case); when no brand message came
   * before them, they count only in unfiltered (team) figures.
   */
  ownerOk() {
    return !this.filtered || this.credited(this.lastBrand);
  }
  caseEnd(last) {
    if (this.pendCount > 0 && this.ownerOk()) this.countPending(false);
    if (this.waitFrom >= 0 && last && this.ownerOk()) {
      const qt = last.queryType;
      const ws = this.ix.at[this.waitFrom];
      if (this.inPeriod(ws) && this.qtOk(qt)) {
        if (this.addBusiness(ws, this.sla.targetMs[this.rules + qt]) < this.now) this.arTarget.missNow();
        if (this.addBusiness(ws, this.sla.limitMs[this.rules + qt]) < this.now) this.arLimit.missNow();
      }
    }
  }
  /** Cycle-level metrics, credited to the cycle's last brand message (see Cycle.lastBrand). */
  cycleMetrics(cy) {
    const qt = cy.queryType;
    if (!this.qtOk(qt)) return;
    const at = this.ix.at;
    const startAt = at[cy.start];
    const closerOk = !this.filtered || this.credited(cy.lastBrand);
    if (closerOk && this.inPeriod(startAt)) {
      this.cycles++;
      if (cy.escalated) {
        this.escalated++;
        this.byChannel[cy.channel]++;
      }
    }
    if (cy.resolved) {
      if (closerOk && this.inPeriod(at[cy.end])) this.resolvedCycle(cy, startAt, at[cy.end]);
    } else if (cy.firstBrand < 0 && !cy.proactive && this.ownerOk() && this.inPeriod(startAt)) {
      if (this.addBusiness(startAt, this.sla.targetMs[this.rules + qt]) < this.now) this.frTarget.missNow();
      if (this.addBusiness(startAt, this.sla.limitMs[this.rules + qt]) < this.now) this.frLimit.missNow();
    }
  }
  resolvedCycle(cy, startAt, endAt) {
    this.resCal.push(endAt - startAt);
    if (this.cal) this.resBus.push(this.cal.between(startAt, endAt));
    this.ttr.push(cy.messages);
    this.ttrBrand.push(cy.brandReplies);
    this.ttrDist[Math.min(cy.messages, 5) - 1]++;
    if (cy.brandReplies >= 1) {
      this.fcrDen++;
      const fcr = cy.brandReplies === 1 && cy.lastCustomerBeforeEnd < cy.firstBrand && !(cy.nextStartAt - endAt < FCR_REOPEN_WINDOW_MS);
      if (fcr) {
        this.fcrNum++;
        if (this.now - endAt < FCR_REOPEN_WINDOW_MS) this.provisional = true;
      }
    }
    const fs = cy.firstSentiment;
    if (fs === 0) this.unknownSentiment++;
    else if (fs === SENT_NEGATIVE) {
      const ls = cy.lastSentiment;
      if (ls === 0) this.unknownSentiment++;
      else {
        this.negativeStarts++;
        if (ls !== SENT_NEGATIVE) this.recovered++;
      }
    }
  }
  perDayTotals() {
    const out = new Map(this.perDayMap);
    const counts = this.perDayCounts;
    if (counts !== null) {
      for (let k = 0; k < counts.length; k++) if (counts[k] > 0) out.set(this.perDayBase + k, (out.get(this.perDayBase + k) ?? 0) + counts[k]);
    }
    return out;
  }
  result() {
    const { from, to, now, cal } = this;
    const days = Math.max(0, (to - from) / DAY);
    const tts = summarizeCounts(this.ttr);
    const ttb = summarizeCounts(this.ttrBrand);
    const cost = this.settings.cost;
    const hoursWorked = cost ? cost.weeklyHours * days / 7 : 0;
    const byName = (names, counts, offset) => Object.fromEntries(names.map((name, i) => [name, counts[i + offset]]));
    return {
      period: { from, to, now, days, timeZone: this.timeZone },
      replies: {
        count: this.replies,
        perDay: dayList(this.perDayTotals(), from, to, this.tz),
        perPlatform: byName(PLATFORMS, this.perPlatform, 0),
        perQueryType: byName(QUERY_TYPES, this.perQt, 1),
        noQueryType: this.perQt[0],
        followUps: this.followUps
      },
      responseTime: { calendar: summarize(this.rtCal), business: cal ? summarize(this.rtBus) : null },
      firstResponseTime: { calendar: summarize(this.frtCal), business: cal ? summarize(this.frtBus) : null },
      resolutionTime: { calendar: summarize(this.resCal), business: cal ? summarize(this.resBus) : null },
      tweetsToResolve: {
        count: this.ttr.length,
        mean: tts.mean,
        median: tts.median,
        distribution: this.ttrDist,
        brandReplies: ttb
      },
      fcr: { numerator: this.fcrNum, denominator: this.fcrDen, rate: rate(this.fcrNum, this.fcrDen), provisional: this.provisional },
      sentimentRecovery: {
        recovered: this.recovered,
        negativeStarts: this.negativeStarts,
        rate: rate(this.recovered, this.negativeStarts),
        unknown: this.unknownSentiment
      },
      sla: {
        firstResponse: { withinTarget: this.frTarget.share(), withinLimit: this.frLimit.share() },
        allReplies: { withinTarget: this.arTarget.share(), withinLimit: this.arLimit.share() }
      },
      escalation: {
        escalated: this.escalated,
        cycles: this.cycles,
        rate: rate(this.escalated, this.cycles),
        byChannel: { ...byName(CHANNELS, this.byChannel, 1), unknown: this.byChannel[0] }
      },
      replyRate: { answered: this.answered, customerMessages: this.customerMessages, rate: rate(this.answered, this.customerMessages) },
      cost: cost ? {
        hourly: cost.hourly,
        hoursWorked,
        total: cost.hourly * hoursWorked,
        perResponse: this.replies > 0 ? cost.hourly * hoursWorked / this.replies : null
      } : null
    };
  }
};
function dayList(counts, from, to, tz) {
  const out = [];
  if (to > from && to - from <= MAX_FILLED_DAYS * DAY) {
    const lastDay = tz.localDay(to - 1);
    for (let d = tz.localDay(from); d <= lastDay; d++) out.push({ day: dayLabel(d), count: counts.get(d) ?? 0 });
    return out;
  }
  for (const d of [...counts.keys()].sort((a, b) => a - b)) out.push({ day: dayLabel(d), count: counts.get(d) });
  return out;
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

// bench/.exp9.ts
var n = Number(process.argv[2] ?? 1e6);
var shape = historyShape(n);
var END = Date.UTC(2026, 0, 1);
var records = generateMessages({ messages: n, seed: 20260101, end: END, ...shape }).map(toRecord);
var cloned = [];
for (let i = 0; i < records.length; i += 1e4) for (const r of JSON.parse(JSON.stringify(records.slice(i, i + 1e4)))) cloned.push(r);
records = cloned;
if (process.argv[3] === "grouped") records.sort((a, b) => a.caseKey < b.caseKey ? -1 : a.caseKey > b.caseKey ? 1 : 0);
var S = { ...DEFAULT_SETTINGS, schedule: { timeZone: "Europe/Bucharest", week: [1, 2, 3, 4, 5].map((day) => ({ day, start: "09:00", end: "18:00" })), holidays: [] } };
var C = { ...S, schedule: null };
var q = { from: END - shape.spanDays * DAY_MS, to: END, now: END };
var med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
var sc = new Scratch();
var R = { index: [], biz: [], cal: [], open: [] };
for (let i = 0; i < 7; i++) {
  let t = performance.now();
  indexCases(records, null, sc);
  R.index.push(performance.now() - t);
  t = performance.now();
  computeFigures(records, S, q);
  R.biz.push(performance.now() - t);
  t = performance.now();
  computeFigures(records, C, q);
  R.cal.push(performance.now() - t);
  t = performance.now();
  openCases(records, S, END);
  R.open.push(performance.now() - t);
}
for (const [k, v] of Object.entries(R)) console.log(k.padEnd(6), "median", med(v).toFixed(0), v.map((x) => x.toFixed(0)).join(" "));
