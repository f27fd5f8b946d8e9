import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // The switch lab needs root, namespaces and FRR: it runs only through vitest.lab.config.ts (npm run test:lab).
    exclude: [...configDefaults.exclude, 'test/lab/**'],
    // The end-to-end tests run the bundled program; build it once before any test starts.
    globalSetup: ['test/helpers/build-once.ts'],
    testTimeout: 20_000,
  },
});
