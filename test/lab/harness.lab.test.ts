/**
 * Smoke test of the lab harness itself, through the real OpenSSH client with strict host-key checking: the
 * switches answer, BGP and LLDP work, and the failure knobs (bgpd, sshd) do what later lab tests rely on.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupStaleLabs, type Lab, labAvailability, type SwitchName, startLab } from './harness';
import { run, waitFor } from './proc';

const availability = await labAvailability();

interface Ssh {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** `ssh … root@127.0.0.1 COMMAND` with an argv array; -F /dev/null keeps this user's ssh config out. */
function ssh(lab: Lab, name: SwitchName, command: string): Promise<Ssh> {
  const port = lab.switches.find((s) => s.name === name)?.port;
  const args = ['-F', '/dev/null', '-i', lab.identityFile, '-o', `UserKnownHostsFile=${lab.knownHosts}`];
  args.push('-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=5');
  args.push('-p', String(port), 'root@127.0.0.1', command);
  return new Promise((resolve) => {
    execFile('ssh', args, { timeout: 15_000 }, (error, stdout, stderr) => resolve({ ok: !error, stdout, stderr }));
  });
}

type Peers = Record<string, { state?: string; hostname?: string; remoteAs?: number }>;

async function spinePeers(lab: Lab): Promise<Peers> {
  const r = await ssh(lab, 'spine', "vtysh -c 'show bgp vrf all summary json'");
  if (!r.ok) return {};
  return (JSON.parse(r.stdout) as { default?: { ipv4Unicast?: { peers?: Peers } } }).default?.ipv4Unicast?.peers ?? {};
}

/** Neighbour names from `lldpctl -f json`, whose `interface` is an object for one port and a list for several. */
function lldpNeighbours(json: string): string[] {
  const iface = (JSON.parse(json) as { lldp?: { interface?: unknown } }).lldp?.interface ?? [];
  const ports = (Array.isArray(iface) ? iface : [iface]) as Record<string, { chassis?: Record<string, unknown> }>[];
  return ports.flatMap((p) => Object.values(p).flatMap((port) => Object.keys(port.chassis ?? {})));
}

/** Processes whose command line names `dir`: the lab's own daemons. */
function processesUsing(dir: string): string[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .flatMap((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return cmd.includes(dir) ? [`${pid} ${cmd}`] : [];
      } catch {
        return [];
      }
    });
}

const ourNamespaces = async () =>
  (await run('ip', ['netns', 'list'])).stdout
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((ns) => ns.startsWith(`rplab-${process.pid}-`));

/** Zombies count as dead: on these machines PID 1 reaps orphans only now and then. */
function alive(pid: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

describe.skipIf(!availability.ok)('switch lab harness', () => {
  let lab: Lab;
  let startedAt = 0;

  beforeAll(async () => {
    await cleanupStaleLabs();
    startedAt = Date.now();
    lab = await startLab({ name: 'smoke' });
    console.info(`lab started in ${Date.now() - startedAt} ms`);
  });
  afterAll(() => lab?.stop());

  it("brings the spine's sessions to leaf01 and leaf02 to Established, read over ssh", async () => {
    let peers: Peers = {};
    await waitFor(
      () => `spine swp1+swp2 Established over ssh (last: ${JSON.stringify(peers)})`,
      async () => {
        peers = await spinePeers(lab);
        return peers.swp1?.state === 'Established' && peers.swp2?.state === 'Established';
      },
      30_000,
    );
    console.info(`spine sessions Established ${Date.now() - startedAt} ms after start began`);
    expect(peers.swp1).toMatchObject({ hostname: 'leaf01', remoteAs: 4200000011 });
    expect(peers.swp2).toMatchObject({ hostname: 'leaf02', remoteAs: 4200000012 });
    await lab.waitEstablished(10_000);
  });

  it('runs ssh sessions inside the switch namespace, with nothing but the command on stdout/stderr', async () => {
    const links = await ssh(lab, 'spine', 'ip -o link show');
    expect(links.ok).toBe(true);
    expect(links.stdout).toMatch(/swp1/);
    expect(links.stdout).toMatch(/swp2/);
    expect(await ssh(lab, 'leaf01', 'echo ok')).toEqual({ ok: true, stdout: 'ok\n', stderr: '' });
  });

  it('shows leaf01 and leaf02 as LLDP neighbours of the spine', async () => {
    let seen: string[] = [];
    let last = '';
    await waitFor(
      () => `spine LLDP neighbours leaf01+leaf02 (last: ${seen.join(', ') || 'none'}; lldpctl said: ${last})`,
      async () => {
        const r = await ssh(lab, 'spine', 'lldpctl -f json');
        last = `${r.ok ? 'ok' : 'failed'} ${r.stdout.slice(0, 400)} ${r.stderr.slice(0, 400)}`;
        seen = r.ok ? lldpNeighbours(r.stdout) : [];
        return seen.includes('leaf01') && seen.includes('leaf02');
      },
      15_000,
    );
    expect(seen.sort()).toEqual(['leaf01', 'leaf02']);
  });

  it("takes the spine's peer swp2 out of Established within 5 s when leaf02's bgpd stops, and back", async () => {
    const stopped = Date.now();
    await lab.stopBgpd('leaf02');
    await waitFor('spine swp2 not Established', async () => (await spinePeers(lab)).swp2?.state !== 'Established', 5_000);
    console.info(`swp2 left Established ${Date.now() - stopped} ms after stopBgpd`);
    const down = await ssh(lab, 'leaf02', "vtysh -c 'show bgp vrf all summary json'");
    expect(down).toMatchObject({ ok: false, stdout: '' });
    expect(down.stderr).toMatch(/bgpd is not running/);

    const started = Date.now();
    await lab.startBgpd('leaf02');
    await lab.waitEstablished(30_000);
    console.info(`Established again ${Date.now() - started} ms after startBgpd`);
    expect((await spinePeers(lab)).swp2?.state).toBe('Established');
  });

  it("refuses ssh to leaf02 while its sshd is stopped, and accepts it again after startSshd", async () => {
    await lab.stopSshd('leaf02');
    const refused = await ssh(lab, 'leaf02', 'echo ok');
    expect(refused.ok).toBe(false);
    expect(refused.stderr).toMatch(/refused/i);
    expect((await ssh(lab, 'spine', 'echo ok')).stdout).toBe('ok\n');
    await lab.startSshd('leaf02');
    expect(await ssh(lab, 'leaf02', 'echo ok')).toEqual({ ok: true, stdout: 'ok\n', stderr: '' });
  });

  it('stop() leaves no daemon, namespace or dir behind, and may be called twice', async () => {
    // lldpd's privilege-separated children do not name the dir; they show up as processes in the namespaces.
    const inNamespaces = await Promise.all((await ourNamespaces()).map((ns) => run('ip', ['netns', 'pids', ns])));
    const pids = inNamespaces.flatMap((r) => r.stdout.split(/\s+/).filter(Boolean));
    expect(pids.length).toBeGreaterThanOrEqual(9);
    const stopping = Date.now();
    await lab.stop();
    console.info(`lab stopped in ${Date.now() - stopping} ms`);
    await lab.stop();
    expect(processesUsing(lab.dir)).toEqual([]);
    expect(pids.filter(alive)).toEqual([]);
    expect(await ourNamespaces()).toEqual([]);
    expect(existsSync(lab.dir)).toBe(false);
  });
});

// Reported as skipped, with the reason, wherever the lab cannot run: never as passed.
if (!availability.ok) {
  const { reason } = availability;
  describe('switch lab harness', () => {
    it.skip(`lab unavailable: ${reason}`, () => {});
  });
}
