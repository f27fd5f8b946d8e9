/** A SwitchShell that answers from a table instead of SSH, and the lab's three switches as config. */
import { SshError } from '../../src/clients/ssh/errors';
import type { CommandResult, SshTarget, SwitchShell } from '../../src/clients/ssh/types';
import type { Clock } from '../../src/clock';
import { DEFAULT_SWITCH_COMMANDS, type LinkConfig, type SwitchConfig } from '../../src/config/switches';
import type { SwitchRole } from '../../src/config/switches-schema';
import { SECOND } from '../../src/model/time';
import { frr, LEAF01_BGP, LEAF01_LLDP, LEAF02_BGP, LEAF02_LLDP, SPINE_ESTABLISHED, SPINE_LLDP } from './frr-fixtures';

/** What a switch does for one command: print, fail to connect, or never answer (until aborted). */
export type Reply =
  | { readonly stdout?: string; readonly stderr?: string; readonly code?: number | null; readonly after?: number }
  | { readonly error: Error }
  | { readonly hang: true; readonly ignoreAbort?: boolean };

export const fixture = (name: string): Reply => ({ stdout: frr(name) });
export const sshDown = (sw: string): Reply => ({ error: new SshError(sw, 'connect', `${sw}: cannot connect to 10.0.0.9:22: connection refused`) });

export class FakeShell implements SwitchShell {
  readonly calls: Array<{ readonly sw: string; readonly argv: readonly string[]; readonly signal?: AbortSignal }> = [];
  private readonly replies = new Map<string, Reply>();

  constructor(private readonly clock: Clock) {}

  /** `command` is the program's name: vtysh or lldpctl. */
  set(sw: string, command: 'vtysh' | 'lldpctl', reply: Reply): this {
    this.replies.set(`${sw} ${command}`, reply);
    return this;
  }

  callsTo(sw: string, command: 'vtysh' | 'lldpctl'): number {
    return this.calls.filter((c) => c.sw === sw && c.argv[0] === command).length;
  }

  run(target: SshTarget, argv: readonly string[], signal?: AbortSignal): Promise<CommandResult> {
    this.calls.push({ sw: target.name, argv, ...(signal ? { signal } : {}) });
    const reply = this.replies.get(`${target.name} ${argv[0]}`);
    if (!reply) return Promise.reject(new Error(`fake shell: no reply for ${target.name} ${argv.join(' ')}`));
    if ('error' in reply) return Promise.reject(reply.error);
    if ('hang' in reply) {
      return new Promise((_, reject) => {
        // Like the real pool: an abort rejects with an SshError naming the switch.
        if (!reply.ignoreAbort) signal?.addEventListener('abort', () => reject(new SshError(target.name, 'aborted', `${target.name}: aborted`)));
      });
    }
    const result = { stdout: reply.stdout ?? '', stderr: reply.stderr ?? '', code: reply.code === undefined ? 0 : reply.code };
    if (reply.after === undefined) return Promise.resolve(result);
    return new Promise((resolve) => this.clock.setTimer(() => resolve(result), reply.after as number));
  }

  hostKey() {
    return undefined;
  }

  async close() {}
}

export function switchConfig(name: string, role: SwitchRole, interval = 5 * SECOND): SwitchConfig {
  return {
    name,
    role,
    interval,
    target: { name, host: `${name}.mgmt`, port: 22, user: 'admin', knownHosts: '/dev/null', trustOnFirstUse: false },
    commands: DEFAULT_SWITCH_COMMANDS,
  };
}

/** The lab: spine swp1 <-> leaf01 swp1, spine swp2 <-> leaf02 swp1. */
export const LAB_SWITCHES = [switchConfig('spine', 'spine'), switchConfig('leaf01', 'leaf'), switchConfig('leaf02', 'leaf')];
export const LAB_LINKS: LinkConfig[] = [
  { a: { node: 'spine', port: 'swp1' }, b: { node: 'leaf01', port: 'swp1' }, kind: 'underlay' },
  { a: { node: 'spine', port: 'swp2' }, b: { node: 'leaf02', port: 'swp1' }, kind: 'underlay' },
];

/** The lab's three switches answering as a healthy lab does: every session up, every link seen by LLDP. */
export function healthyLabShell(clock: Clock): FakeShell {
  return new FakeShell(clock)
    .set('spine', 'vtysh', fixture(SPINE_ESTABLISHED))
    .set('leaf01', 'vtysh', fixture(LEAF01_BGP))
    .set('leaf02', 'vtysh', fixture(LEAF02_BGP))
    .set('spine', 'lldpctl', fixture(SPINE_LLDP))
    .set('leaf01', 'lldpctl', fixture(LEAF01_LLDP))
    .set('leaf02', 'lldpctl', fixture(LEAF02_LLDP));
}
