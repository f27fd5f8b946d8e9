/**
 * kube exec calls of the real executor, through @kubernetes/client-node's Exec over a WebSocket, against an exec
 * stand-in (test/helpers/exec-stand-in.ts: the apiserver's exec endpoint; a real kubelet cannot run here): the
 * argv arrives as one `command=` per argument, output is streamed and redacted, the exit code comes from the
 * status channel, and an exec that never answers stops at its timeout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubernetesConfig } from '../../../src/config/kubernetes';
import { redactCall } from '../../../src/wizards/engine/audit';
import type { RealCall } from '../../../src/wizards/engine/calls';
import { createRealExecutor } from '../../../src/wizards/real-executor/real-executor';
import { type ExecAnswer, type ExecAsked, ExecStandIn, kubeconfigFor, STAND_IN_TOKEN } from '../../helpers/exec-stand-in';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function standIn(answer: (asked: ExecAsked) => ExecAnswer) {
  const server = new ExecStandIn(answer);
  const url = await server.listen();
  const dir = mkdtempSync(join(tmpdir(), 'rackpilot-exec-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => server.close());
  const kubernetes: KubernetesConfig = {
    kubeconfig: [kubeconfigFor(dir, url)],
    initial: 'stand-in',
    nested: [],
    interval: 5000,
    requestTimeout: 10_000,
    namespaces: { metalStack: 'metal-control-plane', gardener: 'garden' },
  };
  return { server, executor: createRealExecutor({ kubernetes }) };
}

const exec = (command: string[], extra: Partial<Extract<RealCall, { kind: 'kube' }>> = {}): RealCall => ({
  kind: 'kube',
  context: 'k3s',
  namespace: 'metal-control-plane',
  verb: 'exec',
  resource: 'pod',
  name: 'metal-db-0',
  command,
  ...extra,
});

async function run(executor: ReturnType<typeof createRealExecutor>, call: RealCall) {
  const lines: string[] = [];
  const outcome = await executor.run({ id: 'a', description: 'exec', effect: { op: 'none' }, calls: [call], destructive: false }, { signal: new AbortController().signal, output: (l) => lines.push(l) });
  return { outcome, lines };
}

describe('kube exec against an exec stand-in (the apiserver exec endpoint; no kubelet here)', () => {
  it('shows the kubectl line, sends the argv unsplit with the token, streams stdout and stderr redacted, exit 0 is ok', async () => {
    const { server, executor } = await standIn(() => ({ stdout: 'restored metal-db\nsize 4', stderr: 'password=hunter2\n', exitCode: 0 }));
    const argv = ['backup-restore-sidecar', 'restore', '--from', 'the version of 12:00', '$(id)', '--password=s3cr3t'];
    const { outcome, lines } = await run(executor, exec(argv, { container: 'backup-restore-sidecar' }));
    expect(outcome).toEqual({ ok: true, exitCode: 0 });
    expect(lines[0]).toBe("$ kubectl --context stand-in -n metal-control-plane exec metal-db-0 -c backup-restore-sidecar -- backup-restore-sidecar restore --from 'the version of 12:00' '$(id)' '--password=***'");
    expect(lines.slice(1).sort()).toEqual(['password=***', 'restored metal-db', 'size 4']);
    expect(lines.join('\n')).not.toMatch(/hunter2|s3cr3t/);
    const asked = server.asked[0];
    // One argument with spaces stays one argument: no shell split it anywhere.
    expect(asked).toMatchObject({ namespace: 'metal-control-plane', pod: 'metal-db-0', command: argv, container: 'backup-restore-sidecar', stdout: 'true', stderr: 'true' });
    expect(asked?.authorization).toBe(`Bearer ${STAND_IN_TOKEN}`);
    expect(asked?.protocol).toMatch(/^v5\.channel\.k8s\.io, ?v4\.channel\.k8s\.io$/);
  });

  it('fails on a non-zero exit code from the status channel, with the exit code and the last output lines', async () => {
    const { executor } = await standIn(() => ({ stdout: 'reading /data\n', stderr: 'restore: no such file\n', exitCode: 2 }));
    const { outcome } = await run(executor, exec(['sh', '-c', 'restore /data']));
    expect(outcome.ok).toBe(false);
    expect(outcome.exitCode).toBe(2);
    expect(outcome.error).toMatch(/^call 1\/1 \(kubectl --context stand-in -n metal-control-plane exec metal-db-0 -- sh -c 'restore \/data'\): exit code 2; last output: /);
    expect(outcome.error).toContain('restore: no such file');
    expect(outcome.error).toContain('reading /data');
  });

  it('stops at its timeout when the stand-in never answers the upgrade, and when the command never ends', async () => {
    for (const answer of ['hang-upgrade', { stdout: 'working\n', exitCode: 'never' }] as const) {
      const { executor } = await standIn(() => answer);
      const started = Date.now();
      const { outcome } = await run(executor, exec(['sleep', '3600'], { args: { timeout: '1s' } }));
      expect(outcome).toMatchObject({ ok: false, error: expect.stringMatching(/^call 1\/1 \(.*\): stand-in: exec in pod metal-db-0 in metal-control-plane: no exit status within 1 s, stopped$/) });
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  });

  it('stops at once on Ctrl-C (the run aborted) while the command runs', async () => {
    const { executor } = await standIn(() => ({ stdout: 'working\n', exitCode: 'never' }));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const started = Date.now();
    const outcome = await executor.run({ id: 'a', description: 'exec', effect: { op: 'none' }, calls: [exec(['sleep', '3600'])], destructive: false }, { signal: ac.signal, output: () => {} });
    expect(outcome).toEqual({ ok: false, error: expect.stringMatching(/: cancelled$/) });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('says why the exec stream was refused, as the API says it when asked without an upgrade', async () => {
    const { executor } = await standIn(() => ({ refuse: 403, message: 'pods "metal-db-0" is forbidden' }));
    const forbidden = await run(executor, exec(['true']));
    expect(forbidden.outcome.error).toMatch(/\): stand-in: exec in pod metal-db-0 in metal-control-plane: refused: may not create pods\/exec \(403 forbidden\)$/);
    const missing = await standIn(() => ({ refuse: 404, message: 'pods "metal-db-0" not found' }));
    expect((await run(missing.executor, exec(['true']))).outcome.error).toMatch(/\): stand-in: exec in pod metal-db-0 in metal-control-plane: no such pod$/);
    const unscheduled = await standIn(() => ({ refuse: 400, message: 'pod metal-db-0 does not have a host assigned' }));
    expect((await run(unscheduled.executor, exec(['true']))).outcome.error).toMatch(/: refused: create pods\/exec: HTTP 400: pod metal-db-0 does not have a host assigned$/);
  });

  it('keeps secrets in its argv out of the audit log', () => {
    expect(redactCall(exec(['restore', '--password=s3cr3t', '--token', 'abc']))).toMatchObject({ command: ['restore', '--password=***', '--token', '***'] });
  });

  it('refuses an exec without a command before connecting', async () => {
    const { server, executor } = await standIn(() => ({ exitCode: 0 }));
    const { outcome } = await run(executor, exec([]));
    expect(outcome.error).toMatch(/exec without a command: nothing to run$/);
    expect(server.asked).toEqual([]);
  });
});
