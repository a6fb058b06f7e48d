import { describe, expect, it } from 'vitest';
import { popupPreloads, resolvePopupDependencies } from '../../../scripts/popup-preload';

// A bundle shaped like the production build's: the popup's first chunk, the chunk that
// mounts React and what it imports, and Dexie, which only the live reads import later.
const chunk = (fileName: string, imports: string[] = [], facadeModuleId: string | null = null) => ({ type: 'chunk' as const, fileName, imports, facadeModuleId });
const bundle = Object.fromEntries(
  [
    chunk('chunks/popup-aaa.js', ['chunks/page-bbb.js'], '/repo/entrypoints/popup/index.html'),
    chunk('chunks/page-bbb.js'),
    chunk('chunks/mount-ccc.js', ['chunks/jsx-runtime-ddd.js', 'chunks/popup-aaa.js', 'chunks/metrics-eee.js'], '/repo/components/popup/mount.tsx'),
    chunk('chunks/jsx-runtime-ddd.js', ['chunks/page-bbb.js']),
    chunk('chunks/metrics-eee.js', ['chunks/taxonomy-fff.js', 'chunks/jsx-runtime-ddd.js']),
    chunk('chunks/taxonomy-fff.js'),
    chunk('chunks/live-data-ggg.js', ['chunks/database-hhh.js'], '/repo/components/popup/live-data.ts'),
    chunk('chunks/database-hhh.js'),
  ].map((c) => [c.fileName, c]),
);

describe('popup.html preloads (scripts/popup-preload.ts)', () => {
  it('lists the mount chunk and everything it imports, React first after it, nothing twice', () => {
    expect(popupPreloads(bundle, new Set())).toEqual([
      'chunks/mount-ccc.js',
      'chunks/jsx-runtime-ddd.js',
      'chunks/page-bbb.js',
      'chunks/popup-aaa.js',
      'chunks/metrics-eee.js',
      'chunks/taxonomy-fff.js',
    ]);
  });

  it('leaves out what popup.html already loads, and Dexie, which the figures do not need', () => {
    const preloads = popupPreloads(bundle, new Set(['chunks/popup-aaa.js', 'chunks/page-bbb.js']));
    expect(preloads).toEqual(['chunks/mount-ccc.js', 'chunks/jsx-runtime-ddd.js', 'chunks/metrics-eee.js', 'chunks/taxonomy-fff.js']);
    expect(preloads.some((f) => f.includes('database'))).toBe(false);
  });

  it('says so when the build has no mount chunk (the popup entry moved)', () => {
    const { ['chunks/mount-ccc.js']: _, ...without } = bundle;
    expect(() => popupPreloads(without, new Set())).toThrow(/components\/popup\/mount\.tsx/);
  });

  it.each([
    { host: 'chunks/popup-aaa.js', hostType: 'js' as const, kept: [] },
    { host: 'chunks/report-xyz.js', hostType: 'js' as const, kept: ['chunks/a.js'] },
    { host: 'chunks/options-xyz.js', hostType: 'js' as const, kept: ['chunks/a.js'] },
    { host: '/repo/entrypoints/popup/index.html', hostType: 'html' as const, kept: ['chunks/a.js'] },
  ])("keeps Vite's preload helper out of the popup's chunks only ($host)", ({ host, hostType, kept }) => {
    expect(resolvePopupDependencies('chunks/x.js', ['chunks/a.js'], { hostId: host, hostType })).toEqual(kept);
  });
});
