import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { loadMessages, translator } from './i18n-messages';

// browser.i18n is not available under the fake browser: serve the real locale files.
// TEST_LOCALE=es or ro runs the UI tests in that language.
vi.mock('#i18n', () => ({ i18n: { t: translator(loadMessages(process.env.TEST_LOCALE ?? 'en')) } }));

// vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(cleanup);
