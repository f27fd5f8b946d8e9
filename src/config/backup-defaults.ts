/** Defaults of `backups:` (the mini-rack's layout) and what can be derived from an entry, shared by schema and resolver. */
import type { BackupTool, DATABASES } from '../model/backup';
import { HOUR, MINUTE, type Millis, SECOND } from '../model/time';

/** Per tool: its schedule's default, the versions it keeps by default, and whose data it usually is. */
export const TOOL_DEFAULTS: Readonly<Record<BackupTool, { schedule: string; every: Millis; versionsKept: number; owner?: string }>> = {
  // backup-restore-sidecar: --backup-cron-schedule */3, --object-max-keep 20; the initial control plane's databases.
  'backup-restore-sidecar': { schedule: '*/3 * * * *', every: 3 * MINUTE, versionsKept: 20, owner: 'initial metal-stack' },
  // k3s: --etcd-snapshot-schedule-cron "0 */12 * * *", --etcd-snapshot-retention 5.
  'k3s-etcd-snapshot': { schedule: '0 */12 * * *', every: 12 * HOUR, versionsKept: 5, owner: 'k3s' },
  'etcd-backup-restore': { schedule: '0 * * * *', every: HOUR, versionsKept: 24 },
};

export const BACKUP_DEFAULTS = { region: 'us-east-1', pathStyle: true, interval: MINUTE, timeout: 10 * SECOND } as const;

/** The mini-rack's own networks (underlay, machines, management; the router's LAN): a store there dies with it. */
export const DEFAULT_RACK_NETWORKS: readonly string[] = ['10.0.0.0/8', '192.168.1.0/24'];

/** metal-db is metal-api's rethinkdb; the other metal-stack databases of the sidecar are postgres. */
export function defaultDatabase(tool: BackupTool, id: string): (typeof DATABASES)[number] | undefined {
  if (tool !== 'backup-restore-sidecar') return 'etcd';
  if (/metal-db/.test(id)) return 'rethinkdb';
  if (/masterdata|ipam|auditing|headscale/.test(id)) return 'postgres';
  return undefined;
}

/** The period of the simple cron forms ("*\/3 * * * *", "0 * * * *", "0 *\/12 * * *", "0 0 * * *"); else undefined. */
export function cronPeriod(cron: string): Millis | undefined {
  const [min, hour, dom, mon, dow] = cron.split(' ');
  if (dom !== '*' || mon !== '*' || dow !== '*') return undefined;
  const step = (f: string | undefined) => (f === '*' ? 1 : /^\*\/\d+$/.test(f ?? '') ? Number(f?.slice(2)) : undefined);
  const fixed = (f: string | undefined) => /^\d+$/.test(f ?? '');
  if (hour === '*' && step(min)) return (step(min) as number) * MINUTE;
  if (fixed(min) && step(hour)) return (step(hour) as number) * HOUR;
  if (fixed(min) && fixed(hour)) return 24 * HOUR;
  return undefined;
}

