import { defineConfig } from 'vitest/config';

// Real browsers against `.output/` (build first). One file at a time: each launches a browser.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
