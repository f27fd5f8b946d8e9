/** Resolves the `switches:`, `ssh:` and `links:` layers into what the SSH sources use. */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { SshHop, SshTarget } from '../model/switch-access';
import type { LinkKind } from '../model/topology';
import { SECOND } from '../model/time';
import type { Env } from './env';
import type { ConfigLayer } from './schema';
import type { SwitchRole } from './switches-schema';

export interface SwitchConfig {
  readonly name: string;
  readonly role: SwitchRole;
  readonly interval: number;
  readonly target: SshTarget;
  /** Argument lists run on the switch; SONiC may need e.g. [sudo, vtysh, ...] or [docker, exec, bgp, vtysh, ...]. */
  readonly commands: { readonly bgp: readonly string[]; readonly lldp: readonly string[] };
}

export interface SshSettings {
  readonly connectTimeout: number;
  readonly commandTimeout: number;
  readonly concurrency: number;
  readonly maxBackoff: number;
}

export interface LinkConfig {
  readonly a: { readonly node: string; readonly port: string };
  readonly b: { readonly node: string; readonly port: string };
  readonly kind: LinkKind;
}

export const DEFAULT_SSH: SshSettings = { connectTimeout: 5 * SECOND, commandTimeout: 10 * SECOND, concurrency: 32, maxBackoff: 30 * SECOND };
export const DEFAULT_SWITCH_COMMANDS = {
  bgp: ['vtysh', '-c', 'show bgp vrf all summary json'],
  lldp: ['lldpctl', '-f', 'json'],
} as const;
/** SONiC's default login. */
export const DEFAULT_SWITCH_USER = 'admin';

export interface PathContext {
  readonly env: Env;
  /** Relative paths in the file are relative to the file's directory. */
  readonly baseDir: string;
}

export function expandPath(path: string, ctx: PathContext): string {
  const home = ctx.env.HOME || homedir();
  if (path === '~' || path.startsWith('~/')) return join(home, path.slice(1));
  return isAbsolute(path) ? path : resolve(ctx.baseDir, path);
}

/** An explicit socket, else $SSH_AUTH_SOCK unless the switch says agent: false or names a key file only. */
function agentFor(agent: boolean | string | undefined, identityFile: string | undefined, ctx: PathContext): string | undefined {
  if (agent === false) return undefined;
  if (typeof agent === 'string') return expandPath(agent, ctx);
  if (agent === undefined && identityFile !== undefined) return undefined;
  return ctx.env.SSH_AUTH_SOCK || undefined;
}

function splitEnd(end: string): { node: string; port: string } {
  const at = end.indexOf(':');
  return { node: end.slice(0, at), port: end.slice(at + 1) };
}

export function resolveSwitches(m: ConfigLayer, interval: number, ctx: PathContext) {
  const sshLayer = m.ssh ?? {};
  const ssh: SshSettings = {
    connectTimeout: sshLayer.connectTimeout ?? DEFAULT_SSH.connectTimeout,
    commandTimeout: sshLayer.commandTimeout ?? DEFAULT_SSH.commandTimeout,
    concurrency: sshLayer.concurrency ?? DEFAULT_SSH.concurrency,
    maxBackoff: sshLayer.maxBackoff ?? DEFAULT_SSH.maxBackoff,
  };
  const knownHostsDefault = expandPath(sshLayer.knownHosts ?? '~/.ssh/known_hosts', ctx);
  const switches: SwitchConfig[] = (m.switches ?? []).map((sw) => {
    const identityFile = sw.identityFile === undefined ? undefined : expandPath(sw.identityFile, ctx);
    const agent = agentFor(sw.agent, identityFile, ctx);
    const user = sw.user ?? DEFAULT_SWITCH_USER;
    const jump = sw.jumpHost;
    const jumpIdentity = jump?.identityFile === undefined ? identityFile : expandPath(jump.identityFile, ctx);
    const jumpHost: SshHop | undefined = jump && {
      host: jump.address,
      port: jump.port ?? 22,
      user: jump.user ?? user,
      ...(jumpIdentity ? { identityFile: jumpIdentity } : {}),
      ...(agent ? { agent } : {}),
    };
    const target: SshTarget = {
      name: sw.name,
      host: sw.address,
      port: sw.port ?? 22,
      user,
      ...(identityFile ? { identityFile } : {}),
      ...(agent ? { agent } : {}),
      knownHosts: sw.knownHosts === undefined ? knownHostsDefault : expandPath(sw.knownHosts, ctx),
      trustOnFirstUse: sw.trustOnFirstUse ?? sshLayer.trustOnFirstUse ?? false,
      ...(jumpHost ? { jumpHost } : {}),
    };
    return {
      name: sw.name,
      role: sw.role,
      interval: sw.interval ?? interval,
      target,
      commands: { bgp: sw.commands?.bgp ?? DEFAULT_SWITCH_COMMANDS.bgp, lldp: sw.commands?.lldp ?? DEFAULT_SWITCH_COMMANDS.lldp },
    };
  });
  const links: LinkConfig[] = (m.links ?? []).map((l) => ({ a: splitEnd(l.a), b: splitEnd(l.b), kind: l.kind ?? 'underlay' }));
  return { switches, ssh, links };
}
