/**
 * The recovery lab: the S3 lab's real radosgw (a versioned bucket) and the kube lab's real kube-apiserver, with the
 * initial cluster's metal-db as the runbooks place it (StatefulSet metal-db in metal-control-plane, claim
 * metal-db-metal-db-0), a kubelet stand-in playing the controllers and kubelet, and a sidecar stand-in playing
 * backup-restore-sidecar on a temp directory that stands for the claim's volume. `configFile()` writes a rackpilot
 * config (mode real) whose `kubernetes:` and `backups:` sections point at both; credentials by variable names only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { type Availability, type KubeLab, kubeLabAvailability, namespaceObject, pvcObject, startKubeLab, statefulSetObject } from '../kube/harness';
import { startKubeletStandIn } from '../kube/kubelet-stand-in';
import { ACCESS, type S3Lab, SECRET, s3LabAvailability, startS3Lab } from '../s3/harness';
import { type SidecarStandIn, startSidecarStandIn } from './sidecar-stand-in';

export const NS = 'metal-control-plane';
export const BUCKET = 'metal-backups';
export const STATEFUL_SET = 'metal-db';
export const COMPONENT = 'initial-metal-db';
/** The variables the config names for the S3 keys, and their values for a CLI run. */
export const S3_ENV = { LAB_AK: ACCESS, LAB_SK: SECRET };
export { SECRET };

export interface RecoveryLab {
  readonly s3Lab: S3Lab;
  readonly kubeLab: KubeLab;
  /** The lab's own S3 client (not the product's), for setting up and reading back. */
  readonly s3: S3Client;
  readonly sidecar: SidecarStandIn;
  readonly dir: string;
  /** Writes a config for rackpilot at `name` in the lab dir; returns its path. */
  configFile(name: string, extra?: string): string;
  stop(): Promise<void>;
}

export async function recoveryLabAvailability(): Promise<Availability> {
  const [s3, kube] = await Promise.all([s3LabAvailability(), kubeLabAvailability()]);
  if (!s3.ok) return s3;
  return kube;
}

export interface RecoveryLabOptions {
  /** How often the sidecar stand-in uploads while its pod runs. */
  readonly uploadEvery: number;
  /** How long after it appears the kubelet stand-in makes the pod Ready. */
  readonly readyAfter?: number;
}

export async function startRecoveryLab(o: RecoveryLabOptions): Promise<RecoveryLab> {
  const [s3Lab, kubeLab] = await Promise.all([startS3Lab(), startKubeLab({ name: 'recovery' })]);
  const s3 = new S3Client({ endpoint: s3Lab.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: ACCESS, secretAccessKey: SECRET } });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: 'Enabled' } }));
  const k = kubeLab.client;
  await k.create('namespaces', namespaceObject(NS));
  // Stopped until the test has written the history it wants; the test scales it to 1.
  await k.create('statefulsets', statefulSetObject(NS, STATEFUL_SET, 0));
  await k.create('persistentvolumeclaims', pvcObject(NS, `${STATEFUL_SET}-${STATEFUL_SET}-0`));
  const kubelet = startKubeletStandIn(k, NS, STATEFUL_SET, o.readyAfter ?? 500);
  const dir = join(kubeLab.dir, 'recovery');
  mkdirSync(dir, { recursive: true });
  const sidecar = startSidecarStandIn({ kube: k, namespace: NS, statefulSet: STATEFUL_SET, s3, bucket: BUCKET, prefix: STATEFUL_SET, dataDir: join(dir, 'pvc-data'), uploadEvery: o.uploadEvery });
  const configFile = (name: string, extra = '') => {
    const file = join(dir, name);
    writeFileSync(
      file,
      [
        'mode: real',
        'rack: { name: recovery-lab }',
        'kubernetes:',
        `  kubeconfig: ${kubeLab.kubeconfigPath}`,
        '  initial: lab',
        '  interval: 1s',
        '  requestTimeout: 3s',
        'backups:',
        `  - { id: ${COMPONENT}, name: ${STATEFUL_SET}, owner: "initial metal-stack", endpoint: "${s3Lab.endpoint}", bucket: ${BUCKET}, prefix: ${STATEFUL_SET}, accessKeyIdEnv: LAB_AK, secretAccessKeyEnv: LAB_SK, interval: 1s }`,
        extra,
      ].join('\n'),
    );
    return file;
  };
  const stop = async () => {
    await Promise.allSettled([sidecar.stop(), kubelet.stop()]);
    s3.destroy();
    await Promise.allSettled([s3Lab.stop(), kubeLab.stop()]);
  };
  return { s3Lab, kubeLab, s3, sidecar, dir, configFile, stop };
}
