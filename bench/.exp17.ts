import { contentScenario } from './content';
for (const s of ['virtual', 'kept'] as const) {
  const t = Date.now();
  const r = await contentScenario(s, 3, console.log);
  const { runs, ...rest } = r;
  console.log(JSON.stringify(rest, null, 1), 'took', Date.now() - t);
}
