// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { pluralCategory } from '../../../lib/format/plural';
import { loadMessages, translator } from '../../i18n-messages';

const exported = (locale: string, n: number) => {
  const t = translator(loadMessages(locale));
  return t(`report.export.done.${pluralCategory(t('locale'), n)}`, { count: String(n) });
};

describe('plural forms in the locale files', () => {
  it.each([
    ['en', 1, '1 message exported.'],
    ['en', 2, '2 messages exported.'],
    ['en', 0, '0 messages exported.'],
    ['es', 1, '1 mensaje exportado.'],
    ['es', 5, '5 mensajes exportados.'],
    ['es', 1_000_000, '1000000 mensajes exportados.'],
    ['ro', 1, '1 mesaj exportat.'],
    ['ro', 5, '5 mesaje exportate.'],
    ['ro', 19, '19 mesaje exportate.'],
    ['ro', 20, '20 de mesaje exportate.'],
    ['ro', 101, '101 mesaje exportate.'],
    ['ro', 0, '0 mesaje exportate.'],
  ])('%s, %i: %s', (locale, n, text) => {
    expect(exported(locale, n)).toBe(text);
  });

  it('every plural message of the report has the four forms in every language', () => {
    for (const locale of ['en', 'es', 'ro']) {
      const keys = Object.keys(loadMessages(locale)).filter((k) => k.startsWith('report.') && /\.(one|few|many|other)$/.test(k));
      const stems = new Set(keys.map((k) => k.replace(/\.\w+$/, '')));
      for (const stem of stems) for (const form of ['one', 'few', 'many', 'other']) expect(keys, `${locale} ${stem}`).toContain(`${stem}.${form}`);
    }
  });
});
