/**
 * `machines (metal-api)`: every machine with its power state (`POST /v1/machine/ipmi/find`, filtered by partition and
 * rack as configured) and the issues metal-api evaluates for it (machine-issues.ts), polled: metal-api streams
 * nothing, every answer embeds each machine's event log. A machine
 * that cannot be read is named and the others shown; an answer that is not a list is an error of the source.
 */
import type { MetalApi } from '../../clients/metal-api/metal-api';
import type { Machine } from '../../model/machine';
import type { Millis } from '../../model/time';
import { FailedRead, type Source } from '../source';
import { evaluateIssues, type IssueCatalogue, readCatalogue, withIssues } from './machine-issues';
import { machineFromObject } from './machine-object';
import { readList, unreadable } from './read-list';

export function createMachinesSource(o: {
  readonly api: () => Promise<MetalApi>;
  readonly filter: { readonly partition?: string; readonly rack?: string };
  readonly interval: Millis;
  readonly timeout: Millis;
}): Source {
  const find = { ...(o.filter.partition ? { partition_id: o.filter.partition } : {}), ...(o.filter.rack ? { rackid: o.filter.rack } : {}) };
  let last: { text: string; data: { machines: Machine[] } } | undefined;
  // The catalogue of issue ids changes with the server's version only: read once, again after a failure.
  let catalogue: IssueCatalogue | undefined;
  return {
    name: 'machines (metal-api)',
    kind: 'metal-api',
    interval: o.interval,
    timeout: o.timeout,
    async poll(signal) {
      const api = await o.api();
      catalogue ??= await readCatalogue(api, signal);
      const [answer, issues] = await Promise.all([api.post('/v1/machine/ipmi/find', find, signal), evaluateIssues(api, find, catalogue, signal)]);
      // Answers equal to the last ones are the same data: nothing to map, nothing to redraw.
      const text = JSON.stringify([answer, [...issues]]);
      if (last?.text === text) return last.data;
      const { items, problems } = readList(answer, 'machine', machineFromObject);
      const data = { machines: withIssues(items, issues) };
      if (problems.length > 0) {
        last = undefined;
        throw new FailedRead(unreadable(problems, 'machine'), data);
      }
      last = { text, data };
      return data;
    },
  };
}
