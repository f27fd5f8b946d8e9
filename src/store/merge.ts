import type { DomainKey, PartialRackData, RackData } from '../model/snapshot';
import { EMPTY_DATA } from '../model/snapshot';

/** Every domain a source may deliver, in screen order. */
export const DOMAINS: readonly DomainKey[] = ['topology', 'bgp', 'machines', 'shoots', 'controlPlanes', 'backups', 'etcds', 'switches', 'apis'];

/**
 * Merges the data of several sources into one RackData. A domain delivered by one source is passed through by
 * reference, so an unchanged domain stays the same object from snapshot to snapshot (cheap for the views).
 */
export function mergeData(parts: readonly PartialRackData[]): { data: RackData; domains: DomainKey[] } {
  const domains: DomainKey[] = [];
  const out: Record<string, unknown> = { ...EMPTY_DATA };
  for (const key of DOMAINS) {
    const present = parts.filter((p) => p[key] !== undefined);
    if (present.length === 0) continue;
    domains.push(key);
    out[key] = present.length === 1 ? present[0]?.[key] : combine(key, present);
  }
  const incident = parts.find((p) => p.incident)?.incident;
  if (incident) out.incident = incident;
  return { data: out as unknown as RackData, domains };
}

function combine(key: DomainKey, parts: readonly PartialRackData[]): unknown {
  switch (key) {
    case 'topology':
      return {
        nodes: parts.flatMap((p) => p.topology?.nodes ?? []),
        links: parts.flatMap((p) => p.topology?.links ?? []),
      };
    case 'bgp':
      return { switches: parts.flatMap((p) => p.bgp?.switches ?? []) };
    default:
      return parts.flatMap((p) => (p[key] ?? []) as readonly unknown[]);
  }
}
