import { defineConfig } from 'vitest/config';

/**
 * Every lab test (npm run test:lab): the switch lab (real FRR, lldpd and OpenSSH in network namespaces, as root),
 * the kube lab (real kube-apiserver + etcd; npm run test:lab:kube runs it alone), the S3 lab (a real Ceph
 * radosgw with object versioning; npm run test:lab:s3) and the recovery lab (both together with a kubelet and a
 * backup-restore-sidecar stand-in; npm run test:lab:recovery). Hooks get minutes because
 * starting a lab includes BGP convergence or the apiserver's start; files run one at a time because each starts
 * its own lab and they would compete for CPU while the sessions come up.
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
