// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { SEL, X_SELECTOR_TABLE } from '../../../lib/sites/x/selectors';
import { fixtureDoc } from './fixtures';

describe('X selectors, each proven by its fixture', () => {
  it.each(X_SELECTOR_TABLE.map((s) => [s.name, s.fixture, s.expectedCount, s.selector, s.proves] as const))(
    '%s finds, in %s, exactly %i: %s (%s)',
    (_name, fixture, expected, selector) => {
      expect(fixtureDoc(fixture).querySelectorAll(selector)).toHaveLength(expected);
    },
  );

  it('every selector the adapter uses is proven by at least one fixture row', () => {
    const proven = new Set(X_SELECTOR_TABLE.flatMap((s) => [s.selector, s.name]));
    const unproven = Object.entries(SEL).filter(([name, sel]) => !proven.has(sel) && !proven.has(name) && ![...proven].some((p) => p.includes(sel)));
    expect(unproven.map(([n]) => n)).toEqual([]);
  });

  it('uses no class selectors (X generates its classes)', () => {
    for (const sel of [...Object.values(SEL), ...X_SELECTOR_TABLE.map((s) => s.selector)]) expect(sel).not.toMatch(/\.[A-Za-z_-]/);
  });
});
