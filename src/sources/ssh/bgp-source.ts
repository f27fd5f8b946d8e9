import type { Bgp, BgpSwitch } from '../../model/bgp';
import { FailedRead, type Source } from '../source';
import { type BgpSummary, parseBgpSummary } from './parse-bgp-summary';
import { nothingReadMessage, type SwitchRead, SwitchReader } from './switch-reader';
import type { SwitchSourceTiming, SwitchSourcesOptions } from './types';

/** Reads every configured switch's `show bgp vrf all summary json` (or its configured command). */
export function bgpReader(o: SwitchSourcesOptions, timing: SwitchSourceTiming): SwitchReader<BgpSummary> {
  return new SwitchReader<BgpSummary>({
    ...o,
    ...timing,
    command: (sw) => sw.commands.bgp,
    parse: (stdout, sw, now) => parseBgpSummary(sw.name, stdout, now),
    count: (summary) => summary.sessions.length,
  });
}

/** Every configured switch's BGP summary as the BGP domain. */
export function createBgpSource(o: SwitchSourcesOptions, timing: SwitchSourceTiming, reader = bgpReader(o, timing)): Source {
  return {
    name: 'bgp (ssh)',
    kind: 'ssh',
    interval: timing.interval,
    timeout: timing.timeout,
    async poll(signal) {
      const reads = await reader.poll(signal);
      const bgp: Bgp = { switches: reads.map(bgpSwitch) };
      const failed = nothingReadMessage(reads);
      if (failed !== undefined) throw new FailedRead(failed, { bgp });
      return { bgp };
    },
    close: () => reader.close(),
  };
}

/**
 * A failed switch keeps its last good sessions and lastSeen, so the BGP pane still shows what it last knew;
 * the health rules do not judge the sessions of an unreachable switch, so they raise no stale alarms.
 */
function bgpSwitch(read: SwitchRead<BgpSummary>): BgpSwitch {
  const good = read.good;
  const base = {
    name: read.sw.name,
    ...(good?.value.routerId !== undefined ? { routerId: good.value.routerId } : {}),
    ...(good?.value.as !== undefined ? { as: good.value.as } : {}),
    ...(good ? { lastSeen: good.at } : {}),
    sessions: good?.value.sessions ?? [],
    ...(read.vanished ? { vanished: read.vanished } : {}),
  };
  if (good && read.error === undefined) return { ...base, reachable: true };
  return { ...base, reachable: false, error: read.error ?? 'no answer yet', ...(read.failure ? { failure: read.failure === 'command' ? 'bgpd' : read.failure } : {}) };
}
