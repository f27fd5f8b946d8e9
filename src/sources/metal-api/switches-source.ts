/**
 * `switches (metal-api)`: the switches as metal-core last reported them to metal-api (`GET /v1/switch`, or
 * `POST /v1/switch/find` with the configured partition and rack): OS, metal-core version, last sync and its error,
 * per-port link and BGP state. The store lays this view under the switches' own (SSH) BGP (store/fabric-view.ts).
 */
import type { MetalApi } from '../../clients/metal-api/metal-api';
import type { MetalSwitch } from '../../model/metal-switch';
import type { Millis } from '../../model/time';
import { FailedRead, type Source } from '../source';
import { readList, unreadable } from './read-list';
import { switchFromObject } from './switch-object';

export function createSwitchesSource(o: {
  readonly api: () => Promise<MetalApi>;
  readonly filter: { readonly partition?: string; readonly rack?: string };
  readonly interval: Millis;
  readonly timeout: Millis;
}): Source {
  const find = { ...(o.filter.partition ? { partitionid: o.filter.partition } : {}), ...(o.filter.rack ? { rackid: o.filter.rack } : {}) };
  const filtered = Object.keys(find).length > 0;
  let last: { text: string; data: { switches: MetalSwitch[] } } | undefined;
  return {
    name: 'switches (metal-api)',
    kind: 'metal-api',
    interval: o.interval,
    timeout: o.timeout,
    async poll(signal) {
      const api = await o.api();
      const answer = filtered ? await api.post('/v1/switch/find', find, signal) : await api.get('/v1/switch', signal);
      // metal-core reports every 10 s, but an unchanged answer is the same data: nothing to map or redraw.
      const text = JSON.stringify(answer);
      if (last?.text === text) return last.data;
      const { items, problems } = readList(answer, 'switch', switchFromObject);
      const data = { switches: items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
      if (problems.length > 0) {
        last = undefined;
        throw new FailedRead(unreadable(problems, 'switch'), data);
      }
      last = { text, data };
      return data;
    },
  };
}
