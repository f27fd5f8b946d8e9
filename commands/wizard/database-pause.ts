import type { BackupComponent } from '../../src/model/backup';
import type { Workload } from '../../src/model/control-plane';
import type { RackSnapshot } from '../../src/model/snapshot';

/**
 * On a real rack a backup component is paused (fenced) when its database is not running: its StatefulSet, as the
 * control-plane source reads it, wants 0 replicas or has none ready. A stopped database uploads nothing, which is
 * what the recovery's fence and restore steps check. The S3 source alone cannot know this; a component whose
 * StatefulSet is not in the rack data keeps what its source said.
 */
export function withDatabasePause(s: RackSnapshot): RackSnapshot {
  let changed = false;
  const backups = s.backups.map((b) => {
    const w = statefulSetOf(s, b);
    if (!w) return b;
    const paused = w.desired === 0 || w.ready === 0;
    if (paused === b.paused) return b;
    changed = true;
    return { ...b, paused };
  });
  return changed ? { ...s, backups } : s;
}

/** The StatefulSet named after the component in the control plane that owns it (e.g. metal-db in initial metal-stack). */
function statefulSetOf(s: RackSnapshot, b: BackupComponent): Workload | undefined {
  const plane = s.controlPlanes.find((c) => c.name === b.owner);
  return plane?.workloads?.find((w) => w.kind === 'StatefulSet' && w.name === b.name);
}
