import type { KubeApi } from '../../clients/kube/kube-api';
import type { Millis } from '../../model/time';
import type { RealCall } from '../engine/calls';

type KubeCall = Extract<RealCall, { kind: 'kube' }>;

export interface KubeCallIo {
  readonly signal: AbortSignal;
  readonly output: (line: string) => void;
  /** Waits and deletions without their own `timeout` argument. */
  readonly defaultTimeout: Millis;
  readonly pollEvery?: Millis;
}

/**
 * One kube call through the Kubernetes client (loaded here on first use): what `kubectl` would do for the same
 * words, with the call's context already resolved. Throws a one-line error; an exec gives its exit code (its
 * output lines go to `io.output` as they arrive, which the executor redacts).
 */
export async function runKubeCall(api: KubeApi, call: KubeCall, io: KubeCallIo): Promise<number | undefined> {
  const ops = await import('../../clients/kube/kube-objects');
  const o = { resource: call.resource, namespace: call.namespace, name: call.name };
  const a = call.args ?? {};
  const wait = { timeout: a.timeout === undefined ? io.defaultTimeout : parseDuration(a.timeout), signal: io.signal, ...(io.pollEvery ? { pollEvery: io.pollEvery } : {}) };
  switch (call.verb) {
    case 'scale':
      if (call.resource !== 'statefulset') throw new Error(`scale works on a statefulset, not a ${call.resource}`);
      await ops.scaleStatefulSet(api, o, Number(a.replicas), io.signal);
      io.output(`${ops.objectName(o)} scaled to ${a.replicas}`);
      return;
    case 'delete': {
      const r = await ops.deleteObject(api, o, wait);
      io.output(r === 'already-gone' ? `${ops.objectName(o)} was already gone: nothing to delete` : `${ops.objectName(o)} deleted`);
      return;
    }
    case 'wait':
      await ops.waitFor(api, o, String(a.for ?? ''), wait);
      io.output(`${ops.objectName(o)}: ${a.for === 'delete' ? 'gone' : String(a.for).replace(/^condition=/, '')}`);
      return;
    case 'annotate':
      await ops.annotate(api, o, String(a.annotation ?? ''), io.signal);
      io.output(`${ops.objectName(o)} annotated ${a.annotation}`);
      return;
    case 'exec': {
      if (call.resource !== 'pod') throw new Error(`exec works on a pod, not a ${call.resource}`);
      if (!call.command?.length) throw new Error('exec without a command: nothing to run');
      const r = await api.exec({ namespace: call.namespace, pod: call.name, ...(call.container ? { container: call.container } : {}), command: call.command, timeout: wait.timeout, signal: io.signal, onLine: io.output });
      return r.exitCode;
    }
  }
}

const UNIT: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A kubectl (Go) duration: `90s`, `5m`, `1h30m`. */
export function parseDuration(value: string | number): Millis {
  const text = String(value);
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) throw new Error(`timeout "${text}" is not a duration like 90s, 5m or 1h30m`);
  return parts.reduce((sum, p) => sum + Number(p[1]) * (UNIT[p[2] as string] ?? 0), 0);
}
