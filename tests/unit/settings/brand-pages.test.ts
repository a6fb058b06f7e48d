import { describe, expect, it } from 'vitest';
import { addBrandPage, formatBrandPages, parseBrandPages } from '../../../lib/settings/brand-pages';
import { settingsSchema } from '../../../lib/schema/records';
import { DEFAULT_SETTINGS } from '../../../lib/schema/defaults';

describe('brand Pages in settings (name + numeric Page id)', () => {
  it.each([
    ['Acme Support (100064), 200077', ['100064', '200077'], { '100064': 'Acme Support' }],
    ['Acme (1); Acme Help (2)\nAcme (1)', ['1', '2'], { '1': 'Acme', '2': 'Acme Help' }],
    ['  ', [], {}],
    ['123456', ['123456'], {}],
  ])('reads %j as Page ids with their names', (text, ids, names) => {
    expect(parseBrandPages(text)).toEqual({ ids, names });
  });

  it('writes the form text back so it reads the same', () => {
    const pages = { ids: ['100064', '200077'], names: { '100064': 'Acme Support' } };
    expect(formatBrandPages(pages.ids, pages.names)).toBe('Acme Support (100064), 200077');
    expect(parseBrandPages(formatBrandPages(pages.ids, pages.names))).toEqual(pages);
  });

  it('still loads settings saved before Page names existed, with no names', () => {
    const { brandPageNames: _drop, ...old } = { ...DEFAULT_SETTINGS, brandHandles: { x: [], facebook: ['100064'] } };
    const parsed = settingsSchema.parse(old);
    expect(parsed.brandHandles.facebook).toEqual(['100064']);
    expect(parsed.brandPageNames).toEqual({});
  });

  it('rejects a Page name keyed by something other than a numeric id', () => {
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, brandPageNames: { acme: 'Acme' } }).success).toBe(false);
  });

  it('adds the acting Page with one click, once', () => {
    const added = addBrandPage({ ids: ['1'], names: {} }, '2', ' Acme Help ');
    expect(added).toEqual({ ids: ['1', '2'], names: { '2': 'Acme Help' } });
    expect(addBrandPage(added!, '2', 'Acme Help')).toBeNull();
  });
});
