import type { Bgp, BgpSwitch } from '../../model/bgp';
import type { Source } from '../source';
import { type BgpSummary, parseBgpSummary } from './parse-bgp-summary';
import { type SwitchRead, SwitchReader } from './switch-reader';
import type { SwitchSourceTiming, SwitchSourcesOptions } from './types';

/** Every configured switch's `show bgp vrf all summary json` (or its configured command) as the BGP domain. */
export function createBgpSource(o: SwitchSourcesOptions, timing: SwitchSourceTiming): Source {
  const reader = new SwitchReader<BgpSummary>({
    ...o,
    ...timing,
    command: (sw) => sw.commands.bgp,
    parse: (stdout, sw, now) => parseBgpSummary(sw.name, stdout, now),
  });
  return {
    name: 'bgp (ssh)',
    kind: 'ssh',
    interval: timing.interval,
    timeout: timing.timeout,
    async poll(signal) {
      const bgp: Bgp = { switches: (await reader.poll(signal)).map(bgpSwitch) };
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
  };
  if (good && read.error === undefined) return { ...base, reachable: true };
  return { ...base, reachable: false, error: read.error ?? 'no answer yet' };
}
