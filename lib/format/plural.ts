/**
 * Plural forms by the language's own rules (Intl.PluralRules): Romanian has "few"
 * (2–19, and numbers ending 01–19), Spanish "many" for millions. Locale files carry
 * `one`, `few`, `many` and `other` under a message key; `other` is the fallback.
 */
export type PluralForm = 'one' | 'few' | 'many' | 'other';

export function pluralForm(locale: string, n: number): PluralForm {
  const form = new Intl.PluralRules(locale).select(n);
  return form === 'one' || form === 'few' || form === 'many' ? form : 'other';
}
