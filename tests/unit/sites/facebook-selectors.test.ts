// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { FB_SELECTOR_TABLE, isLabel, LABELS, SEL } from '../../../lib/sites/facebook/selectors';
import { fbFixtureDoc } from './facebook-fixtures';

describe('Facebook selectors, each proven by its fixture', () => {
  it.each(FB_SELECTOR_TABLE.map((s) => [s.name, s.fixture, s.expectedCount, s.selector, s.proves] as const))(
    '%s finds, in %s, exactly %i: %s (%s)',
    (_name, fixture, expected, selector) => {
      expect(fbFixtureDoc(fixture).querySelectorAll(selector)).toHaveLength(expected);
    },
  );

  it('every selector the adapter uses is proven by at least one fixture row', () => {
    const names = new Set(FB_SELECTOR_TABLE.map((s) => s.name));
    expect(Object.keys(SEL).filter((n) => !names.has(n))).toEqual([]);
  });

  it('uses no class selectors (Comet rotates its atomic classes)', () => {
    for (const sel of [...Object.values(SEL), ...FB_SELECTOR_TABLE.map((s) => s.selector)]) expect(sel).not.toMatch(/(^|[\s>+~,])[a-z]*\.[A-Za-z_-]/);
  });

  it('has every label in English, Spanish and Romanian', () => {
    for (const [name, l] of Object.entries(LABELS)) {
      for (const lang of ['en', 'es', 'ro'] as const) expect(l[lang].length, `${name}.${lang}`).toBeGreaterThan(0);
    }
  });

  it.each([
    ['Comment', true],
    ['comentar', true],
    ['Comentează', true],
    ['Comment as Example Shop', false],
    ['Like', false],
    ['', false],
  ] as const)('reads the submit label %j as a submit: %s', (text, yes) => {
    expect(isLabel('submit', text)).toBe(yes);
  });
});
