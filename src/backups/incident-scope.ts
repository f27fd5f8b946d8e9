import type { BackupComponent } from '../model/backup';
import { shootKey } from '../model/shoot';
import type { RackObservation } from '../model/snapshot';
import { ownsBackup } from './owner';

/**
 * Whether an incident touches a backup component now: the control plane that owns its database (by name, or the
 * shoot it is hosted on) is unreachable or has a database workload down, or the shoot of that name is not
 * healthy. A version written after the incident started is suspect only then: a planned reboot that is over, or a
 * nested database that never noticed the incident, keeps backing up good data. Where nothing reports control
 * planes or shoots (a rack read without Kubernetes), every component counts as touched, as before.
 */
export function incidentTouches(o: Pick<RackObservation, 'controlPlanes' | 'shoots' | 'domains'>): (c: BackupComponent) => boolean {
  if (!o.domains.includes('controlPlanes') && !o.domains.includes('shoots')) return () => true;
  // Shoots by "project/name", indexed once per judgement: a search per component built a key for every shoot
  // (1,253 components × 1,250 shoots at 10,000 machines: 14 MB of strings each snapshot of an incident).
  let unhealthyShoots: ReadonlySet<string> | undefined;
  return (c) => {
    const planes = o.controlPlanes.filter((p) => ownsBackup(p, c));
    if (planes.some((p) => !p.reachable || (p.workloads ?? []).some((w) => w.database && w.ready < w.desired))) return true;
    unhealthyShoots ??= new Set(o.shoots.filter((s) => s.conditions.some((x) => x.status !== 'True')).map(shootKey));
    return unhealthyShoots.has(c.owner);
  };
}
