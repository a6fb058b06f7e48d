import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseYAML } from 'confbox';

/** The messages of one locale file, flattened to the dotted keys `i18n.t` takes. */
export function loadMessages(locale: string): Record<string, string> {
  const tree = parseYAML(readFileSync(resolve(__dirname, `../locales/${locale}.yml`), 'utf8')) as Record<string, unknown>;
  const out: Record<string, string> = {};
  const walk = (node: unknown, prefix: string) => {
    if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
    else out[prefix] = String(node);
  };
  walk(tree, '');
  return out;
}

/** Same contract as @wxt-dev/i18n's `t`: named `{x}` or positional `$1` substitutions. */
export function translator(messages: Record<string, string>) {
  return (key: string, subs?: unknown) => {
    const text = messages[key];
    if (text === undefined) return '';
    if (Array.isArray(subs)) return text.replace(/\$(\d)/g, (_, n) => String(subs[Number(n) - 1] ?? ''));
    if (subs && typeof subs === 'object') {
      return text.replace(/\{(\w+)\}/g, (m, k) => String((subs as Record<string, unknown>)[k] ?? m));
    }
    return text;
  };
}
