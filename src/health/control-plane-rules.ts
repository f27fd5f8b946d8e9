import type { ControlPlane } from '../model/control-plane';
import type { RackObservation } from '../model/snapshot';
import type { Finding } from './finding';
import { clusterFindings, etcdFindings } from './cluster-rules';
import { ago, finding, oneLine } from './make-finding';

export function controlPlaneRules(snapshot: RackObservation): Finding[] {
  return [
    ...unreachable(snapshot),
    ...snapshot.controlPlanes.filter((p) => p.reachable).flatMap((p) => clusterFindings(p, snapshot.takenAt)),
    ...snapshot.etcds.flatMap((e) => etcdFindings(e, snapshot.takenAt)),
  ];
}

function unreachable(snapshot: RackObservation): Finding[] {
  const planes = snapshot.controlPlanes;
  const down = new Set(planes.filter((p) => !p.reachable).map((p) => p.id));
  return planes
    .filter((p) => !p.reachable)
    .map((p) => {
      const why = p.message ? `: ${oneLine(p.message)}` : '';
      return finding(
        'control-plane-unreachable',
        'critical',
        'control-planes',
        { kind: 'control-plane', id: p.id, label: p.name },
        `${p.name.startsWith(p.layer) ? `control plane ${p.name}` : `${p.layer} control plane ${p.name}`}${p.hostedOn === p.id ? '' : ` (on ${p.hostedOn})`} is not reachable${why}; last seen ${ago(snapshot.takenAt, p.lastSeen)}`,
        hint(p, down),
      );
    });
}

/** MEP-18: the two layers fail differently, so the next step depends on which one is gone. */
function hint(p: ControlPlane, down: ReadonlySet<string>): string {
  // Its host is itself a control plane that is down: fix the host first, this one follows.
  if (p.hostedOn !== p.id && down.has(p.hostedOn)) return `its host ${p.hostedOn} is down too: bring that back first`;
  if (p.layer === 'initial') {
    return 'production (nested) control planes and shoots keep running; restore k3s on the bootstrap node, and check its backups restored real data, not a new empty backup';
  }
  return `check the hosting shoot ${p.hostedOn} (shoots pane) and its workers; the initial layer can recreate it`;
}
