import type { Millis } from '../../model/time';
import { quoteArg } from '../../shell-quote';
import { redactArgv, redactLine } from './audit';

/**
 * What an action does, said twice on purpose: `Effect` in the rack's terms (the simulated rack performs it, the
 * end-of-run summary reads what is still changed), `RealCall` as the argv arrays and API calls a real executor
 * runs, in order. The operator sees the calls before anything runs; the audit log records both.
 */
export type Effect =
  /** Machines (or the bootstrap node) power on and PXE-boot. */
  | { readonly op: 'power-on'; readonly ids: readonly string[] }
  /** The bootstrap node is re-installed with k3s; its scheduled etcd snapshots stay off until resumed. */
  | { readonly op: 'reprovision-bootstrap'; readonly id: string; readonly snapshotsOf: string }
  /** The database (StatefulSet scaled to 0) and its backups stop: nothing new is uploaded. */
  | { readonly op: 'stop-database'; readonly component: string }
  /** A stopped database starts; on an empty data directory its sidecar restores the newest version first. */
  | { readonly op: 'start-database'; readonly component: string }
  /** A chosen older version is copied onto the same key, so it becomes the newest one. */
  | { readonly op: 'promote-version'; readonly component: string; readonly versionId: string }
  /** The data directory of the stopped database is deleted (its PVC), so the next start restores. */
  | { readonly op: 'clear-data'; readonly component: string }
  /** Snapshots newer than the chosen one are moved aside, so the chosen one is the newest a restore finds. */
  | { readonly op: 'set-aside-newer'; readonly component: string; readonly versionId: string }
  /** A named snapshot is restored into a stopped cluster (k3s --cluster-reset). */
  | { readonly op: 'restore-snapshot'; readonly component: string; readonly versionId: string }
  /** Scheduled snapshots (k3s) stop or start again. */
  | { readonly op: 'pause-backups' | 'resume-backups'; readonly component: string }
  /** Nothing changes: the action waits for or checks something (the step's verify follows it on the sim). */
  | { readonly op: 'none' }
  /** Waits this long on the run's clock. */
  | { readonly op: 'wait'; readonly ms: Millis };

export type KubeVerb = 'scale' | 'delete' | 'wait' | 'annotate' | 'exec';

export type RealCall =
  /** A local tool (ssh, ansible-playbook, metalctl), run with execa from an argument array: never a shell string. */
  | { readonly kind: 'command'; readonly argv: readonly string[]; readonly timeout?: Millis }
  /** A Kubernetes API call in a kubeconfig context; shown as the kubectl command that does the same. */
  | {
      readonly kind: 'kube';
      readonly context: string;
      readonly namespace: string;
      readonly verb: KubeVerb;
      readonly resource: 'statefulset' | 'persistentvolumeclaim' | 'pod' | 'etcd' | 'node';
      readonly name: string;
      /** scale: replicas; wait: for (condition=Ready, delete) and timeout; annotate: key=value or key-; exec: timeout */
      readonly args?: Readonly<Record<string, string | number>>;
      /**
       * exec (on a pod): the program and its arguments run in the container, an argument array, never a shell string
       * (a script goes visibly as `sh -c SCRIPT`); a non-zero exit code fails the call.
       */
      readonly command?: readonly string[];
      /** exec: the container; the pod's default one when absent. */
      readonly container?: string;
    }
  /** An S3 call; shown as the aws s3api command that does the same. Credentials never appear here. */
  | {
      readonly kind: 's3';
      /**
       * copy-version: an older version onto the same key; copy-object: to another key; then delete/head.
       * check-versions: the versions of the key listed live before a change: `versionId` (the chosen one) must still
       * be there and nothing but a copy of it may be newer than `newestSeen` (the newest when it was chosen).
       */
      readonly op: 'copy-version' | 'copy-object' | 'delete-object' | 'head-object' | 'check-versions';
      readonly endpoint: string;
      readonly bucket: string;
      readonly key: string;
      readonly versionId?: string;
      /** Object metadata of a copy: names the source version, so the copy says where its data came from. */
      readonly metadata?: Readonly<Record<string, string>>;
      /** copy-object: the key the copy goes to. */
      readonly to?: string;
      /** check-versions: the newest version the operator saw when choosing. */
      readonly newestSeen?: string;
    }
  /** Something only a person can do (the power button of a machine without a BMC); the executor asks for it. */
  | { readonly kind: 'manual'; readonly instruction: string }
  /** An HTTP API (metal-api) polled until it answers. */
  | { readonly kind: 'http'; readonly service: 'metal-api'; readonly method: 'GET'; readonly path: string; readonly timeout: Millis };

/**
 * The exact thing a call does, as the operator reads it before it runs (screen, line mode, audit). Arguments a
 * shell would split are shown quoted so the text is unambiguous; nothing is ever run through a shell.
 */
export function callText(call: RealCall): string {
  switch (call.kind) {
    case 'command':
      // Never a secret on screen: whole arguments (--password=x, --token x), then inside one (-e db_password=x).
      return `$ ${redactArgv(call.argv).map(redactLine).map(quoteArg).join(' ')}`;
    case 'kube':
      return `$ ${kubectlArgv(call).map(quoteArg).join(' ')}`;
    case 's3':
      return `$ ${s3Argv(call).map(quoteArg).join(' ')}`;
    case 'manual':
      return `by hand: ${call.instruction}`;
    case 'http':
      return `${call.service} ${call.method} ${call.path} until it answers (at most ${call.timeout >= 60_000 ? `${Math.round(call.timeout / 60_000)} min` : `${Math.round(call.timeout / 1000)} s`})`;
  }
}

function kubectlArgv(c: Extract<RealCall, { kind: 'kube' }>): string[] {
  const head = ['kubectl', '--context', c.context, '-n', c.namespace];
  const a = c.args ?? {};
  switch (c.verb) {
    case 'scale':
      return [...head, 'scale', c.resource, c.name, `--replicas=${a.replicas}`];
    case 'delete':
      return [...head, 'delete', c.resource, c.name, '--wait=true'];
    case 'wait':
      return [...head, 'wait', `${c.resource}/${c.name}`, `--for=${a.for}`, `--timeout=${a.timeout}`];
    case 'annotate':
      return [...head, 'annotate', c.resource, c.name, String(a.annotation), '--overwrite'];
    case 'exec':
      // Never a secret on screen, as for a command call.
      return [...head, 'exec', c.name, ...(c.container ? ['-c', c.container] : []), '--', ...redactArgv(c.command ?? []).map(redactLine)];
  }
}

function s3Argv(c: Extract<RealCall, { kind: 's3' }>): string[] {
  const head = ['aws', 's3api', '--endpoint-url', c.endpoint];
  switch (c.op) {
    case 'copy-version': {
      const meta = Object.entries(c.metadata ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      return [...head, 'copy-object', '--bucket', c.bucket, '--key', c.key, '--copy-source', `${c.bucket}/${c.key}?versionId=${c.versionId}`, '--metadata-directive', 'REPLACE', '--metadata', meta];
    }
    case 'copy-object':
      return [...head, 'copy-object', '--bucket', c.bucket, '--key', c.to ?? '', '--copy-source', `${c.bucket}/${c.key}`];
    case 'delete-object':
      return [...head, 'delete-object', '--bucket', c.bucket, '--key', c.key];
    case 'head-object':
      return [...head, 'head-object', '--bucket', c.bucket, '--key', c.key];
    case 'check-versions':
      return [...head, 'list-object-versions', '--bucket', c.bucket, '--prefix', c.key];
  }
}
