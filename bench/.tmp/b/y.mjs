// bench/.exp7.ts
var N = 1e6;
var C = 445e3;
var keys = [];
for (let i = 0; i < N; i++) {
  const c = Math.floor(Math.random() * C);
  keys.push(("x:1234567890" + (1e9 + c) + ":customer_" + c % 1e3).split("").join(""));
}
function time(name, fn, k = 5) {
  const xs = [];
  let out;
  for (let i = 0; i < k; i++) {
    const t = performance.now();
    out = fn();
    xs.push(performance.now() - t);
  }
  console.log(name.padEnd(12), xs.map((x) => x.toFixed(0)).join(" "), out);
}
function build(ks) {
  const m = /* @__PURE__ */ new Map();
  for (let i = 0; i < ks.length; i++) {
    const k = ks[i];
    let c = m.get(k);
    if (c === void 0) {
      c = m.size;
      m.set(k, c);
    }
  }
  return m.size;
}
time("map", () => build(keys));
var ints = keys.map((_, i) => i % C);
time("mapInt", () => {
  const m = /* @__PURE__ */ new Map();
  for (let i = 0; i < N; i++) {
    const k = ints[i];
    let c = m.get(k);
    if (c === void 0) {
      c = m.size;
      m.set(k, c);
    }
  }
  return m.size;
});
