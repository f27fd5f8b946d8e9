/**
 * `rackpilot doctor` and `rackpilot status` in real mode, as the built program, against an in-process SSH server
 * (ssh2's server: the real SSH protocol, host keys and key login) that answers vtysh with captured FRR output.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KeyPair, makeKey, tempDir } from '../clients/keys';
import { runCliAsync } from '../helpers/run-cli';
import { SshTestServer } from '../helpers/ssh-server';

const SPINE = readFileSync('test/fixtures/frr/bgp-summary-spine-established.json', 'utf8');

/** Async, unlike runCli: the SSH server lives in this process and must keep answering while the CLI runs. */
const cli = (args: readonly string[]) => runCliAsync(args, { HOME: dir });

let dir: string;
let remove: () => void;
let key: KeyPair;
let server: SshTestServer;
let ports: number[];

function config(name: string, knownHosts: string, extra = ''): string {
  const lines = ['switches:'];
  ['spine', 'leaf01'].forEach((sw, i) => {
    lines.push(`  - { name: ${sw}, role: ${i ? 'leaf' : 'spine'}, address: 127.0.0.1, port: ${ports[i]}, user: admin, identityFile: ${key.privateFile} }`);
  });
  lines.push('  - { name: leaf02, role: leaf, address: 127.0.0.1, port: 1, user: admin, identityFile: id_missing }');
  lines.push(`ssh: { knownHosts: ${knownHosts}, connectTimeout: 2s, commandTimeout: 2s${extra} }`);
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

beforeAll(async () => {
  ({ dir, remove } = tempDir('doctor'));
  key = makeKey(dir, 'id_ed25519');
  server = new SshTestServer({
    authorizedKeys: [key.publicLine],
    exec: (command, ctx) =>
      ctx.port === ports[1] ? { stderr: 'bgpd is not running\n', code: 1 } : command.startsWith('vtysh') ? { stdout: SPINE } : { stdout: '{"lldp":{}}' },
  });
  ports = [await server.listen(), await server.listen()];
  writeFileSync(join(dir, 'known_hosts'), ports.map((p) => server.knownHostsLine(p)).join(''));
});
afterAll(async () => {
  await server.close();
  remove();
});

describe('rackpilot doctor and status on real switches (in-process SSH server, real SSH protocol)', () => {
  it('doctor prints one line per switch and exits 2 when any fails', async () => {
    const r = await cli(['doctor', '--config', config('a.yaml', join(dir, 'known_hosts'))]);
    expect(r.code, r.stderr).toBe(2);
    const lines = r.stdout.split('\n');
    // What follows a switch's line (indented) up to the next switch: what it said, its host key, the hint.
    const block = (name: string) => {
      const at = lines.findIndex((l) => l.startsWith(name));
      const end = lines.findIndex((l, i) => i > at && !l.startsWith(' '));
      return lines.slice(at, end).join('\n');
    };
    expect(block('spine')).toMatch(/^spine\s+ok\s+admin@127\.0\.0\.1:\d+\s+\d+ ms\n\s+vtysh answers: 4\/4 sessions Established; lldpctl: 0 neighbours\n\s+host key ssh-ed25519 SHA256:\S+$/);
    expect(block('leaf01')).toMatch(/^leaf01\s+FAIL.*\n\s+bgpd is not running \(vtysh exit 1\)\n\s+→ on leaf01: is FRR's bgpd running/);
    expect(block('leaf02')).toMatch(/FAIL[\s\S]*identity file [\s\S]*id_missing[\s\S]*\n\s+→ check the switch's identityFile/);
    // A jump host's terminal: nothing wraps at 80 columns.
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(80);
    expect(r.stdout).toMatch(/2 of 3 switches failed/);
  });

  it('doctor refuses an unknown host key and records it only with trustOnFirstUse', async () => {
    const empty = join(dir, 'known_hosts.empty');
    writeFileSync(empty, '');
    const refused = await cli(['doctor', '--config', config('b.yaml', empty)]);
    expect(refused.stdout).toMatch(/^spine\s+FAIL.*\n\s+host key for \[127\.0\.0\.1\]:\d+ is not in/m);
    expect(refused.stdout).toMatch(/ssh-keyscan/);
    expect(readFileSync(empty, 'utf8')).toBe('');
    const tofu = await cli(['doctor', '--config', config('c.yaml', empty, ', trustOnFirstUse: true')]);
    expect(tofu.stdout).toMatch(/^spine\s+ok.*\n.*\n\s+host key ssh-ed25519 \S+\s+\(recorded now\)/m);
    expect(readFileSync(empty, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('doctor without a switches section is a usage error naming the file', async () => {
    const file = join(dir, 'none.yaml');
    writeFileSync(file, 'rack: { name: x }\n');
    const r = await cli(['doctor', '--config', file]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`nothing to check: ${file} has no switches:, kubernetes:, metalApi: or backups: section`);
  });

  it('status reads the switches in real mode and exits 2 naming the failed ones', async () => {
    const r = await cli(['status', '--json', '--config', config('d.yaml', join(dir, 'known_hosts'))]);
    expect(r.code, r.stderr).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json.areas.bgp.counts).toMatchObject({ switches: 3, unreachable: 2 });
    const summaries = (rule: string) => json.findings.filter((f: { rule: string }) => f.rule === rule).map((f: { summary: string }) => f.summary);
    // leaf01 answers over SSH but its bgpd does not; leaf02 does not answer at all.
    expect(summaries('bgpd-not-answering')).toEqual([expect.stringMatching(/^switch leaf01 answers over SSH, but its BGP daemon does not: bgpd is not running/)]);
    expect(summaries('switch-unreachable')).toEqual([expect.stringMatching(/leaf02 cannot be read: /)]);
  });
});
