import { defineConfig } from 'vitest/config';

/**
 * The switch-lab tests (npm run test:lab): real FRR, lldpd and OpenSSH in network namespaces, as root. Hooks get
 * minutes because starting a lab includes BGP convergence; files run one at a time because each starts its own
 * lab and they would compete for CPU while the sessions come up.
 */
export default defineConfig({
  test: {
    include: ['test/lab/**/*.lab.test.ts'],
    // Lab tests run the built program too; same one-time build as the default config.
    globalSetup: ['test/helpers/build-once.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
