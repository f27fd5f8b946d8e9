/** Where each switch keeps its files inside the lab dir, and writing them (configs, keys, wrappers). */
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { which } from './availability';
import { must } from './proc';
import {
  bgpdConf,
  FORCE_COMMAND,
  knownHostsLine,
  LLDPCTL_WRAPPER,
  SSHD_LAUNCHER,
  type SwitchSpec,
  sshdConfig,
  VTYSH_WRAPPER,
  zebraConf,
} from './topology';

export interface SwitchPaths {
  readonly dir: string;
  /** FRR's state dir for this switch (owned by frr: the daemons drop to that user before writing here). */
  readonly frr: string;
  readonly zserv: string;
  readonly lldpdSocket: string;
  readonly lldpdConf: string;
  readonly sshdLauncher: string;
  readonly sshdLog: string;
  readonly lldpdLog: string;
  readonly hostKey: string;
}

export function switchPaths(labDir: string, name: string): SwitchPaths {
  const dir = join(labDir, name);
  return {
    dir,
    frr: join(dir, 'frr'),
    zserv: join(dir, 'frr', 'zserv.api'),
    lldpdSocket: join(dir, 'lldpd.socket'),
    lldpdConf: join(dir, 'lldpd.conf'),
    sshdLauncher: join(dir, 'sshd-launch'),
    sshdLog: join(dir, 'sshd.log'),
    lldpdLog: join(dir, 'lldpd.log'),
    hostKey: join(dir, 'ssh_host_ed25519_key'),
  };
}

function keygen(file: string, comment: string): Promise<string> {
  const sshKeygen = which('ssh-keygen') ?? 'ssh-keygen';
  return must(sshKeygen, ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
}

function script(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o755 });
  chmodSync(file, 0o755);
}

/**
 * Read by lldpd at start, before it sends anything (it stays paused until this file is applied). Set at run time
 * instead, the first frames went out with the machine's hostname and the default 30 s interval (a 120 s TTL), so
 * a neighbour sometimes showed as "vm" or twice for minutes. All namespaces share the machine's hostname, hence
 * the name.
 */
function lldpdConf(name: string): string {
  return `configure system hostname ${name}\nconfigure lldp tx-interval 1\n`;
}

export interface WrittenLab {
  readonly identityFile: string;
  readonly knownHosts: string;
  /** "ssh-ed25519 AAAA…" per switch, in SWITCHES order. */
  readonly hostKeys: readonly string[];
}

/**
 * Writes everything the daemons read before any of them starts. The lab dir must be traversable by frr (mkdtemp
 * makes it 0700); keys stay root-owned and 0600 because ssh and sshd refuse anything looser.
 */
export async function writeLabFiles(
  labDir: string,
  switches: readonly { spec: SwitchSpec; port: number; netns: string }[],
): Promise<WrittenLab> {
  chmodSync(labDir, 0o755);
  const identityFile = join(labDir, 'id_ed25519');
  const home = join(labDir, 'home');
  mkdirSync(home, { mode: 0o700 });
  await Promise.all([
    keygen(identityFile, 'rackpilot-lab-client'),
    ...switches.map(({ spec }) => {
      const p = switchPaths(labDir, spec.name);
      mkdirSync(join(p.dir, 'bin'), { recursive: true });
      mkdirSync(p.frr);
      return keygen(p.hostKey, `rackpilot-lab-${spec.name}`);
    }),
  ]);
  const hostKeys: string[] = [];
  for (const { spec, port, netns } of switches) {
    const p = switchPaths(labDir, spec.name);
    writeFileSync(join(p.frr, 'zebra.conf'), zebraConf(spec));
    writeFileSync(join(p.frr, 'bgpd.conf'), bgpdConf(spec));
    await must('chown', ['-R', 'frr:frr', p.frr]);
    writeFileSync(join(p.dir, 'netns'), `${netns}\n`);
    writeFileSync(p.lldpdConf, lldpdConf(spec.name));
    script(join(p.dir, 'bin', 'vtysh'), VTYSH_WRAPPER);
    script(join(p.dir, 'bin', 'lldpctl'), LLDPCTL_WRAPPER);
    script(join(p.dir, 'shell'), FORCE_COMMAND);
    script(p.sshdLauncher, SSHD_LAUNCHER);
    copyFileSync(`${identityFile}.pub`, join(p.dir, 'authorized_keys'));
    const config = sshdConfig({
      port,
      hostKey: p.hostKey,
      pidFile: join(p.dir, 'sshd.pid'),
      authorizedKeys: join(p.dir, 'authorized_keys'),
      forceCommand: join(p.dir, 'shell'),
    });
    writeFileSync(join(p.dir, 'sshd_config'), config);
    const [type, key] = readFileSync(`${p.hostKey}.pub`, 'utf8').trim().split(/\s+/);
    hostKeys.push(`${type} ${key}`);
  }
  const knownHosts = join(labDir, 'known_hosts');
  writeFileSync(knownHosts, switches.map(({ port }, i) => knownHostsLine(port, hostKeys[i] ?? '')).join(''));
  return { identityFile, knownHosts, hostKeys };
}
