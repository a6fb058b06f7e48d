import { ExtensionWriter, withExtension } from './browser';
const b = await withExtension();
try {
  const w = await ExtensionWriter.open(b.context, b.extensionId);
  const out = await w.page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((res, rej) => { const r = indexedDB.open('benchraw', 1); r.onupgradeneeded = () => r.result.createObjectStore('s', { keyPath: 'k' }); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const tx = (mode: IDBTransactionMode, fn: (s: IDBObjectStore) => void, durability?: 'relaxed' | 'strict' | 'default') => new Promise<void>((res, rej) => { const t = db.transaction('s', mode, durability ? { durability } : undefined); fn(t.objectStore('s')); t.oncomplete = () => res(); t.onerror = () => rej(t.error); });
    const r: Record<string, number> = {};
    for (const d of ['default', 'relaxed', 'strict'] as const) {
      let t0 = performance.now();
      for (let i = 0; i < 200; i++) await tx('readwrite', (s) => s.put({ k: d + i, v: 'x'.repeat(300) }), d);
      r['rw-' + d] = (performance.now() - t0) / 200;
    }
    let t0 = performance.now();
    for (let i = 0; i < 200; i++) await tx('readonly', (s) => s.get('default' + i));
    r['ro'] = (performance.now() - t0) / 200;
    return r;
  });
  console.log(out);
  // the background messaging roundtrip: peek one id
  const t = await w.page.evaluate(async () => {
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) await new Promise((res) => chrome.runtime.sendMessage({ id: i, type: 'peek', data: { platform: 'x', ids: ['1'] }, timestamp: Date.now() }, res));
    return (performance.now() - t0) / 200;
  });
  console.log('peek roundtrip ms', t);
} finally { await b.close(); }
