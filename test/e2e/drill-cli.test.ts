import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDir } from '../helpers/cleanup';
import { freshConfigHome, runCli } from '../helpers/run-cli';

const dir = testDir('rackpilot-drill-e2e-');
const env = { XDG_STATE_HOME: join(dir, 'state') };

/** Like runCli, with answers on stdin (runCli gives the program no input). */
function runWithInput(args: readonly string[], input: string) {
  const r = spawnSync(process.execPath, ['bin/rackpilot', ...args], {
    input,
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), XDG_CONFIG_HOME: freshConfigHome(), ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('rackpilot drill / recover / bootstrap (built program)', () => {
  it('drills empty-backup-after-restart with --auto, exits 0 and reports the last good version', () => {
    const report = join(dir, 'r.json');
    const r = runCli(['drill', '--scenario', 'empty-backup-after-restart', '--auto', '--report', report], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/RTO \(machine \+ operator time, recovery start to healthy\): \d/);
    expect(r.stdout).toMatch(/Operator time \(reading and answering\): 0s/);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.healthy).toBe(true);
    const [metalDb] = json.restored;
    expect(metalDb.component).toBe('initial-metal-db');
    expect(metalDb.newest).toBe(false);
    expect(metalDb.skipped.length).toBeGreaterThan(0);
    expect(metalDb.size).toBeGreaterThan(1_000_000);
    expect(r.stdout).toContain(metalDb.versionId);
  });

  it('needs a known scenario', () => {
    expect(runCli(['drill']).code).toBe(64);
    expect(runCli(['drill', '--scenario', 'machine-reboot']).code).toBe(64);
  });

  it('refuses --auto and drills against a real rack (64)', () => {
    const config = join(dir, 'real.yaml');
    writeFileSync(config, 'mode: real\n');
    const auto = runCli(['recover', '--auto', '--config', config], env);
    expect(auto.code).toBe(64);
    expect(auto.stderr).toMatch(/--auto is for the simulated rack only/);
    expect(runCli(['drill', '--scenario', 'k3s-lost', '--config', config], env).code).toBe(64);
    expect(runCli(['drill', '--scenario', 'k3s-lost', '--real', '--config', config], env).stderr).toMatch(/drill: on a real rack the config needs a kubernetes: section/);
    const lab = join(dir, 'lab.yaml');
    writeFileSync(lab, 'kubernetes:\n  kubeconfig: /nonexistent/kubeconfig\n  initial: k3s\nbackups:\n  - { id: initial-metal-db, endpoint: "http://s3.test:7480", bucket: backups, accessKeyIdEnv: AK, secretAccessKeyEnv: SK }\n');
    const other = runCli(['drill', '--scenario', 'k3s-lost', '--real', '--config', lab], env);
    expect(other.code).toBe(64);
    expect(other.stderr).toMatch(/drill: on a real rack a drill can inject only empty-backup-after-restart, not k3s-lost/);
    expect(runCli(['drill', '--scenario', 'empty-backup-after-restart', '--real', '--auto', '--config', lab], env).stderr).toMatch(/--auto is for the simulated rack only/);
    const dry = runCli(['drill', '--scenario', 'empty-backup-after-restart', '--dry-run'], env);
    expect(dry.code).toBe(64);
    expect(dry.stderr).toMatch(/drill: --dry-run is for --real/);
  });

  it('recover: a wrong typed confirmation cancels (exit 1) and nothing is restored', () => {
    const r = runWithInput(['recover', '--scenario', 'empty-backup-after-restart'], '\n\n\nwrong text\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/EMPTY\? AFTER INCIDENT/);
    expect(r.stdout).toMatch(/ > 20\d\d-\d\d-\d\d .* good, proposed/);
    expect(r.stdout).toMatch(/Type exactly: initial-metal-db \S{8}\n/);
    expect(r.stdout).toMatch(/Run CANCELLED: the typed confirmation did not match "initial-metal-db \S{8}": nothing was restored/);
    // The fence stays: the summary says so and how to undo it.
    expect(r.stdout).toMatch(/! metal-db \(initial metal-stack\) is STILL STOPPED/);
    expect(r.stdout).toMatch(/to undo: \$ kubectl --context k3s -n metal-control-plane scale statefulset metal-db --replicas=1/);
    expect(r.stdout).not.toMatch(/data directory deleted/);
  });

  it('recover --dry-run shows the plan and changes nothing; no failure means nothing to do', () => {
    const dry = runCli(['recover', '--scenario', 'k3s-lost', '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/\(dry run\) would run: re-install bootstrap node bootstrap with k3s, scheduled snapshots off/);
    expect(dry.stdout).toMatch(/\(dry run\) would run: restore k3s from snapshot etcd-snapshot-bootstrap-\d+/);
    expect(dry.stdout).toMatch(/-> planned/);
    expect(dry.stdout).toMatch(/dry run: nothing was changed/);
    const none = runCli(['recover'], env);
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/Nothing to recover/);
  });

  it('bootstrap --auto brings a cold-booted sim up in MEP-18 order', () => {
    const r = runCli(['bootstrap', '--auto', '--speed', '600'], env);
    expect(r.code).toBe(0);
    const order = ['Preflight', 'Initial k3s cluster', 'Initial metal-stack', 'Initial Gardener', 'Partition', 'Shoots', 'Nested', 'Backups'];
    const at = order.map((t) => r.stdout.indexOf(`: ${t}`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(r.stdout).toMatch(/The rack is healthy/);
  });
});
