import { afterEach, describe, expect, it } from 'vitest';
import { PALETTES, readTheme, themeCss } from '../../components/bar/theme';

afterEach(() => {
  document.body.removeAttribute('style');
  document.documentElement.removeAttribute('style');
});

/** WCAG 2.x contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("the bar follows X's display settings", () => {
  it.each([
    ['Default (white)', 'rgb(255, 255, 255)', 'light'],
    ['Dim', 'rgb(21, 32, 43)', 'dim'],
    ['Lights out', 'rgb(0, 0, 0)', 'dark'],
    ['not styled yet', 'rgba(0, 0, 0, 0)', 'light'],
  ])('reads X\'s "%s" background (%s) as the %s theme', (_, bg, kind) => {
    document.body.style.backgroundColor = bg;
    expect(readTheme(document).kind).toBe(kind);
  });

  it.each([
    [14, '11px'],
    [15, '12px'],
    [20, '14px'],
  ])('sizes its text from X\'s %ipx font setting (%s), so the line stays within 28 px', (px, font) => {
    document.documentElement.style.fontSize = `${px}px`;
    expect(themeCss(readTheme(document))).toContain(`--tm-font:${font}`);
  });
});

describe('contrast (WCAG 2.2 AA, 4.5:1 for text)', () => {
  it.each(Object.entries(PALETTES))('holds for every text colour of the %s theme on its backgrounds', (_, p) => {
    const texts = ['fg', 'muted', 'accent', 'late', 'ok', 'warn'];
    const low = texts.flatMap((t) => ['bg', 'pill'].map((b) => [t, b, contrast(p[t]!, p[b]!)] as const)).filter(([, , c]) => c < 4.5);
    expect(low).toEqual([]);
    // A pressed chip: the background colour on the accent.
    expect(contrast(p.bg!, p.accent!)).toBeGreaterThanOrEqual(4.5);
  });
});
