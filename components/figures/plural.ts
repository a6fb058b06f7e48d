import { i18n } from '#i18n';
import { pluralCategory } from '../../lib/format/plural';

/**
 * Counted words in the language the popup is shown in. @wxt-dev/i18n's plurals know only
 * 0 / 1 / n, which is wrong for Romanian ("2 mesaje", "20 de mesaje"); the CLDR rules of
 * Intl.PluralRules choose the form, the texts stay in the locale files. Every plural
 * message has the four forms one/few/many/other in every locale file (the locale test wants
 * the same keys everywhere); a language uses those its rules name.
 *
 * The rules follow the language of the messages shown (the top-level `locale` key, written in each
 * locale file), not the browser's UI language, which may have no translation of its own.
 */
export type PluralMessage = 'popup2.messagesKept' | 'popup2.unknownSentiment' | 'popup2.ofCycles' | 'facebook.approximateLeftOut' | 'popupsplit.showAllCases';

let cached: { locale: string; numbers: Intl.NumberFormat } | undefined;

function language() {
  const locale = i18n.t('locale') || 'en';
  if (cached?.locale !== locale) cached = { locale, numbers: new Intl.NumberFormat(locale) };
  return cached;
}

export function plural(key: PluralMessage, count: number, subs: Record<string, string> = {}): string {
  const { locale, numbers } = language();
  return i18n.t(`${key}.${pluralCategory(locale, count)}` as never, { count: numbers.format(count), ...subs } as never);
}
