// Map cost without a big heap
const N = 1_000_000, C = 445_000;
const keys: string[] = [];
for (let i = 0; i < N; i++) { const c = Math.floor(Math.random() * C); keys.push(('x:1234567890' + (1e9 + c) + ':customer_' + (c % 1000)).split('').join('')); }
function time(name: string, fn: () => unknown, k = 5) { const xs: number[] = []; let out: unknown; for (let i = 0; i < k; i++) { const t = performance.now(); out = fn(); xs.push(performance.now() - t); } console.log(name.padEnd(12), xs.map(x => x.toFixed(0)).join(' '), out); }
function build(ks: string[]) { const m = new Map<string, number>(); for (let i = 0; i < ks.length; i++) { const k = ks[i]!; let c = m.get(k); if (c === undefined) { c = m.size; m.set(k, c); } } return m.size; }
time('map', () => build(keys));
const ints = keys.map((_, i) => i % C);
time('mapInt', () => { const m = new Map<number, number>(); for (let i = 0; i < N; i++) { const k = ints[i]!; let c = m.get(k); if (c === undefined) { c = m.size; m.set(k, c); } } return m.size; });
