import { defineConfig } from 'vitest/config';
import lab from './vitest.lab.config.ts';

/**
 * The recovery-lab tests alone (npm run test:lab:recovery): the S3 lab's real radosgw and the kube lab's real
 * kube-apiserver together, with a kubelet stand-in and a backup-restore-sidecar stand-in (test/lab/recovery).
 * Same settings as every lab test (vitest.lab.config.ts runs them with the other labs).
 */
export default defineConfig({
  ...lab,
  test: { ...lab.test, include: ['test/lab/**/recovery*.lab.test.ts'] },
});
