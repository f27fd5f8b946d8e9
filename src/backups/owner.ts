import type { BackupComponent } from '../model/backup';
import type { ControlPlane } from '../model/control-plane';

/**
 * Whether a backup component holds data of this control plane: its owner names the plane ("initial metal-stack",
 * "k3s"), or the shoot that hosts it ("ops/metal-cp": a shoot owns what it hosts, its own etcd too). k3s owns its
 * etcd only, not the planes it hosts. One rule for the incident scope and the control-planes pane.
 */
export function ownsBackup(plane: Pick<ControlPlane, 'name' | 'hostedOn'>, c: Pick<BackupComponent, 'owner'>): boolean {
  return plane.name === c.owner || (c.owner.includes('/') && plane.hostedOn === c.owner);
}
