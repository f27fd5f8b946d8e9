import { defineConfig } from 'vitest/config';
import lab from './vitest.lab.config.ts';

/**
 * The S3-lab tests alone (npm run test:lab:s3): a real Ceph radosgw with object versioning per test file (root
 * installs the ceph packages on first use). Same settings as every lab test (vitest.lab.config.ts runs them with
 * the switch and kube labs).
 */
export default defineConfig({
  ...lab,
  test: { ...lab.test, include: ['test/lab/**/s3*.lab.test.ts'] },
});
