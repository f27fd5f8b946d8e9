// status and the incident log: an acknowledged incident is over for the next status too; a planned reboot that is
// over leaves a healthy rack.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { readIncidentEntries } from '../../src/wizards/engine/incident-entries';
import { fileIncidentLog } from '../../src/wizards/engine/incident-file';

function configFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rackpilot-incident-')), 'config.yaml');
  writeFileSync(file, text);
  return file;
}

describe('rackpilot status and ended incidents (built program)', () => {
  it('a declared incident the operator acknowledged (A in the TUI) is not judged against any more: status shows none', () => {
    const startedAt = Date.now() - 20 * 60_000;
    const config = configFile(`incident:\n  startedAt: ${new Date(startedAt).toISOString()}\n`);
    const state = mkdtempSync(join(tmpdir(), 'rackpilot-state-'));
    const env = { XDG_STATE_HOME: state };
    const open = runCli(['status', '--json', '--config', config], env);
    expect(JSON.parse(open.stdout).incident).toMatchObject({ label: 'declared incident' });
    fileIncidentLog(join(state, 'rackpilot'), { read: readIncidentEntries }).end('mini-rack', { label: 'declared incident', startedAt }, { how: 'acknowledged', by: 'ops@jump', at: Date.now() });
    const ended = runCli(['status', '--json', '--config', config], env);
    expect(ended.code, ended.stdout).toBe(0);
    expect(JSON.parse(ended.stdout).incident).toBeNull();
    expect(runCli(['status', '--config', config], env).stdout).not.toMatch(/declared incident/);
  });

  it('status --scenario machine-reboot after the reboot completed: no finding, the incident still named, exit 0', () => {
    const r = runCli(['status', '--scenario', 'machine-reboot', '--json']);
    const json = JSON.parse(r.stdout);
    expect(json.incident.label).toBe('machine-reboot');
    expect(json.findings).toEqual([]);
    expect(json.verdict).toBe('healthy');
    expect(r.code).toBe(0);
  });
});
