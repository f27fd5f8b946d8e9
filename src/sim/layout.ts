import { buildFabric, BOOTSTRAP_ID, ROUTER_ID } from './layout-fabric';
import { miniRackPlan, scaledPlan } from './layout-plan';
import { buildBackups, CONTROL_PLANES } from './layout-platform';
import { buildTenants } from './layout-tenants';
import type { Layout } from './layout-types';
import { indexByNode, nodeRows } from './node-index';
import type { Rng } from './rng';

/** Builds the reference mini-rack, or with scale a rack of that many machines. */
export function buildLayout(rng: Rng, scale?: number): Layout {
  const plan = scale === undefined ? miniRackPlan() : scaledPlan(scale);
  const tenants = buildTenants(plan, rng);
  const fabric = buildFabric(plan, tenants.machines);
  const rows = nodeRows((at) => {
    for (const n of fabric.nodes) at(n.id);
    for (const l of fabric.links) {
      at(l.a.node);
      at(l.b.node);
    }
    for (const p of fabric.peerings) {
      at(p.switch);
      at(p.peerNode);
    }
  });
  const linksByNode = indexByNode(rows, fabric.links.length, (i, at) => {
    const l = fabric.links[i];
    if (!l) return;
    at(l.a.node);
    at(l.b.node);
  });
  // A peering's index is its place in the list (layout-fabric.ts).
  const peeringsByNode = indexByNode(rows, fabric.peerings.length, (i, at) => {
    const p = fabric.peerings[i];
    if (!p) return;
    at(p.switch);
    at(p.peerNode);
  });
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
