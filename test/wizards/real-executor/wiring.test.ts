/**
 * The real executor's small parts: which kubeconfig context a runbook's cluster name means, kubectl durations,
 * the redaction of output lines, and output reaching the audit log through the runner.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realExecutor } from '../../../commands/wizard/real-executor';
import { loadConfig } from '../../../src/config';
import { systemClock } from '../../../src/clock';
import type { KubernetesConfig } from '../../../src/config/kubernetes';
import { memoryAudit, redactLine } from '../../../src/wizards/engine/audit';
import { runRunbook } from '../../../src/wizards/engine/runner';
import type { Runbook } from '../../../src/wizards/engine/types';
import { parseDuration } from '../../../src/wizards/real-executor/kube-call';
import { resolveContext } from '../../../src/wizards/real-executor/kube-targets';
import { createRealExecutor } from '../../../src/wizards/real-executor/real-executor';
import { healthySnapshot } from '../../fixtures/snapshot-builder';
import { liveSnapshot, scriptedOperator } from '../helpers';

const k: KubernetesConfig = {
  kubeconfig: ['/nonexistent'],
  initial: 'admin@mini-rack-k3s',
  nested: [{ shoot: 'garden-ops/nested', context: 'nested-admin' }],
  interval: 5000,
  requestTimeout: 10_000,
  namespaces: { metalStack: 'metal-control-plane', gardener: 'garden' },
};

describe('kube contexts, as the kube sources read the kubernetes: config', () => {
  it('maps k3s to the initial context and shoot--project--name to the nested one; other names are contexts themselves', () => {
    expect(resolveContext(k, 'k3s')).toBe('admin@mini-rack-k3s');
    expect(resolveContext(k, 'shoot--garden-ops--nested')).toBe('nested-admin');
    expect(resolveContext(k, 'lab')).toBe('lab');
    expect(resolveContext(undefined, 'k3s')).toBe('k3s');
  });

  it('shows a kube call with the context it resolves to, and fails it plainly without a kubernetes: section', async () => {
    const lines: string[] = [];
    const call = { kind: 'kube', context: 'k3s', namespace: 'metal-control-plane', verb: 'scale', resource: 'statefulset', name: 'metal-db', args: { replicas: 0 } } as const;
    const io = { signal: new AbortController().signal, output: (l: string) => lines.push(l) };
    const action = { id: 'a', description: 'stop', effect: { op: 'none' }, calls: [call], destructive: false } as const;
    const out = await createRealExecutor({ kubernetes: { ...k, kubeconfig: ['/nonexistent/kubeconfig'] } }).run(action, io);
    expect(lines[0]).toBe('$ kubectl --context admin@mini-rack-k3s -n metal-control-plane scale statefulset metal-db --replicas=0');
    expect(out.ok).toBe(false);
    expect(out.error).toMatch(/^call 1\/1 \(kubectl .*\): kubeconfig \/nonexistent\/kubeconfig: /);
    const none = await createRealExecutor().run(action, io);
    expect(none.error).toMatch(/no kubernetes: section in the config, so no kubeconfig to reach context k3s$/);
  });
});

describe('the factory for commands', () => {
  it("builds the executor from a config file's kubernetes: section: a k3s call goes to its initial context", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rackpilot-real-exec-'));
    try {
      const file = join(dir, 'rack.yaml');
      writeFileSync(file, `rack: { name: lab }\nkubernetes:\n  kubeconfig: ${join(dir, 'missing-kubeconfig')}\n  initial: admin@rack-k3s\n`);
      const { config } = await loadConfig({ flags: { config: file }, env: { HOME: dir } });
      const lines: string[] = [];
      const call = { kind: 'kube', context: 'k3s', namespace: 'metal-control-plane', verb: 'delete', resource: 'persistentvolumeclaim', name: 'metal-db-metal-db-0' } as const;
      const out = await realExecutor(config).run({ id: 'a', description: 'clear', effect: { op: 'none' }, calls: [call], destructive: true }, { signal: new AbortController().signal, output: (l) => lines.push(l) });
      expect(lines).toEqual(['$ kubectl --context admin@rack-k3s -n metal-control-plane delete persistentvolumeclaim metal-db-metal-db-0 --wait=true']);
      expect(out.error).toContain(`kubeconfig ${join(dir, 'missing-kubeconfig')}: `);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('kubectl durations', () => {
  it('reads 90s, 5m, 1h30m and 250ms, and refuses anything else', () => {
    expect([parseDuration('90s'), parseDuration('5m'), parseDuration('1h30m'), parseDuration('250ms')]).toEqual([90_000, 300_000, 5_400_000, 250]);
    for (const bad of ['5', '5 m', 'm', '', '5x', 300]) expect(() => parseDuration(bad)).toThrow(/is not a duration like 90s, 5m or 1h30m/);
  });
});

describe('redacting a line of output', () => {
  it('hides name=value, name: value, "name": "value" and Bearer tokens with secret-looking names, and nothing else', () => {
    expect(redactLine('AWS_SECRET_ACCESS_KEY=abc db=metal')).toBe('AWS_SECRET_ACCESS_KEY=*** db=metal');
    expect(redactLine('  password: hunter2')).toBe('  password: ***');
    expect(redactLine('{"token": "abc def", "name": "metal-db"}')).toBe('{"token": ***, "name": "metal-db"}');
    expect(redactLine('Authorization: Bearer eyJ.abc')).toBe('Authorization: Bearer ***');
    expect(redactLine('statefulset.apps/metal-db scaled')).toBe('statefulset.apps/metal-db scaled');
    // A quote closing the argument a secret sits in stays; a quote inside the value does not end it.
    expect(redactLine("run '--password=x' 'token=a'b'")).toBe("run '--password=***' 'token=***'");
  });
});

describe('output of a real action in the audit log', () => {
  it('audits every line the tool printed, redacted, next to the wizard events', async () => {
    const runbook: Runbook = {
      id: 'tiny',
      title: 'Tiny',
      description: 'one command',
      steps: [{ id: 'say', title: 'Say', explanation: 'prints', destructive: false, preconditions: [], actions: () => [{ id: 'print', description: 'print', effect: { op: 'none' }, calls: [{ kind: 'command', argv: ['printf', 'password=hunter2\\nall good\\n'] }], destructive: false }] }],
    };
    const audit = memoryAudit();
    const { interaction } = scriptedOperator({});
    const result = await runRunbook({ runbook, executor: createRealExecutor(), interaction, snapshot: liveSnapshot(healthySnapshot(), systemClock), clock: systemClock, audit, operator: 'ops@test', rack: 'lab' });
    expect(result.state).toBe('done');
    const output = audit.entries.filter((e) => e.event === 'output').map((e) => e.detail);
    expect(output).toEqual(["$ printf 'password=***'", 'password=***', 'all good']);
    expect(JSON.stringify(audit.entries)).not.toMatch(/hunter2/);
  });
});
