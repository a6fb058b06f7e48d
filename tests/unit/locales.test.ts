// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { generateChromeMessages, parseMessagesText, SUPPORTED_LOCALES } from '@wxt-dev/i18n/build';
import { describe, expect, it } from 'vitest';
import { loadMessages } from '../i18n-messages';

const LOCALES_DIR = resolve(__dirname, '../../locales');
/** Every translation next to en.yml (the source of truth). */
const LOCALES = readdirSync(LOCALES_DIR)
  .filter((f) => extname(f) === '.yml')
  .map((f) => basename(f, '.yml'))
  .filter((l) => l !== 'en')
  .sort();

/**
 * Messages that may read exactly as in English: the product name, the platform words agents
 * use as they are (DM, chat, e-mail), the percentile label, the empty-value dash and the
 * site names (X, Facebook).
 */
const SAME_AS_ENGLISH = new Set(['extName', 'channel.dm', 'channel.chat', 'channel.email', 'popup.p90', 'popup.none', 'facebook.siteX', 'facebook.siteFacebook']);

const placeholders = (text: string) => [...new Set(Array.from(text.matchAll(/\{(\w+)\}/g), (m) => m[1]))].sort();
const en = loadMessages('en');

describe('locale files', () => {
  it('ship Spanish and Romanian, each a locale the browsers accept', () => {
    expect(LOCALES).toEqual(expect.arrayContaining(['es', 'ro']));
    for (const locale of LOCALES) expect(SUPPORTED_LOCALES.has(locale), locale).toBe(true);
  });

  describe.each(LOCALES)('%s', (locale) => {
    const messages = loadMessages(locale);

    it('names its own language once, in the top-level locale key the plural rules and formats read', () => {
      expect(messages.locale).toBe(locale);
      expect(Object.keys(messages).filter((k) => k.endsWith('.locale'))).toEqual([]);
    });

    it('has exactly the keys of en.yml', () => {
      const missing = Object.keys(en).filter((k) => !(k in messages));
      const extra = Object.keys(messages).filter((k) => !(k in en));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it('keeps the same {placeholders} in every message', () => {
      const wrong = Object.keys(en)
        .filter((k) => k in messages)
        .filter((k) => placeholders(messages[k]!).join() !== placeholders(en[k]!).join())
        .map((k) => `${k}: ${messages[k]}`);
      expect(wrong).toEqual([]);
    });

    it('has no empty message', () => {
      expect(Object.keys(messages).filter((k) => messages[k]!.trim() === '')).toEqual([]);
    });

    it('translates every message, apart from the words kept as in English', () => {
      const untranslated = Object.keys(en).filter((k) => !SAME_AS_ENGLISH.has(k) && messages[k] === en[k]);
      expect(untranslated).toEqual([]);
      expect(messages.extName).toBe(en.extName);
    });

    it('keeps the SLA and DM words agents use', () => {
      for (const [key, word] of [['options.slaTarget', 'SLA'], ['options.slaLimit', 'SLA'], ['channel.dm', 'DM'], ['bar.escalate', 'DM']]) {
        expect(messages[key!], key).toContain(word);
      }
    });

    it('fits the store limits for the name and description in the manifest', () => {
      expect(messages.extName!.length).toBeLessThanOrEqual(75);
      expect(messages.extDescription!.length).toBeLessThanOrEqual(132);
    });

    it('builds into a messages.json with the same messages as English', () => {
      const read = (l: string) => parseMessagesText(readFileSync(resolve(LOCALES_DIR, `${l}.yml`), 'utf8'), 'YAML');
      const built = generateChromeMessages(read(locale));
      const builtEn = generateChromeMessages(read('en'));
      expect(Object.keys(built).sort()).toEqual(Object.keys(builtEn).sort());
      // `$` starts a placeholder in messages.json; none of ours may carry a stray one.
      expect(Object.values(built).filter((m) => m.message.includes('$'))).toEqual([]);
    });
  });

  it('writes Romanian with comma-below ș ț, never the cedilla ş ţ', () => {
    const text = readFileSync(resolve(LOCALES_DIR, 'ro.yml'), 'utf8');
    expect(text.match(/[\u015E\u015F\u0162\u0163]/g)).toBeNull();
    expect(text).toMatch(/[\u0219\u021B]/);
  });
});
