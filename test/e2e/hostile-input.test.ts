/**
 * The hostile-input suite: every mutated output of the fault report, served by a real SSH server (the ssh2 test
 * server, real protocol, host keys checked) to the built program, as `status` and `status --json` read it.
 * Nothing a switch prints may reach the terminal raw, forge a line, or pass for a healthy answer.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../clients/keys';
import { CLEAN, HOSTILE_CASES, type HostileCase, RAW_IN_OUTPUT, SWITCHES, type SwitchName } from '../fixtures/hostile/mutations';
import { killedAfterEach, testDir } from '../helpers/cleanup';
import { freshConfigHome } from '../helpers/run-cli';
import { SshTestServer } from '../helpers/ssh-server';


const dir = testDir('rackpilot-hostile-');
const children = killedAfterEach();
let server: SshTestServer;
/** port → the case and switch it serves. */
const served = new Map<number, { c: HostileCase; sw: SwitchName }>();
const configs = new Map<string, string>();

function cli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/rackpilot', ...args], { env: { PATH: process.env.PATH ?? '', HOME: dir, XDG_CONFIG_HOME: freshConfigHome() } });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  const key = makeKey(dir, 'id_ed25519');
  server = new SshTestServer({
    authorizedKeys: [key.publicLine],
    exec: (command, ctx) => {
      const at = served.get(ctx.port);
      if (!at) return { stderr: 'no such switch', code: 255 };
      const program = command.startsWith('vtysh') ? 'vtysh' : 'lldpctl';
      const answer = at.c.outputs[at.sw]?.[program] ?? CLEAN[at.sw][program];
      return answer === 'hang' ? 'hang' : { code: 0, ...answer };
    },
  });
  const knownHosts: string[] = [];
  for (const [i, c] of HOSTILE_CASES.entries()) {
    const lines = ['switches:'];
    for (const sw of SWITCHES) {
      const port = await server.listen();
      if (c.unreachable?.includes(sw)) await server.stop(port);
      served.set(port, { c, sw });
      knownHosts.push(server.knownHostsLine(port));
      lines.push(`  - { name: ${sw}, role: ${sw === 'spine' ? 'spine' : 'leaf'}, address: 127.0.0.1, port: ${port}, user: admin, identityFile: ${key.privateFile} }`);
    }
    lines.push(`ssh: { knownHosts: ${join(dir, 'known_hosts')}, connectTimeout: 3s, commandTimeout: 3s }`);
    const file = join(dir, `case-${i}.yaml`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    configs.set(c.name, file);
  }
  writeFileSync(join(dir, 'known_hosts'), knownHosts.join(''));
});
afterAll(async () => {
  await server?.close();
});

/** Every string in a parsed JSON value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) strings(v, strings(k, out));
  return out;
}

describe('status on hostile switch output, over real SSH', { timeout: 60_000 }, () => {
  it.each(HOSTILE_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const config = configs.get(c.name) as string;
    const [text, json] = await Promise.all([cli(['status', '--config', config]), cli(['status', '--json', '--config', config])]);
    // Nothing raw reaches the terminal, on either stream.
    expect(text.stdout).not.toMatch(RAW_IN_OUTPUT);
    expect(text.stderr).not.toMatch(RAW_IN_OUTPUT);
    expect(json.stderr).not.toMatch(RAW_IN_OUTPUT);
    expect(text.code, text.stdout + text.stderr).toBe(c.exit);
    expect(json.code).toBe(c.exit);
    // No forged line: what a switch said stays inside the line that quotes it.
    for (const line of text.stdout.split('\n')) expect(line).not.toMatch(/^\s*CRIT\s+fake injected/);
    // status wraps long findings at 80 columns; read them unwrapped.
    const unwrapped = text.stdout.replace(/\n\s+/g, ' ');
    for (const shown of c.shows ?? []) expect(unwrapped).toContain(shown);
    // The JSON parses, and its one-line fields are one line.
    const parsed = JSON.parse(json.stdout) as { findings: Array<{ rule: string; subject: { id: string }; summary: string; hint: string }>; sources: Array<{ name: string; state: string }> };
    expect(strings(parsed).filter((s) => RAW_IN_OUTPUT.test(s) || s.includes('\n'))).toEqual([]);
    const found = parsed.findings.map((f) => [f.rule, f.subject.id]);
    for (const f of c.findings ?? []) expect(found).toContainEqual(f);
    const failing = parsed.sources.filter((s) => s.state === 'error').map((s) => s.name);
    expect(failing.sort()).toEqual([...(c.failing ?? [])].sort());
  });
});
