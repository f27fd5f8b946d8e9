/**
 * The lab's fixed shape and the text of every file it writes. Pure functions: no I/O, so the recipe can be read
 * (and reviewed against /work/shared/lab/lab.sh) in one place.
 */

export type SwitchName = 'spine' | 'leaf01' | 'leaf02';

export interface SwitchSpec {
  readonly name: SwitchName;
  readonly asn: number;
  readonly routerId: string;
  /** Interfaces inside the switch's namespace that face other switches (the names SONiC would use). */
  readonly ports: readonly string[];
}

export const SWITCHES: readonly SwitchSpec[] = [
  { name: 'spine', asn: 4200000001, routerId: '10.255.255.1', ports: ['swp1', 'swp2'] },
  { name: 'leaf01', asn: 4200000011, routerId: '10.255.255.11', ports: ['swp1'] },
  { name: 'leaf02', asn: 4200000012, routerId: '10.255.255.12', ports: ['swp1'] },
];

/** One veth pair per cable; `tag` keeps the temporary host-side names unique and ≤ 15 characters. */
export const CABLES = [
  { tag: '1', a: 'spine', aPort: 'swp1', b: 'leaf01', bPort: 'swp1' },
  { tag: '2', a: 'spine', aPort: 'swp2', b: 'leaf02', bPort: 'swp1' },
] as const satisfies readonly {
  tag: string;
  a: SwitchName;
  aPort: string;
  b: SwitchName;
  bPort: string;
}[];

export function zebraConf(sw: SwitchSpec): string {
  return `frr defaults datacenter\nhostname ${sw.name}\n`;
}

/**
 * eBGP unnumbered like metal-stack's fabric. `no bgp ebgp-requires-policy` because FRR otherwise exchanges no
 * prefixes without a route-map; the datacenter profile gives 3 s/9 s timers so failures show within seconds.
 */
export function bgpdConf(sw: SwitchSpec): string {
  const neighbours = sw.ports.map((p) => ` neighbor ${p} interface remote-as external`);
  const evpn = sw.ports.map((p) => `  neighbor ${p} activate`);
  return [
    'frr defaults datacenter',
    `hostname ${sw.name}`,
    `router bgp ${sw.asn}`,
    ` bgp router-id ${sw.routerId}`,
    ' bgp bestpath as-path multipath-relax',
    ' no bgp ebgp-requires-policy',
    ...neighbours,
    ' address-family ipv4 unicast',
    '  redistribute connected',
    ' exit-address-family',
    ' address-family l2vpn evpn',
    ...evpn,
    '  advertise-all-vni',
    ' exit-address-family',
    '',
  ].join('\n');
}

export function sshdConfig(o: {
  port: number;
  hostKey: string;
  pidFile: string;
  authorizedKeys: string;
  forceCommand: string;
}): string {
  return [
    `ListenAddress 127.0.0.1:${o.port}`,
    `HostKey ${o.hostKey}`,
    `PidFile ${o.pidFile}`,
    `AuthorizedKeysFile ${o.authorizedKeys}`,
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    // No PAM: it would want /etc/pam.d/sshd semantics and a login session; the lab needs neither.
    'UsePAM no',
    // The lab lives under /tmp (mode 1777), which StrictModes rejects for AuthorizedKeysFile.
    'StrictModes no',
    'UseDNS no',
    'PrintMotd no',
    'PrintLastLog no',
    // Tests may open many sessions at once; the default 10:30:100 would drop some of them.
    'MaxStartups 100',
    `ForceCommand ${o.forceCommand}`,
    '',
  ].join('\n');
}

/*
 * The scripts below are constant text: every path they need is derived from their own location ($0), so no
 * value is ever spliced into shell code. Layout: <switch>/bin/{vtysh,lldpctl}, <switch>/shell, <switch>/netns.
 */

/** vtysh for this switch's FRR instance (FRR's state dir is compiled in; --vty_socket points elsewhere). */
export const VTYSH_WRAPPER = `#!/bin/sh
d=$(dirname "$(dirname "$(readlink -f "$0")")")
exec /usr/bin/vtysh --vty_socket "$d/frr" "$@"
`;

/** lldpctl for this switch's lldpd (its control socket is not the default /run/lldpd.socket). */
export const LLDPCTL_WRAPPER = `#!/bin/sh
d=$(dirname "$(dirname "$(readlink -f "$0")")")
exec /usr/sbin/lldpctl -u "$d/lldpd.socket" "$@"
`;

/**
 * sshd's ForceCommand: run the client's command inside the switch's namespace, with the wrappers first on PATH.
 * (sshd still starts it through root's login shell, `bash -c`; SSHD_LAUNCHER keeps the host's .bashrc out.)
 */
export const FORCE_COMMAND = `#!/bin/sh
d=$(dirname "$(readlink -f "$0")")
PATH="$d/bin:/usr/sbin:/usr/bin:/sbin:/bin"
export PATH
exec ip netns exec "$(cat "$d/netns")" /bin/sh -c "\${SSH_ORIGINAL_COMMAND:-echo no interactive shell on the lab}"
`;

/**
 * Starts sshd in a private mount namespace with a lab-owned, empty /root. sshd runs ForceCommand as `$SHELL -c`,
 * root's shell is bash, and Debian's bash sources ~/.bashrc for any command arriving over ssh: measured here, the
 * host's .bashrc (pyenv, cargo) leaked PYENV_ROOT into every session and made each one ~650 ms slower.
 */
export const SSHD_LAUNCHER = `#!/bin/sh
set -e
d=$(dirname "$(readlink -f "$0")")
mount --bind "$(dirname "$d")/home" /root
exec /usr/sbin/sshd -D -f "$d/sshd_config" -E "$d/sshd.log"
`;

export function knownHostsLine(port: number, hostKeyPub: string): string {
  const [type, key] = hostKeyPub.trim().split(/\s+/);
  return `[127.0.0.1]:${port} ${type} ${key}\n`;
}
