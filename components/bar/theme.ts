/**
 * The bar follows X's display settings: its theme (X paints the page background white in
 * "Default", #15202B in "Dim", black in "Lights out") and its font size (X sets it on the
 * root element, 14–20 px). Read from the page, never guessed from the system theme.
 */
export type BarTheme = { kind: 'light' | 'dim' | 'dark'; fontPx: number };

export function readTheme(doc: Document): BarTheme {
  const view = doc.defaultView;
  if (!view || !doc.body) return { kind: 'light', fontPx: 15 };
  const bg = parseRgb(view.getComputedStyle(doc.body).backgroundColor);
  const fontPx = parseFloat(view.getComputedStyle(doc.documentElement).fontSize) || 15;
  let kind: BarTheme['kind'] = 'light';
  if (bg && luminance(bg) < 0.5) kind = bg[0] + bg[1] + bg[2] < 20 ? 'dark' : 'dim';
  return { kind, fontPx };
}

/** Colours meet WCAG 2.2 AA (4.5:1 for text) on each theme's background. */
export const PALETTES: Record<BarTheme['kind'], Record<string, string>> = {
  light: { fg: '#0f1419', muted: '#536471', line: '#cfd9de', bg: '#ffffff', pill: '#eff3f4', accent: '#0a66c2', late: '#b3261e', ok: '#0b6b3a', warn: '#8a4b00' },
  dim: { fg: '#f7f9f9', muted: '#b1bfcc', line: '#38444d', bg: '#15202b', pill: '#273340', accent: '#6cb6ff', late: '#ff8a80', ok: '#7ee2a8', warn: '#ffc27a' },
  dark: { fg: '#e7e9ea', muted: '#a3aab0', line: '#2f3336', bg: '#000000', pill: '#202327', accent: '#6cb6ff', late: '#ff8a80', ok: '#7ee2a8', warn: '#ffc27a' },
};

/** The theme as custom properties on every bar's host (one shared sheet, replaced on change). */
export function themeCss(t: BarTheme): string {
  const p = PALETTES[t.kind];
  // Smaller than X's text, and never so large that the line passes 28 px.
  const font = Math.min(14, Math.max(11, Math.round(t.fontPx * 0.8)));
  return `:host{${Object.entries(p)
    .map(([k, v]) => `--tm-${k}:${v};`)
    .join('')}--tm-font:${font}px;color-scheme:${t.kind === 'light' ? 'light' : 'dark'}}`;
}

function parseRgb(s: string): [number, number, number] | null {
  const m = /rgba?\((\d+)[ ,]+(\d+)[ ,]+(\d+)(?:[ ,/]+([\d.]+))?/.exec(s);
  if (!m) return null;
  if (m[4] !== undefined && Number(m[4]) === 0) return null; // transparent: X not styled yet
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function luminance([r, g, b]: [number, number, number]): number {
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}
