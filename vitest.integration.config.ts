import { defineConfig } from 'vitest/config';

// Integration tests against a real CouchDB-protocol server on loopback (pouchdb-server,
// started by the tests). Node environment, fake IndexedDB for the extension's stores.
export default defineConfig({
  test: {
    include: ['tests/integration/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/integration/setup.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
