const N = 1000000, C = 445000;
function make() { const recs = []; for (let i = 0; i < N; i++) { const c = (i * 7919) % C; recs.push({ caseKey: ('x:1234567890' + (1e9 + c) + ':customer_' + (c % 1000)).split('').join(''), at: i }); } return recs; }
for (let k = 0; k < 4; k++) {
  const recs = make();
  let t = performance.now();
  const m = new Map(); for (let i = 0; i < N; i++) { const key = recs[i].caseKey; let c = m.get(key); if (c === undefined) { c = m.size; m.set(key, c); } }
  const cold = performance.now() - t;
  t = performance.now();
  const m2 = new Map(); for (let i = 0; i < N; i++) { const key = recs[i].caseKey; let c = m2.get(key); if (c === undefined) { c = m2.size; m2.set(key, c); } }
  console.log('cold', cold.toFixed(0), 'warm', (performance.now() - t).toFixed(0));
}
