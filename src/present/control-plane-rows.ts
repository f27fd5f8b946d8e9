import { ownsBackup } from '../backups/owner';
import type { Finding } from '../health/finding';
import type { BackupComponent } from '../model/backup';
import type { ControlPlane } from '../model/control-plane';
import type { RackSnapshot } from '../model/snapshot';
import type { EpochMs } from '../model/time';
import { formatAge } from '../text/format-age';
import { type Column, makeRow, type Row, type RowSet, type Tone } from './rows';

/**
 * The control-planes pane: MEP-18's chain, one row per control plane in the order it is built (k3s, the initial
 * metal-stack and Gardener on it, then the nested "Matryoshka" ones on their shoots), with where each runs, whether
 * it answers, its databases and their newest backup, and how many findings are about it. The name, where it runs
 * and its state are never cut.
 */
export const CONTROL_PLANE_COLUMNS: readonly Column[] = [
  // No flex column: five short rows read better with the spare width at the right than inside the name column.
  { title: 'CONTROL PLANE', width: 24, keep: true },
  { title: 'LAYER', width: 7, drop: 3 },
  { title: 'RUNS ON', width: 18, keep: true },
  { title: 'STATE', width: 8, keep: true },
  // How many databases hold its state (ready/total where its cluster is read), and the stalest newest backup of them.
  { title: 'DBS', width: 5, align: 'right', drop: 2 },
  { title: 'BACKUP', width: 10, align: 'right', drop: 1 },
  { title: 'FINDINGS', width: 8, align: 'right' },
];

/** Where it runs, as an operator says it: the bootstrap node for k3s, k3s for the initial layer, a shoot for the nested. */
export function runsOn(p: ControlPlane, s: Pick<RackSnapshot, 'topology'>): string {
  if (p.hostedOn === 'k3s' && p.id !== 'k3s') return 'k3s';
  if (p.hostedOn === p.id || p.id === 'k3s') {
    // A rack read without the topology knows no node by name: the role says where.
    const bootstrap = s.topology.nodes.find((n) => n.role === 'bootstrap');
    return bootstrap ? `node ${bootstrap.name}` : 'bootstrap node';
  }
  return `shoot ${p.hostedOn}`;
}

/** Its database workloads (read from its cluster), and how many of them have a ready replica. */
function databaseWorkloads(p: ControlPlane) {
  const dbs = (p.workloads ?? []).filter((w) => w.database);
  return { total: dbs.length, ready: dbs.filter((w) => w.ready > 0 || w.desired === 0).length };
}

/** "up", "DOWN", "starting", or "DB DOWN" when it answers but a database does not (the simulated rack says why). */
export function planeState(p: ControlPlane): { text: string; tone?: Tone } {
  const dbs = databaseWorkloads(p);
  if (!p.reachable) {
    if (p.message?.startsWith('starting')) return { text: 'starting', tone: 'warning' };
    // The simulated rack reports a plane whose database is stopped or restoring as not answering, with why.
    if (p.message?.startsWith('database ')) return { text: 'DB DOWN', tone: 'critical' };
    return { text: 'DOWN', tone: 'critical' };
  }
  if (dbs.ready < dbs.total) return { text: 'DB DOWN', tone: 'critical' };
  return { text: 'up' };
}

/** The backup components holding its data (the same owner rule the incident scope uses). */
export function planeBackups(p: ControlPlane, backups: readonly BackupComponent[]): BackupComponent[] {
  return backups.filter((b) => ownsBackup(p, b));
}

/**
 * Findings about this plane: itself, its cluster's nodes, workloads and pods ("<plane id>/…"), an etcd of the
 * cluster it is (k3s, or the shoot a cluster entry stands for), and the backups of its data.
 */
export function planeFindings(p: ControlPlane, findings: readonly Finding[], backups: readonly BackupComponent[]): Finding[] {
  const owned = new Set(planeBackups(p, backups).map((b) => b.id));
  return findings.filter((f) => {
    const { kind, id } = f.subject;
    if (kind === 'control-plane') return id === p.id;
    if (kind === 'cluster-node' || kind === 'workload' || kind === 'pod') {
      return id.startsWith(`${p.id}/`) || (p.kind === 'k3s' && p.hostedOn !== p.id && id.startsWith(`${p.hostedOn}/`));
    }
    if (kind === 'backup' || kind === 'backup-version') return owned.has(id);
    return false;
  });
}

/** The plane a control-plane-area finding is about, for Enter's jump (undefined: none known). */
export function planeOfSubject(subject: Finding['subject'], planes: readonly ControlPlane[]): ControlPlane | undefined {
  if (subject.kind === 'control-plane') return planes.find((p) => p.id === subject.id);
  if (subject.kind !== 'cluster-node' && subject.kind !== 'workload' && subject.kind !== 'pod') return undefined;
  // The longest id that prefixes the subject's: "initial-metal-stack/…" before "k3s/…".
  const byId = planes.filter((p) => subject.id.startsWith(`${p.id}/`)).sort((a, b) => b.id.length - a.id.length)[0];
  return byId ?? planes.find((p) => p.kind === 'k3s' && subject.id.startsWith(`${p.hostedOn}/`));
}

const TONE_RANK: Record<Tone, number> = { critical: 0, warning: 1, info: 2, muted: 3, ok: 4 };

/** The stalest of its databases' newest backups: the one a restore now would lose the most data from. */
export function stalestBackup(owned: readonly BackupComponent[], now: EpochMs): string {
  if (owned.length === 0) return '-';
  if (owned.some((b) => b.versions.length === 0)) return 'never';
  const oldest = Math.min(...owned.map((b) => b.versions[0]?.time ?? now));
  return formatAge(now - oldest);
}

export function controlPlaneRows(s: RackSnapshot, findings: readonly Finding[]): RowSet {
  const rows: Row[] = s.controlPlanes.map((p) => {
    const state = planeState(p);
    const owned = planeBackups(p, s.backups);
    const mine = planeFindings(p, findings, s.backups);
    const worst = mine.some((f) => f.severity === 'critical') ? 'critical' : mine.some((f) => f.severity === 'warning') ? 'warning' : undefined;
    const tone = [state.tone, worst].filter((t): t is Tone => t !== undefined).sort((a, b) => TONE_RANK[a] - TONE_RANK[b])[0];
    const dbs = databaseWorkloads(p);
    // Read from the cluster where it can be (ready/total); the simulated rack knows them by their backups only.
    const databases = dbs.total > 0 ? `${dbs.ready}/${dbs.total}` : owned.length > 0 ? String(owned.length) : '-';
    const paused = owned.some((b) => b.paused) ? ' paused' : '';
    return makeRow(
      p.id,
      [p.name, p.layer, runsOn(p, s), state.text, databases, `${stalestBackup(owned, s.takenAt)}${paused}`, String(mine.length)],
      tone,
      [p.kind, p.hostedOn, ...owned.map((b) => b.name)],
    );
  });
  return { columns: CONTROL_PLANE_COLUMNS, rows };
}
