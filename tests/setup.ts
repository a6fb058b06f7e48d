import 'fake-indexeddb/auto';
import { vi } from 'vitest';
import { loadMessages, translator } from './i18n-messages';

// browser.i18n is not available under the fake browser: serve the real locale files.
// TEST_LOCALE=es or ro runs the UI tests in that language.
vi.mock('#i18n', () => ({ i18n: { t: translator(loadMessages(process.env.TEST_LOCALE ?? 'en')) } }));
