import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';

function configFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rackpilot-status-'));
  const file = join(dir, 'config.yaml');
  writeFileSync(file, text);
  return file;
}

function expectFits80(text: string) {
  for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
}

describe('rackpilot status (built program as a child process)', () => {
  it('reports the healthy simulated mini-rack, says it is simulated, and exits 0', () => {
    const r = runCli(['status']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/simulated rack/);
    expect(r.stdout).toMatch(/no config file at [\s\S]*running\s+the\s+simulated\s+rack/);
    for (const area of ['topology', 'bgp', 'machines', 'shoots', 'control-planes', 'backups', 'sources']) {
      expect(r.stdout).toMatch(new RegExp(`^${area}\\s+OK\\s`, 'm'));
    }
    expect(r.stdout).toMatch(/healthy: 0 critical, 0 warning/);
    expectFits80(r.stdout);
  });

  it('prints the critical findings of a lost rack and exits 2', () => {
    const r = runCli(['status', '--scenario', 'rack-lost']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^critical: [1-9]\d* critical/m);
    expect(r.stdout).toMatch(/^CRIT {2}/m);
    // The cause first (the diagnosis), and no area OK beside what went down with it.
    expect(r.stdout).toMatch(/^critical: .*\nCRIT {2}5 hosts down: bootstrap, machine01, machine02, machine03, machine04$/m);
    expect(r.stdout).toMatch(/^bgp +CRIT +9\/21 sessions Established on 3 switches; 12 to lost hosts$/m);
    expect(r.stdout).not.toMatch(/^(topology|bgp|machines) +OK /m);
    expectFits80(r.stdout);
  });

  it('flags the near-empty newest backup in JSON after an empty-backup restart', () => {
    const r = runCli(['status', '--scenario', 'empty-backup-after-restart', '--json']);
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json.schemaVersion).toBe(1);
    expect(json.verdict).toBe('critical');
    expect(json.incident.label).toBe('empty-backup-after-restart');
    const metalDb = json.backups.find((b: { id: string }) => b.id === 'initial-metal-db');
    expect(metalDb.newest.suspicious).toBe(true);
    expect(metalDb.newest.reasons).toContain('backup-size-drop');
    expect(metalDb.newest.size).toBeLessThan(10_000);
    const finding = json.findings.find((f: { rule: string }) => f.rule === 'backup-size-drop');
    expect(finding.subject).toMatchObject({ kind: 'backup', id: 'initial-metal-db' });
    // The diagnosis: the empty backup is the cause, its after-incident warning follows from it.
    const [cause] = json.causes;
    expect(json.findings[cause.findings[0].index].rule).toBe('backup-size-drop');
    expect(cause.findings.map((f: { index: number }) => json.findings[f.index].rule)).toEqual(['backup-size-drop', 'backup-after-incident']);
  });

  it('exits 1 when there are only warnings (more backup versions asked for than are kept)', () => {
    const file = configFile('health:\n  minVersions: 50\n');
    const r = runCli(['status', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^warning: 0 critical, [1-9]\d* warning/m);
  });

  it('exits 0 on a healthy rack with an incident declared: a finished incident does not flag good backups forever', () => {
    const started = new Date(Date.now() - 20 * 60_000).toISOString();
    const r = runCli(['status', '--config', configFile(`incident:\n  startedAt: ${started}\n`)]);
    expect(r.code, r.stdout).toBe(0);
    expect(runCli(['status', '--scenario', 'machine-reboot']).code).toBe(0);
  });

  it('exits 3 when no source could be read', () => {
    const file = configFile('mode: real\n');
    const r = runCli(['status', '--config', file, '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).verdict).toBe('unreadable');
  });

  it('exits 64 with one line naming file, key and expectation for a broken config', () => {
    const file = configFile('sim:\n  scale: lots\n');
    const r = runCli(['status', '--config', file]);
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain('sim.scale');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+|ZodError/);
  });

  it('exits 64 for an unknown flag, an unknown scenario and an unknown command', () => {
    expect(runCli(['status', '--frobnicate']).code).toBe(64);
    const bad = runCli(['status', '--scenario', 'meteor-strike']);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/rack-lost/);
    const cmd = runCli(['fly']);
    expect(cmd.code).toBe(64);
    expect(cmd.stderr).toMatch(/unknown command "fly"/);
  });

  it('honours RACKPILOT_SCENARIO and lets the flag win over it', () => {
    expect(runCli(['status'], { RACKPILOT_SCENARIO: 'rack-lost' }).code).toBe(2);
    expect(runCli(['status', '--scenario', 'none'], { RACKPILOT_SCENARIO: 'rack-lost' }).code).toBe(0);
  });

  it('prints help and version', () => {
    const help = runCli(['status', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes: 0 healthy, 1 warnings, 2 critical, 3/);
    // The scenarios --scenario takes are listed, within 80 columns.
    for (const name of ['k3s-lost', 'shoot-workers-lost', 'rack-lost', 'empty-backup-after-restart', 'machine-reboot']) expect(help.stdout).toContain(name);
    expect(help.stdout.split('\n').every((l) => l.length <= 80)).toBe(true);
    expect(runCli(['--version']).stdout).toMatch(/^rackpilot \d+\.\d+\.\d+/);
  });

  it('every help text fits 80 columns', () => {
    for (const args of [['--help'], ...['tui', 'status', 'recover', 'bootstrap', 'drill', 'doctor'].map((c) => [c, '--help'])]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout.split('\n').filter((l) => l.length > 80), args.join(' ')).toEqual([]);
    }
  });

  it('help for a command that does not exist is a usage error (exit 64), not help', () => {
    const r = runCli(['help', 'nope']);
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^rackpilot: help: unknown command "nope"\nhint: commands: tui, status, recover, bootstrap, drill, doctor/);
    expect(runCli(['help', 'status']).stdout).toMatch(/^Usage: rackpilot status/);
  });
});
