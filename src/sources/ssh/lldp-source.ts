import { FailedRead, type Source } from '../source';
import { buildTopology, newTopologyMemory } from './lldp-topology';
import { type LldpNeighbour, parseLldp } from './parse-lldp';
import { nothingReadMessage, SwitchReader } from './switch-reader';
import type { SwitchSourceTiming, SwitchSourcesOptions } from './types';

/** Reads every configured switch's `lldpctl -f json` (or its configured command). */
export function lldpReader(o: SwitchSourcesOptions, timing: SwitchSourceTiming): SwitchReader<LldpNeighbour[]> {
  return new SwitchReader<LldpNeighbour[]>({
    ...o,
    ...timing,
    command: (sw) => sw.commands.lldp,
    parse: (stdout) => parseLldp(stdout),
    count: (neighbours) => neighbours.length,
  });
}

/** Every configured switch's LLDP neighbours, with the config's links, as the topology. */
export function createLldpSource(o: SwitchSourcesOptions, timing: SwitchSourceTiming, reader = lldpReader(o, timing)): Source {
  const memory = newTopologyMemory();
  return {
    name: 'lldp (ssh)',
    kind: 'ssh',
    interval: timing.interval,
    timeout: timing.timeout,
    async poll(signal) {
      const reads = await reader.poll(signal);
      const lldp = reads.map((r) => ({
        name: r.sw.name,
        readable: r.good !== undefined && r.error === undefined,
        neighbours: r.good?.value ?? [],
        read: { ...(r.error !== undefined ? { error: r.error } : {}), ...(r.good ? { lastSeen: r.good.at } : {}), ...(r.vanished ? { vanished: r.vanished } : {}) },
      }));
      const topology = buildTopology(o.switches, o.links, lldp, memory);
      const failed = nothingReadMessage(reads);
      if (failed !== undefined) throw new FailedRead(failed, { topology });
      return { topology };
    },
    close: () => reader.close(),
  };
}
