import { i18n } from '#i18n';

/**
 * Labels that do not depend on the post, read once per page: each i18n.t is a call into the
 * browser (getMessage), and a bar has some thirty of them.
 */
const labels = new Map<string, string>();
/** The translator the labels came from: another one (another language) starts afresh. */
let labelsOf: unknown = null;

export function label(key: string, subs?: Record<string, string>): string {
  if (labelsOf !== i18n.t) {
    labels.clear();
    labelsOf = i18n.t;
  }
  const k = subs ? `${key}|${JSON.stringify(subs)}` : key;
  let v = labels.get(k);
  if (v === undefined) labels.set(k, (v = (i18n.t as (k: string, s?: unknown) => string)(key, subs)));
  return v;
}

/** A message with a number, in the form the language's plural rules pick (see lib/format/plural.ts). */
export function text(key: string, subs?: Record<string, string>): string {
  return (i18n.t as (k: string, s?: unknown) => string)(key, subs);
}
