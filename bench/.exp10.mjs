import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--js-flags=--expose-gc'] });
const p = await b.newPage();
const out = await p.evaluate(() => {
  const N = 1000000, C = 445000;
  const recs = [];
  for (let i = 0; i < N; i++) { const c = Math.floor(Math.random() * C); recs.push({ caseKey: ('x:1234567890' + (1e9 + c) + ':customer_' + (c % 1000)).split('').join(''), at: i }); }
  const res = [];
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    const m = new Map(); for (let i = 0; i < N; i++) { const key = recs[i].caseKey; let c = m.get(key); if (c === undefined) { c = m.size; m.set(key, c); } }
    res.push(Math.round(performance.now() - t));
  }
  const res2 = [];
  for (let k = 0; k < 3; k++) { const t = performance.now(); let x = 0; for (let i = 0; i < N; i++) { const s = recs[i].caseKey; for (let j = 0; j < s.length; j++) x += s.charCodeAt(j); } res2.push(Math.round(performance.now() - t)); }
  return { map: res, chars: res2 };
});
console.log(out);
await b.close();
