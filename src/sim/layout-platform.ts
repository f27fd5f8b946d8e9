import type { BackupStore } from '../model/backup';
import { HOUR, MINUTE, SECOND } from '../model/time';
import { shortHex } from './ids';
import type { BackupSpec, ControlPlaneSpec, ShootSpec } from './layout-types';
import type { Rng } from './rng';

/** MEP-18's two layers: k3s hosts the initial control planes, the ops shoots host the nested ones. */
export const CONTROL_PLANES: readonly ControlPlaneSpec[] = [
  { id: 'k3s', name: 'k3s', kind: 'k3s', layer: 'initial', hostedOn: 'k3s', endpoint: 'https://192.168.1.20:6443' },
  {
    id: 'initial-metal-stack',
    name: 'initial metal-stack',
    kind: 'metal-stack',
    layer: 'initial',
    hostedOn: 'k3s',
    endpoint: 'https://api.initial.metal-stack.local/metal',
  },
  {
    id: 'initial-gardener',
    name: 'initial Gardener',
    kind: 'gardener',
    layer: 'initial',
    hostedOn: 'k3s',
    endpoint: 'https://gardener-api.initial.metal-stack.local',
  },
  {
    id: 'nested-metal-stack',
    name: 'nested metal-stack',
    kind: 'metal-stack',
    layer: 'nested',
    hostedOn: 'ops/metal-cp',
    endpoint: 'https://api.metal-stack.local/metal',
  },
  {
    id: 'nested-gardener',
    name: 'nested Gardener',
    kind: 'gardener',
    layer: 'nested',
    hostedOn: 'ops/garden-cp',
    endpoint: 'https://gardener-api.metal-stack.local',
  },
];

/** All backups go to one external bucket: they must survive the loss of the whole rack. */
const STORE: Omit<BackupStore, 'prefix'> = {
  provider: 's3',
  endpoint: 'https://objects.external.example',
  bucket: 'mini-rack-backups',
  region: 'eu-central-1',
  outsideRack: true,
  versioning: 'Enabled',
};

const KB = 1024;
const MB = 1024 * KB;
/** backup-restore-sidecar defaults: every 3 minutes, object-max-keep 20. */
const SIDECAR = { schedule: '*/3 * * * *', interval: 3 * MINUTE, versionsKept: 20 } as const;

type DbSpec = Pick<BackupSpec, 'name' | 'database' | 'baseSize' | 'growth' | 'jitter'>;

/** The three databases of a metal-stack control plane, each with its own sidecar. */
function metalStackDbs(metalDbSize: number): DbSpec[] {
  return [
    { name: 'metal-db', database: 'rethinkdb', baseSize: metalDbSize, growth: 600, jitter: 3 * KB },
    { name: 'masterdata-db', database: 'postgres', baseSize: Math.round(1.35 * MB), growth: 40, jitter: 400 },
    { name: 'ipam-db', database: 'postgres', baseSize: 640 * KB, growth: 20, jitter: 300 },
  ];
}

export function buildBackups(shoots: readonly ShootSpec[], machineCount: number, rng: Rng): BackupSpec[] {
  const out: BackupSpec[] = [];
  const upload = (size: number) => Math.min(20 * SECOND, SECOND + Math.round(size / (8 * MB)) * SECOND);
  const sidecar = (db: DbSpec, idPrefix: string, prefix: string, owner: string, cp: string): BackupSpec => ({
    ...db,
    id: `${idPrefix}${db.name}`,
    tool: 'backup-restore-sidecar',
    owner,
    store: { ...STORE, prefix: `${prefix}${db.name}/` },
    policy: SIDECAR,
    host: { kind: 'control-plane', id: cp },
    phase: 0,
    uploadTime: upload(db.baseSize),
  });
  const metalDb = Math.round(17.1 * MB + machineCount * 280 * KB);
  for (const db of metalStackDbs(metalDb)) out.push(sidecar(db, 'initial-', '', 'initial metal-stack', 'initial-metal-stack'));
  out.push({
    id: 'k3s-etcd',
    name: 'k3s etcd',
    database: 'etcd',
    tool: 'k3s-etcd-snapshot',
    owner: 'k3s',
    store: { ...STORE, prefix: 'k3s-etcd/' },
    policy: { schedule: '0 */6 * * *', interval: 6 * HOUR, versionsKept: 5 },
    host: { kind: 'control-plane', id: 'k3s' },
    baseSize: 46 * MB,
    growth: 40 * KB,
    jitter: 200 * KB,
    phase: 0,
    uploadTime: upload(46 * MB),
  });
  const nestedDb = Math.round(4.2 * MB + machineCount * 120 * KB);
  for (const db of metalStackDbs(nestedDb)) {
    out.push(sidecar({ ...db, baseSize: Math.round(db.baseSize * 0.7) }, 'nested-', 'nested-metal-stack/', 'ops/metal-cp', 'nested-metal-stack'));
  }
  out.push(etcd('virtual-garden-etcd', 'virtual-garden etcd', 'ops/garden-cp', 'virtual-garden-etcd/v2/', { kind: 'control-plane', id: 'nested-gardener' }, 31 * MB, rng));
  for (const shoot of shoots) {
    const prefix = `${shoot.technicalId}--${shortHex(rng, 8)}/v2/`;
    const size = rng.int(12 * MB, 26 * MB);
    // Named as Gardener names it; the owner (the shoot) tells two shoots' etcd-main apart, as it does the metal-dbs.
    out.push(etcd(`etcd-${shoot.project}-${shoot.name}`, 'etcd-main', shoot.key, prefix, { kind: 'shoot', key: shoot.key }, size, rng));
  }
  return out;

  function etcd(id: string, name: string, owner: string, prefix: string, host: BackupSpec['host'], size: number, r: Rng): BackupSpec {
    // Gardener spreads full snapshots over the hour; each etcd has its own minute.
    const minute = r.int(0, 59);
    return {
      id,
      name,
      database: 'etcd',
      tool: 'etcd-backup-restore',
      owner,
      store: { ...STORE, prefix },
      policy: { schedule: `${minute} * * * *`, interval: HOUR, versionsKept: 24 },
      host,
      baseSize: size,
      growth: 20 * KB,
      jitter: 80 * KB,
      phase: minute * MINUTE,
      uploadTime: upload(size),
    };
  }
}
