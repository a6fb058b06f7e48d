import type { Plugin } from 'vite';

/**
 * How the popup's code loads (issue 7, time to figures). popup.html runs a small first chunk
 * that starts the database read, then imports the chunk that mounts React
 * (components/popup/mount.tsx). Vite's way to load that chunk's dependencies early is a
 * helper that appends a <link rel="modulepreload"> per dependency when the import runs:
 * 10–17 ms of the popup's main thread per open (bench/popup-trace.ts), on the way to the
 * figures. Instead popup.html names them itself, so the browser fetches React and the rest
 * while it parses the page, and the popup's chunks import without the helper.
 */

/** The module that mounts the popup: its chunk and that chunk's static imports are preloaded. */
const MOUNT_MODULE = /\/components\/popup\/mount\.tsx$/;
/** The popup's own chunks (entrypoints/popup/main.tsx): their dynamic imports skip the helper. */
const POPUP_CHUNK = /(^|\/)popup-[\w-]+\.js$/;

interface ChunkLike {
  type: 'chunk' | 'asset';
  fileName: string;
  facadeModuleId?: string | null;
  imports?: string[];
}

/**
 * The files to preload for the popup: the mount chunk and every chunk it imports
 * statically (transitively), in import order, without those `listed` already.
 */
export function popupPreloads(bundle: Record<string, ChunkLike>, listed: ReadonlySet<string>): string[] {
  const mount = Object.values(bundle).find((c) => c.type === 'chunk' && c.facadeModuleId && MOUNT_MODULE.test(c.facadeModuleId));
  if (!mount) throw new Error('popup preload: no chunk for components/popup/mount.tsx in the bundle');
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!listed.has(file)) out.push(file);
    for (const dep of bundle[file]?.imports ?? []) visit(dep);
  };
  visit(mount.fileName);
  return out;
}

/** Vite's `build.modulePreload.resolveDependencies`: nothing for the popup's chunks (popup.html lists it). */
export const resolvePopupDependencies = (_file: string, deps: string[], { hostId, hostType }: { hostId: string; hostType: 'html' | 'js' }): string[] =>
  hostType === 'js' && POPUP_CHUNK.test(hostId) ? [] : deps;

/** Adds the popup's preloads to popup.html (production builds). */
export function popupModulePreload(): Plugin {
  return {
    name: 'threadmark:popup-modulepreload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle || !/(^|\/)popup(\/index)?\.html$/.test(ctx.path)) return;
        const listed = new Set([...html.matchAll(/(?:href|src)="\/?([^"]+)"/g)].map((m) => m[1]!));
        return popupPreloads(ctx.bundle as unknown as Record<string, ChunkLike>, listed).map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: '', href: `/${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}
