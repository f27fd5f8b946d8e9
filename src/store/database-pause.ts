import type { BackupComponent, BackupFence } from '../model/backup';
import type { Workload } from '../model/control-plane';
import type { RackObservation } from '../model/snapshot';

type Observed = Pick<RackObservation, 'backups' | 'controlPlanes'>;

/**
 * On a real rack a backup component is paused (fenced) when its database is not running: its StatefulSet, as the
 * control-plane source reads it, wants 0 replicas or has none ready. A stopped database uploads nothing, which is
 * what the recovery's fence and restore steps check. When a rackpilot run's journal says that run stopped it and
 * did not start it again, the fence names that run (`pausedBy`), so an operator back after a crash sees who
 * fenced what since when. The S3 source alone cannot know any of this; a component whose StatefulSet is not in
 * the rack data keeps what its source said. The store applies this to every observation of a real rack, so panes,
 * `status` and the wizards see the same.
 */
export function withDatabasePause<T extends Observed>(s: T, fences: readonly BackupFence[] = []): T {
  let changed = false;
  const backups = s.backups.map((b) => {
    const w = statefulSetOf(s, b);
    if (!w) return b;
    const paused = w.desired === 0 || w.ready === 0;
    const pausedBy = paused ? newestFence(fences, b.id) : undefined;
    if (paused === b.paused && pausedBy === b.pausedBy) return b;
    changed = true;
    const { pausedBy: _old, ...rest } = b;
    return { ...rest, paused, ...(pausedBy ? { pausedBy } : {}) };
  });
  return changed ? { ...s, backups } : s;
}

function newestFence(fences: readonly BackupFence[], componentId: string): BackupFence | undefined {
  let newest: BackupFence | undefined;
  for (const f of fences) if (f.componentId === componentId && (!newest || f.since > newest.since)) newest = f;
  return newest;
}

/** The StatefulSet named after the component in the control plane that owns it (e.g. metal-db in initial metal-stack). */
function statefulSetOf(s: Observed, b: BackupComponent): Workload | undefined {
  const plane = s.controlPlanes.find((c) => c.name === b.owner);
  return plane?.workloads?.find((w) => w.kind === 'StatefulSet' && w.name === b.name);
}
