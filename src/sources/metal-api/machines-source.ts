/**
 * `machines (metal-api)`: every machine with its power state (`POST /v1/machine/ipmi/find`, filtered by partition and
 * rack as configured) and the issues metal-api evaluates for it (machine-issues.ts), polled: metal-api streams
 * nothing, every answer embeds each machine's event log. A machine that cannot be read (not JSON, not a machine) is
 * named and the others shown; an answer that is not a list is an error of the source.
 */
import type { MetalApi } from '../../clients/metal-api/metal-api';
import type { Machine } from '../../model/machine';
import type { Millis } from '../../model/time';
import { SourceError } from '../../errors';
import { FailedRead, type Source } from '../source';
import { evaluateIssues, type IssueCatalogue, readCatalogue } from './machine-issues';
import { MachineList } from './machine-list';
import { unreadable } from './read-list';

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
      const [items, issues] = await Promise.all([api.postList('/v1/machine/ipmi/find', find, signal, list.knows), evaluateIssues(api, find, catalogue, signal)]);
      // Each machine's key against the last answer's: only machines that changed are decoded, parsed and mapped
      // again (machine-list.ts); the answer (8 MB for 1,700 machines) is never held or parsed whole.
      const read = list.read(items, parseItem);
      const machines = list.withIssues(read.machines, issues);
      // Nothing changed: the same data object, so the store has nothing to publish and the views nothing to redraw.
      const data = last?.machines === machines ? last.data : { machines };
      last = { machines, data };
      const { problems } = read;
      if (problems.length > 0) {
        throw new FailedRead(unreadable(problems, 'machine'), data);
      }
      return data;
    },
  };
}

function parseItem(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // The engine's message quotes the text around the error: a line of a machine's JSON says nothing more.
    throw new SourceError('is not JSON');
  }
}
