/**
 * The two sources that read the configured switches over SSH: BGP sessions (FRR) and topology (LLDP).
 *
 * Errors: a switch that cannot be read (SSH refused, host key, timeout, vtysh exiting 1 because bgpd is down,
 * output that does not parse) is marked in the model (`reachable: false` with the reason, last good data and
 * lastSeen kept; topology: reachability and its links 'unknown'), and the poll still succeeds. The sources do
 * not throw for that, not even when every switch fails or on the first poll: a thrown poll would keep the
 * store's previous data, in which every switch still looks reachable with sessions the health rules would go
 * on judging as current, and on the first poll it would hide which switch failed and why behind one header
 * message. Per switch, the operator gets a critical `switch-unreachable` finding naming the reason, and the
 * BGP pane lists those switches first. The header's "ok" then means the source itself works. A poll only
 * rejects when the store aborts it.
 */
import { DEFAULT_SSH, type SshSettings, type SwitchConfig } from '../../config/switches';
import { SECOND } from '../../model/time';
import type { Source } from '../source';
import { bgpReader, createBgpSource } from './bgp-source';
import { createLldpSource, lldpReader } from './lldp-source';
import type { SwitchSourcesOptions, SwitchSourceTiming } from './types';

export type { SwitchSourcesOptions, SwitchSourceTiming } from './types';

export function createSwitchSources(options: SwitchSourcesOptions): { bgp: Source; topology: Source } {
  const timing = switchSourceTiming(options.switches, options.ssh ?? DEFAULT_SSH);
  const bgp = bgpReader(options, timing);
  const lldp = lldpReader(options, timing);
  if (options.pairRounds) bgp.pairWith(lldp);
  return { bgp: createBgpSource(options, timing, bgp), topology: createLldpSource(options, timing, lldp) };
}

/**
 * answerWithin leaves room for the shell's own limits (connect per hop, then the command), so that its more
 * precise error (connection refused, host key, command timeout) is what the operator reads; our limit only
 * catches a shell that never answers.
 */
export function switchSourceTiming(switches: readonly SwitchConfig[], ssh: Pick<SshSettings, 'connectTimeout' | 'commandTimeout'>): SwitchSourceTiming {
  const intervals = switches.map((s) => s.interval);
  const interval = intervals.length > 0 ? Math.min(...intervals) : 5 * SECOND;
  const hops = switches.some((s) => s.target.jumpHost) ? 2 : 1;
  const answerWithin = hops * ssh.connectTimeout + ssh.commandTimeout + SECOND;
  return { interval, answerWithin, timeout: answerWithin + 2 * SECOND };
}
