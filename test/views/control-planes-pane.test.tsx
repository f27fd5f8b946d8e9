import { describe, expect, it } from 'vitest';
import { setupApp } from './app-setup';

/** Issue 14 item 9: the control-planes area has its pane (7), MEP-18's chain with where each plane runs. */
describe('the control-planes pane', () => {
  it('at 80x24 lists the initial planes on k3s and the nested ones on their shoots; Enter shows one with its databases', async () => {
    const app = await setupApp({ columns: 80, rows: 24, minutes: 1 });
    try {
      await app.write('7');
      const list = await app.waitFor(/Control planes \(5\)/);
      expect(list).toMatch(/7 Control planes\]/);
      expect(list).toMatch(/CONTROL PLANE\s+LAYER\s+RUNS ON\s+STATE\s+DBS\s+BACKUP\s+FINDINGS/);
      expect(list).toMatch(/>\s+k3s\s+initial node bootstrap\s+up\s+1\s+\d+h\s+0/);
      expect(list).toMatch(/initial metal-stack\s+initial k3s\s+up\s+3\s+\d+s\s+0/);
      expect(list).toMatch(/initial Gardener\s+initial k3s\s+up/);
      expect(list).toMatch(/nested metal-stack\s+nested\s+shoot ops\/metal-cp\s+up\s+4/);
      expect(list).toMatch(/nested Gardener\s+nested\s+shoot ops\/garden-cp\s+up\s+2/);
      await app.write('jjj\r');
      const detail = await app.waitFor(/Control plane nested metal-stack/);
      expect(detail).toMatch(/runs on\s+shoot ops\/metal-cp/);
      expect(detail).toMatch(/depends on\s+shoot ops\/metal-cp \(its workers; shoots pane\)/);
      expect(detail).toMatch(/Databases and their backups \(4\)/);
      expect(detail).toMatch(/metal-db\s+rethinkdb\s+newest \d+s ago/);
      expect(detail).toMatch(/etcd-main\s+etcd/);
    } finally {
      await app.stop();
    }
  });

  it('when k3s is lost the initial planes are DOWN with their findings, and Enter on such a finding jumps to the plane', async () => {
    const app = await setupApp({ columns: 80, rows: 24, minutes: 3, scenario: 'k3s-lost' });
    try {
      await app.write('7');
      const list = await app.waitFor(/Control planes \(5\)/);
      expect(list).toMatch(/7 \w+ X\]/);
      expect(list).toMatch(/X k3s\s+initial node bootstrap\s+DOWN\s+1\s+\S+\s+1/);
      expect(list).toMatch(/X initial metal-stack\s+initial k3s\s+DOWN/);
      expect(list).toMatch(/ {2}nested metal-stack\s+nested\s+shoot ops\/metal-cp\s+up/);
      // From the overview: the finding about the initial metal-stack leads to its row, and Enter there to its detail.
      await app.write('1');
      await app.waitFor(/\[1 Overview/);
      for (let i = 0; i < 6 && !/>X CRIT control-planes control plane initial metal-stack/.test(app.screen()); i++) await app.write('j');
      await app.write('\r');
      const jumped = await app.waitFor(/Control planes \(5\)/);
      expect(jumped).toMatch(/>X initial metal-stack/);
      await app.write('\r');
      const detail = await app.waitFor(/Control plane initial metal-stack/);
      expect(detail).toMatch(/state\s+DOWN: k3s cluster unreachable/);
      expect(detail).toMatch(/Findings \(1\)/);
      expect(detail).toMatch(/-> its host k3s is down too: bring that back first/);
    } finally {
      await app.stop();
    }
  });
});
