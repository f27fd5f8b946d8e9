/**
 * `machines (metal-api)`: every machine with its power state (`POST /v1/machine/ipmi/find`, filtered by partition and
 * rack as configured) and the issues metal-api evaluates for it (machine-issues.ts), polled: metal-api streams
 * nothing, every answer embeds each machine's event log. A machine
 * that cannot be read is named and the others shown; an answer that is not a list is an error of the source.
 */
import type { MetalApi } from '../../clients/metal-api/metal-api';
import type { Machine } from '../../model/machine';
import type { Millis } from '../../model/time';
import { unexpected } from '../output-shape';
import { FailedRead, type Source } from '../source';
import { evaluateIssues, type IssueCatalogue, readCatalogue } from './machine-issues';
import { MachineList } from './machine-list';

export function createMachinesSource(o: {
  readonly api: () => Promise<MetalApi>;
  readonly filter: { readonly partition?: string; readonly rack?: string };
  readonly interval: Millis;
  readonly timeout: Millis;
}): Source {
  const find = { ...(o.filter.partition ? { partition_id: o.filter.partition } : {}), ...(o.filter.rack ? { rackid: o.filter.rack } : {}) };
  const list = new MachineList();
  let last: { machines: readonly Machine[]; data: { machines: readonly Machine[] } } | undefined;
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
      if (!Array.isArray(answer)) throw unexpected([], 'is not a list of machines');
      // Each machine's text against the last answer's: only machines that changed are mapped again (machine-list.ts).
      const read = list.read(
        answer.map((raw) => JSON.stringify(raw)),
        (i) => answer[i],
      );
      const machines = list.withIssues(read.machines, issues);
      // Nothing changed: the same data object, so the store has nothing to publish and the views nothing to redraw.
      const data = last?.machines === machines ? last.data : { machines };
      last = { machines, data };
      const { problems } = read;
      if (problems.length > 0) {
        throw new FailedRead(`${problems.length} machine(s) could not be read: ${problems.slice(0, 2).join('; ')}${problems.length > 2 ? `; ${problems.length - 2} more` : ''}`, data);
      }
      return data;
    },
  };
}
