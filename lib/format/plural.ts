/**
 * Plural forms by each language's own rules (CLDR, through Intl.PluralRules). @wxt-dev/i18n
 * only tells 0, 1 and "many" apart, which is wrong for Romanian ("2 mesaje", "20 de mesaje")
 * and for Spanish millions ("1 000 000 de mensajes"). The texts stay in the locale files,
 * one per category; this picks the category.
 */
export const PLURAL_CATEGORIES = ['one', 'few', 'many', 'other'] as const;
export type PluralCategory = (typeof PLURAL_CATEGORIES)[number];

const rules = new Map<string, Intl.PluralRules>();

export function pluralCategory(locale: string, n: number): PluralCategory {
  let r = rules.get(locale);
  if (!r) rules.set(locale, (r = new Intl.PluralRules(locale)));
  const c = r.select(n);
  // 'zero' and 'two' exist in other languages; ours have no text for them.
  return (PLURAL_CATEGORIES as readonly string[]).includes(c) ? (c as PluralCategory) : 'other';
}
