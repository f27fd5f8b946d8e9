import { defineConfig } from 'vitest/config';
import lab from './vitest.lab.config.ts';

/**
 * The kube-lab tests alone (npm run test:lab:kube): a real kube-apiserver + etcd per lab, as any user. Same
 * settings as every lab test (vitest.lab.config.ts, which runs them together with the switch lab).
 */
export default defineConfig({
  ...lab,
  test: { ...lab.test, include: ['test/lab/**/kube*.lab.test.ts'] },
});
