import { ExtensionWriter, withExtension, writeMessages } from './browser';
import { generateMessages, patchFor, toObservation, DAY_MS } from './data';
const b = await withExtension();
try {
  const w = await ExtensionWriter.open(b.context, b.extensionId);
  const msgs = generateMessages({ messages: 6000, seed: 7, agents: ['me', 'other'], end: Date.now(), spanDays: 730 });
  const items = msgs.map((m) => ({ obs: toObservation(m), patch: patchFor(m, 'me') }));
  const wire = writeMessages(items);
  console.log('messages', wire.length, 'tags', wire.filter((m) => m.type === 'tag').length);
  const parts = [wire.slice(0, 1500), wire.slice(1500, 3000), wire.slice(3000)];
  for (const [i, c] of [[0, 1], [1, 8], [2, 32]] as const) {
    const r = await w.send(parts[i]!, c);
    console.log('concurrency', c, 'n', parts[i]!.length, 'ms', r.ms.toFixed(0), 'per s', (parts[i]!.length / r.ms * 1000).toFixed(0), 'errors', r.errors.slice(0, 3));
  }
  console.log('rows', await w.count());
} finally { await b.close(); }
