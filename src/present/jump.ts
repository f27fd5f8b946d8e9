import type { Subject } from '../health/finding';
import type { RackSnapshot } from '../model/snapshot';
import type { PaneId } from './ui-state';

/** Where Enter on a finding takes the operator: the pane and the row id of its subject. */
export function jumpTarget(subject: Subject, snapshot: RackSnapshot): { pane: PaneId; id: string } | undefined {
  switch (subject.kind) {
    case 'node':
      return { pane: 'topology', id: subject.id };
    case 'link': {
      const link = snapshot.topology.links.find((l) => l.id === subject.id);
      return link ? { pane: 'topology', id: link.a.node } : { pane: 'topology', id: subject.id };
    }
    case 'switch':
      return { pane: 'bgp', id: `switch/${subject.id}` };
    case 'bgp-session':
      return { pane: 'bgp', id: subject.id };
    case 'machine':
      return { pane: 'machines', id: subject.id };
    case 'shoot':
      return { pane: 'shoots', id: subject.id };
    case 'control-plane': {
      const cp = snapshot.controlPlanes.find((c) => c.id === subject.id);
      if (!cp) return undefined;
      if (cp.hostedOn === 'k3s') {
        const bootstrap = snapshot.topology.nodes.find((n) => n.role === 'bootstrap');
        return bootstrap ? { pane: 'topology', id: bootstrap.id } : undefined;
      }
      return { pane: 'shoots', id: cp.hostedOn };
    }
    case 'backup':
    case 'backup-version':
      return { pane: 'backups', id: subject.id };
    case 'cluster-node':
    case 'workload':
    case 'pod':
    case 'source':
      return undefined;
  }
}
