import type { KubeApi } from '../../clients/kube/kube-api';
import type { MetalApi } from '../../clients/metal-api/metal-api';
import type { S3Store } from '../../clients/s3/s3-store';
import type { KubernetesConfig } from '../../config/kubernetes';
import { describeError } from '../../errors';
import { MINUTE, type Millis } from '../../model/time';
import { visibleText } from '../../text/visible-text';
import { redactCall, redactLine } from '../engine/audit';
import { callText, type RealCall } from '../engine/calls';
import type { ActionOutcome, Executor } from '../engine/types';
import { runKubeCall } from './kube-call';
import { kubeConnections, resolveContext } from './kube-targets';
import { runS3Call } from './s3-call';

export interface RealExecutorOptions {
  /** The rack config's `kubernetes:` section: kubeconfig files, request timeout, which context plays which part. */
  readonly kubernetes?: KubernetesConfig;
  /** For command calls without their own timeout (30 min: a playbook re-installing a node takes a while). */
  readonly commandTimeout?: Millis;
  /** For kube waits and deletions without a `timeout` argument (5 min). */
  readonly kubeTimeout?: Millis;
  /** How often a kube wait reads its object (1 s). */
  readonly pollEvery?: Millis;
  /** Replaces connecting through the kubeconfig (tests). */
  readonly connect?: (context: string) => Promise<KubeApi>;
  /**
   * The S3 client for a call's endpoint and bucket (the `backups:` component that names them, with its credentials);
   * absent: s3 calls fail without changing anything.
   */
  readonly s3?: (endpoint: string, bucket: string) => Promise<S3Store>;
  /** The metal-api client of the config's `metalApi:` (its auth and CA); absent: http calls fail saying so. */
  readonly metalApi?: () => Promise<MetalApi>;
  /** How often an http call asks again until it answers (3 s). */
  readonly httpPollEvery?: Millis;
}

type Io = Parameters<Executor['run']>[1];

/** How many of a failed command's last output lines its failure quotes. */
const LAST_LINES = 5;
interface CallResult {
  readonly ok: boolean;
  readonly exitCode?: number;
  readonly error?: string;
}

/**
 * Runs an action's real calls, in order, on the real rack: commands with execa (argv arrays, never a shell),
 * kube calls through the Kubernetes client (exec too), http calls polled through the metal-api client, s3 calls through the S3 client (the promote made idempotent, s3-call.ts). Before each call it writes the call as the operator saw it in the
 * plan (secrets redacted, the context resolved), so the screen and the audit log say what ran; every line a tool
 * prints is redacted the same way. The first failure stops the action with one line naming the call. The runner
 * journals each action before it runs, which is what keeps a resumed run from repeating a destructive one.
 */
export function createRealExecutor(options: RealExecutorOptions = {}): Executor {
  const k = options.kubernetes;
  const kube = kubeConnections(k, options.connect);
  const shown = (call: RealCall): string => visibleText(callText(redactShown(call.kind === 'kube' ? { ...call, context: resolveContext(k, call.context) } : call)));

  async function runCall(call: RealCall, io: Io): Promise<CallResult> {
    switch (call.kind) {
      case 'command': {
        const { runCommand } = await import('../../clients/process/run-command');
        const tool = toolOutput(io);
        const r = await runCommand({ argv: call.argv, timeout: call.timeout ?? options.commandTimeout ?? 30 * MINUTE, signal: io.signal, onLine: tool.onLine });
        return tool.explain(r);
      }
      case 'kube': {
        const api = await kube(resolveContext(k, call.context));
        // What runs in a container prints what it likes: redacted like a command's output, and quoted on failure.
        const tool = toolOutput(io);
        const kubeIo = { signal: io.signal, output: tool.onLine, defaultTimeout: options.kubeTimeout ?? 5 * MINUTE, ...(options.pollEvery ? { pollEvery: options.pollEvery } : {}) };
        const exitCode = await runKubeCall(api, call, kubeIo);
        if (exitCode === undefined) return { ok: true };
        return tool.explain(exitCode === 0 ? { ok: true, exitCode } : { ok: false, exitCode, error: `exit code ${exitCode}` });
      }
      case 's3': {
        if (!options.s3) return { ok: false, error: 'no S3 client for this run (no backups: component names this endpoint and bucket); nothing was changed in S3' };
        await runS3Call(await options.s3(call.endpoint, call.bucket), call, { signal: io.signal, output: (line) => io.output(visibleText(line)) });
        return { ok: true };
      }
      case 'manual':
        return { ok: false, error: 'steps done by hand are not supported by the real executor yet: do it, then skip this step' };
      case 'http': {
        if (!options.metalApi) return { ok: false, error: 'no metalApi: section in the config, so metal-api cannot be asked: add one, or check it by hand and skip this step' };
        const { pollHttp } = await import('./http-call');
        await pollHttp(await options.metalApi(), call, { signal: io.signal, output: (line) => io.output(visibleText(line)), every: options.httpPollEvery ?? 3000 });
        return { ok: true };
      }
    }
  }

  return {
    kind: 'real',
    async run(action, io): Promise<ActionOutcome> {
      let exitCode: number | undefined;
      for (const [i, call] of action.calls.entries()) {
        const text = shown(call);
        const which = `call ${i + 1}/${action.calls.length} (${text.replace(/^\$ /, '')})`;
        if (io.signal.aborted) return { ok: false, error: `${which}: cancelled before it started` };
        io.output(text);
        let r: CallResult;
        try {
          r = await runCall(call, io);
        } catch (error) {
          r = { ok: false, error: io.signal.aborted ? 'cancelled' : (describeError(error).split('\n')[0] ?? '') };
        }
        if (r.exitCode !== undefined) exitCode = r.exitCode;
        if (!r.ok) return { ok: false, ...(exitCode === undefined ? {} : { exitCode }), error: `${which}: ${visibleText(redactLine(r.error ?? 'failed'))}` };
      }
      return { ok: true, ...(exitCode === undefined ? {} : { exitCode }) };
    },
  };
}

/**
 * A tool's output lines (a process, a command in a pod), redacted and made visible on their way to the screen and
 * the audit log; the last lines a failed tool printed say why it failed, so they go with its exit code into the
 * failure.
 */
function toolOutput(io: Io) {
  const last: string[] = [];
  return {
    onLine(line: string) {
      const shown = visibleText(redactLine(line));
      io.output(shown);
      last.push(shown);
      if (last.length > LAST_LINES) last.shift();
    },
    explain(r: CallResult): CallResult {
      return r.ok || last.length === 0 ? r : { ...r, error: `${r.error ?? 'failed'}; last output: ${last.join(' | ')}` };
    },
  };
}

/** Redacted twice: whole arguments (--password=x, --token x), then secrets inside one (a script given to sh -c). */
function redactShown(call: RealCall): RealCall {
  const r = redactCall(call);
  return r.kind === 'command' ? { ...r, argv: r.argv.map(redactLine) } : r;
}
