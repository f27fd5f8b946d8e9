import { buildFabric, BOOTSTRAP_ID, ROUTER_ID } from './layout-fabric';
import { miniRackPlan, scaledPlan } from './layout-plan';
import { buildBackups, CONTROL_PLANES } from './layout-platform';
import { buildTenants } from './layout-tenants';
import type { Layout } from './layout-types';
import type { Rng } from './rng';

/** Builds the reference mini-rack, or with scale a rack of that many machines. */
export function buildLayout(rng: Rng, scale?: number): Layout {
  const plan = scale === undefined ? miniRackPlan() : scaledPlan(scale);
  const tenants = buildTenants(plan, rng);
  const fabric = buildFabric(plan, tenants.machines);
  const linksByNode = new Map<string, number[]>();
  const peeringsByNode = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, i: number) => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  fabric.links.forEach((l, i) => {
    add(linksByNode, l.a.node, i);
    add(linksByNode, l.b.node, i);
  });
  for (const p of fabric.peerings) {
    add(peeringsByNode, p.switch, p.index);
    add(peeringsByNode, p.peerNode, p.index);
  }
  return {
    nodes: fabric.nodes,
    links: fabric.links,
    routerId: ROUTER_ID,
    bootstrapId: BOOTSTRAP_ID,
    switches: fabric.switches,
    peerings: fabric.peerings,
    machines: tenants.machines.map((m) => m.spec),
    shoots: tenants.shoots,
    controlPlanes: CONTROL_PLANES,
    backups: buildBackups(tenants.shoots, tenants.machines.length, rng),
    linksByNode,
    peeringsByNode,
  };
}
