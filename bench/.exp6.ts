import type { MessageRecord } from '../lib/schema/records';
import { generateMessages, historyShape, toRecord } from './data';
const n = Number(process.argv[2] ?? 1000000);
const shape = historyShape(n);
const END = Date.UTC(2026,0,1);
let records: MessageRecord[] = generateMessages({ messages: n, seed: 20260101, end: END, ...shape }).map(toRecord);
const cloned: MessageRecord[] = [];
for (let i = 0; i < records.length; i += 10_000) for (const r of JSON.parse(JSON.stringify(records.slice(i, i + 10_000))) as MessageRecord[]) cloned.push(r);
records = cloned;
const N = records.length;
function time(name: string, fn: () => unknown, k = 5) { const xs: number[] = []; let out: unknown; for (let i = 0; i < k; i++) { const t = performance.now(); out = fn(); xs.push(performance.now() - t); } console.log(name.padEnd(12), xs.map(x => x.toFixed(0)).join(' '), out); }
const keys = records.map(r => r.caseKey);
const keysInt = keys.map(k => Object.keys({ [k]: 1 })[0]!);
function build(ks: string[]) { const m = new Map<string, number>(); for (let i = 0; i < ks.length; i++) { const k = ks[i]!; let c = m.get(k); if (c === undefined) { c = m.size; m.set(k, c); } } return m.size; }
time('nonInt', () => build(keys));
time('int', () => build(keysInt));
// shuffled order of same keys (cache effect test)
const sortedKeys = [...keys].sort();
time('sortedNonInt', () => build(sortedKeys));
time('numHint', () => {
  const m = new Map<number, number>();
  const first = new Int32Array(N); const next = new Int32Array(N);
  const caseOf = new Int32Array(N);
  let cases = 0;
  for (let i = 0; i < N; i++) {
    const r = records[i]!; const key = r.caseKey;
    const h = Number(r.rootId);
    let c = m.get(h);
    let found = -1;
    while (c !== undefined && c >= 0) { if (records[first[c]!]!.caseKey === key) { found = c; break; } c = next[c]! < 0 ? undefined : next[c]!; }
    if (found < 0) { found = cases++; first[found] = i; const head = m.get(h); next[found] = head === undefined ? -1 : head; m.set(h, found); }
    caseOf[i] = found;
  }
  return cases;
});
time('numParseOnly', () => { let s = 0; for (let i = 0; i < N; i++) s += Number(records[i]!.rootId) > 0 ? 1 : 0; return s; });
time('atHint', () => { const m = new Map<number, number>(); let s = 0; for (let i = 0; i < N; i++) { const h = records[i]!.at; const c = m.get(h); if (c === undefined) m.set(h, i); } return m.size; });
function sampleHash(s: string): number {
  const L = s.length;
  let h = Math.imul(L, 0x9e3779b1);
  const colon = s.lastIndexOf(':');
  // customer tail and rootId tail, 8 chars each
  for (let i = L - 1, e = Math.max(0, L - 8); i >= e; i--) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  for (let i = colon - 1, e = Math.max(0, colon - 8); i >= e; i--) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 15; h = Math.imul(h, 0x2c1b3c6d); h ^= h >>> 12;
  return h | 0;
}
time('sampleHashOnly', () => { let x = 0; for (let i = 0; i < N; i++) x ^= sampleHash(records[i]!.caseKey); return x; });
const first2 = new Int32Array(N), caseOf2 = new Int32Array(N);
time('openAddrSample', () => {
  let size = 1; while (size < N * 2) size <<= 1;
  const table = new Int32Array(size).fill(-1);
  const hashes = new Int32Array(size);
  let cases = 0; const mask = size - 1; let probes = 0;
  let lastH = 0, lastKey = '', lastC = -1;
  for (let i = 0; i < N; i++) {
    const key = records[i]!.caseKey; const h = sampleHash(key);
    if (h === lastH && lastC >= 0 && key === lastKey) { caseOf2[i] = lastC; continue; }
    let slot = h & mask; let c: number;
    for (;;) {
      c = table[slot]!;
      if (c < 0) { table[slot] = c = cases; hashes[slot] = h; first2[cases++] = i; break; }
      if (hashes[slot] === h && records[first2[c]!]!.caseKey === key) break;
      slot = (slot + 1) & mask; probes++;
    }
    caseOf2[i] = c; lastH = h; lastKey = key; lastC = c;
  }
  return [cases, probes];
});
for (const B of [1024, 4096, 16384]) {
time('twoLevel' + B, () => {
  const global = new Map<string, number>();
  const caseOf = new Int32Array(N);
  let pairs = 0;
  for (let b = 0; b < N; b += B) {
    const local = new Map<string, number>();
    const e = Math.min(N, b + B);
    for (let i = b; i < e; i++) {
      const k = records[i]!.caseKey;
      let c = local.get(k);
      if (c === undefined) {
        pairs++;
        c = global.get(k);
        if (c === undefined) { c = global.size; global.set(k, c); }
        local.set(k, c);
      }
      caseOf[i] = c;
    }
  }
  return [global.size, pairs];
});
}
const enc = new TextEncoder();
let bytesBuf = new Uint8Array(0);
time('bytesHash', () => {
  const t0 = performance.now();
  const ks = new Array<string>(N);
  const off = new Int32Array(N + 1);
  let total = 0;
  for (let i = 0; i < N; i++) { const k = records[i]!.caseKey; ks[i] = k; total += k.length; off[i + 1] = total; }
  const joined = ks.join('');
  if (bytesBuf.length < total) bytesBuf = new Uint8Array(total);
  const bytes = bytesBuf;
  const { read, written } = enc.encodeInto(joined, bytes);
  if (read !== total || written !== total) throw new Error('non-ascii');
  const t1 = performance.now();
  let size = 1; while (size < N * 2) size <<= 1;
  const slots = new Int32Array(size * 2).fill(-1);
  const mask = size - 1;
  const firstOf = new Int32Array(N);
  const caseOf = new Int32Array(N);
  let cases = 0, probes = 0;
  let prevH = 0, prevC = -1;
  for (let i = 0; i < N; i++) {
    const s = off[i]!, e = off[i + 1]!, len = e - s;
    let h = (0x811c9dc5 ^ len) | 0;
    for (let p = s; p < e; p++) h = Math.imul(h ^ bytes[p]!, 0x01000193);
    h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
    let c = -1;
    if (prevC >= 0 && h === prevH) {
      const f = firstOf[prevC]!; const fs = off[f]!;
      if (off[f + 1]! - fs === len) { let q = 0; while (q < len && bytes[fs + q] === bytes[s + q]) q++; if (q === len) c = prevC; }
    }
    if (c < 0) {
      let slot = h & mask;
      for (;;) {
        const sc = slots[slot * 2]!;
        if (sc < 0) { c = cases++; firstOf[c] = i; slots[slot * 2] = c; slots[slot * 2 + 1] = h; break; }
        if (slots[slot * 2 + 1] === h) {
          const f = firstOf[sc]!; const fs = off[f]!;
          if (off[f + 1]! - fs === len) { let q = 0; while (q < len && bytes[fs + q] === bytes[s + q]) q++; if (q === len) { c = sc; break; } }
        }
        slot = (slot + 1) & mask; probes++;
      }
    }
    caseOf[i] = c; prevH = h; prevC = c;
  }
  const t2 = performance.now();
  return [cases, probes, (t1 - t0).toFixed(0), (t2 - t1).toFixed(0)];
});
time('phase-collect', () => { const ks = new Array<string>(N); for (let i = 0; i < N; i++) ks[i] = records[i]!.caseKey; return ks.length; });
const ksAll = records.map(r => r.caseKey);
time('phase-join', () => ksAll.join('').length);
time('phase-concat', () => { let s = ''; for (let i = 0; i < N; i++) s += ksAll[i]!; return s.length; });
const joinedAll = ksAll.join('');
time('phase-encode', () => enc.encodeInto(joinedAll, bytesBuf).written);
const latin = Buffer.allocUnsafe(joinedAll.length);
time('phase-latin1', () => latin.write(joinedAll, 'latin1'));
time('phase-ascii', () => latin.write(joinedAll, 'ascii'));
time('phase-concat+enc', () => { let s = ''; for (let i = 0; i < N; i++) s += records[i]!.caseKey; return enc.encodeInto(s, bytesBuf).written; });
time('phase-concat+latin', () => { let s = ''; for (let i = 0; i < N; i++) s += records[i]!.caseKey; return latin.write(s, 'latin1'); });
time('phase-chunkjoin', () => { const parts: string[] = []; for (let i = 0; i < N; i += 256) { const a = new Array<string>(Math.min(256, N - i)); for (let j = 0; j < a.length; j++) a[j] = records[i + j]!.caseKey; parts.push(a.join('')); } return enc.encodeInto(parts.join(''), bytesBuf).written; });
