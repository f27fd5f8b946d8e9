import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // The end-to-end tests run the bundled program; build it once before any test starts.
    globalSetup: ['test/helpers/build-once.ts'],
    testTimeout: 20_000,
  },
});
