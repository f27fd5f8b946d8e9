import type { RackSnapshot } from '../model/snapshot';
import type { SourceStatus } from '../model/source';

/**
 * How many switches an SSH source read in the newest snapshot. Its poll succeeds while one switch answers, so
 * "bgp (ssh) ok" alone would hide a switch it cannot read (SSH down, or bgpd not answering): the header says
 * "bgp (ssh) 1/3 read" instead. The SSH sources are told apart by the domain their name starts with (bgp, lldp);
 * undefined for every other source, and when every switch was read.
 */
export function unreadSwitches(status: SourceStatus, snapshot: RackSnapshot): { read: number; total: number } | undefined {
  if (status.kind !== 'ssh') return undefined;
  const reads = status.name.startsWith('bgp')
    ? snapshot.bgp.switches.map((sw) => sw.reachable)
    : status.name.startsWith('lldp')
      ? snapshot.topology.nodes.flatMap((n) => (n.neighbourRead ? [n.neighbourRead.error === undefined] : []))
      : [];
  const read = reads.filter(Boolean).length;
  return read < reads.length ? { read, total: reads.length } : undefined;
}
