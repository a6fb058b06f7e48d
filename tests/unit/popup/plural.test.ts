/**
 * Counted words follow each language's plural rules (CLDR through Intl.PluralRules), with
 * the texts in the locale files: English one/other, Spanish one/other (and "de" for
 * millions), Romanian one/few/other with "de" from 20 on.
 */
import { describe, expect, it, vi } from 'vitest';
import { plural } from '../../../components/figures/plural';
import { loadMessages, translator } from '../../i18n-messages';

const current = vi.hoisted(() => ({ t: (_key: string, _subs?: unknown): string => '' }));
vi.mock('#i18n', () => ({ i18n: { t: (key: string, subs?: unknown) => current.t(key, subs) } }));

const CASES: Array<[locale: string, count: number, messages: string, cycles: string]> = [
  ['en', 0, '0 messages', '0 cycles'],
  ['en', 1, '1 message', '1 cycle'],
  ['en', 2, '2 messages', '2 cycles'],
  ['en', 5, '5 messages', '5 cycles'],
  ['en', 20, '20 messages', '20 cycles'],
  ['en', 101, '101 messages', '101 cycles'],
  ['es', 0, '0 mensajes', '0 ciclos'],
  ['es', 1, '1 mensaje', '1 ciclo'],
  ['es', 2, '2 mensajes', '2 ciclos'],
  ['es', 5, '5 mensajes', '5 ciclos'],
  ['es', 20, '20 mensajes', '20 ciclos'],
  ['es', 101, '101 mensajes', '101 ciclos'],
  ['es', 1_000_000, '1.000.000 de mensajes', '1.000.000 de ciclos'],
  ['ro', 0, '0 mesaje', '0 cicluri'],
  ['ro', 1, '1 mesaj', '1 ciclu'],
  ['ro', 2, '2 mesaje', '2 cicluri'],
  ['ro', 5, '5 mesaje', '5 cicluri'],
  ['ro', 20, '20 de mesaje', '20 de cicluri'],
  ['ro', 101, '101 mesaje', '101 cicluri'],
];

describe('plural', () => {
  it.each(CASES)('%s: %i reads "%s" and "%s"', (locale, count, messages, cycles) => {
    current.t = translator(loadMessages(locale));
    expect(plural('popup2.messagesKept', count)).toContain(` ${messages} `);
    expect(plural('popup2.unknownSentiment', count)).toMatch(new RegExp(`^${cycles} `));
    expect(plural('popup2.ofCycles', count, { met: '0' })).toMatch(new RegExp(` ${cycles}$`));
    // The note under the figures about Facebook messages timed only by "2 h".
    expect(plural('facebook.approximateLeftOut', count)).toMatch(new RegExp(`^${messages} `));
  });
});

describe('"show all open cases"', () => {
  it.each([
    ['en', 25, 'Show all 25 open cases'],
    ['es', 25, 'Mostrar los 25 casos abiertos'],
    ['ro', 25, 'Arată toate cele 25 de cazuri deschise'],
    ['ro', 101, 'Arată toate cele 101 cazuri deschise'],
  ])('%s: %i reads "%s"', (locale, count, text) => {
    current.t = translator(loadMessages(locale));
    expect(plural('popupsplit.showAllCases', count)).toBe(text);
  });
});
