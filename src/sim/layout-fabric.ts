import type { LinkKind } from '../model/topology';
import { ethernet } from './ids';
import type { FamilySpec, LinkSpec, NodeSpec, PeeringSpec, SwitchSpec } from './layout-types';
import type { Plan } from './layout-plan';
import type { PlacedMachine } from './layout-tenants';

export const ROUTER_ID = 'router';
export const BOOTSTRAP_ID = 'bootstrap';
export const ROUTER_AS = 4200010001;
const SPINE_AS_BASE = 4200018000;
const LEAF_AS_BASE = 4200017000;
const MACHINE_AS_BASE = 4210000000;

export interface Fabric {
  readonly nodes: NodeSpec[];
  readonly links: LinkSpec[];
  readonly switches: SwitchSpec[];
  readonly peerings: PeeringSpec[];
}

interface SwitchDraft {
  name: string;
  role: 'spine' | 'leaf';
  routerId: string;
  as: number;
  mgmtIp: string;
  peerings: PeeringSpec[];
}

/** Cables and BGP neighbours: router -> spines -> leaf pairs -> dual-homed machines, plus the bootstrap node. */
export function buildFabric(plan: Plan, machines: readonly PlacedMachine[]): Fabric {
  const nodes: NodeSpec[] = [];
  const links: LinkSpec[] = [];
  const switches: SwitchDraft[] = [];
  const peerings: PeeringSpec[] = [];
  const link = (a: string, ap: string, b: string, bp: string, kind: LinkKind): number => {
    links.push({ id: `${a}:${ap}--${b}:${bp}`, a: { node: a, port: ap }, b: { node: b, port: bp }, kind, state: 'up' });
    return links.length - 1;
  };
  const peer = (sw: SwitchDraft, p: Omit<PeeringSpec, 'index' | 'switch' | 'localAs'>): void => {
    // Explicit fields rather than a spread: this runs tens of thousands of times at --scale.
    const spec: PeeringSpec = {
      index: peerings.length,
      switch: sw.name,
      neighbor: p.neighbor,
      idType: p.idType,
      peerNode: p.peerNode,
      peerHostname: p.peerHostname,
      remoteAs: p.remoteAs,
      localAs: sw.as,
      peerGroup: p.peerGroup,
      link: p.link,
      families: p.families,
    };
    peerings.push(spec);
    sw.peerings.push(spec);
  };
  const byPartition = new Map<string, PlacedMachine[]>();
  for (const m of machines) {
    const list = byPartition.get(m.spec.partition) ?? [];
    list.push(m);
    byPartition.set(m.spec.partition, list);
  }

  nodes.push({
    id: ROUTER_ID,
    name: 'router',
    role: 'router',
    addresses: ['100.64.0.1', '192.168.1.1', '10.255.0.1'],
    description: 'Teltonika RUTX10',
    reachability: 'up',
  });
  let switchNo = 0;
  let spineNo = 0;
  let leafNo = 0;
  plan.partitions.forEach((partition, p) => {
    const members = byPartition.get(partition.name) ?? [];
    const firewalls = members.filter((m) => m.spec.role === 'firewall').length;
    const leaves = partition.leafPairs.flatMap((pair) => [
      { name: pair.a, rack: pair.rack, pair },
      { name: pair.b, rack: pair.rack, pair },
    ]);
    const spines = partition.spines.map((name, s): SwitchDraft => {
      const sw: SwitchDraft = {
        name,
        role: 'spine',
        routerId: `10.0.${p}.${s + 1}`,
        as: SPINE_AS_BASE + ++spineNo,
        mgmtIp: plan.mgmtIp(switchNo++),
        peerings: [],
      };
      switches.push(sw);
      nodes.push(switchNode(sw, partition.name, undefined, plan));
      return sw;
    });
    const leafDrafts = leaves.map((leaf, j): SwitchDraft => {
      const sw: SwitchDraft = {
        name: leaf.name,
        role: 'leaf',
        routerId: `10.0.${p}.${11 + j}`,
        as: LEAF_AS_BASE + ++leafNo,
        mgmtIp: plan.mgmtIp(switchNo++),
        peerings: [],
      };
      switches.push(sw);
      nodes.push(switchNode(sw, partition.name, leaf.rack, plan));
      return sw;
    });
    spines.forEach((spine, s) => {
      const k = spineNo - spines.length + s;
      // The thesis dual-cables router and spine: one cable for BGP, one for DHCP management.
      const routerIp = `10.255.${k >> 6}.${(k & 63) * 4 + 1}`;
      const uplink = link(ROUTER_ID, `lan${2 * k + 1}`, spine.name, ethernet(2 * leaves.length), 'uplink');
      link(ROUTER_ID, `lan${2 * k + 2}`, spine.name, 'eth0', 'management');
      peer(spine, {
        neighbor: routerIp,
        idType: 'ipv4',
        peerNode: ROUTER_ID,
        peerHostname: 'router',
        remoteAs: ROUTER_AS,
        peerGroup: 'UPLINK',
        link: uplink,
        families: [{ vrf: 'default', addressFamily: 'ipv4Unicast', received: 1, sent: 3 + 2 * firewalls }],
      });
    });
    leafDrafts.forEach((leaf, j) => {
      const onLeaf = members.filter((m) => m.leafA === leaf.name || m.leafB === leaf.name);
      const fwOnLeaf = onLeaf.filter((m) => m.spec.role === 'firewall').length;
      const leafSent = fam(1 + 2 * fwOnLeaf, 2 + 3 * onLeaf.length);
      const leafReceived = fam(3 + 2 * firewalls, 4 + 3 * members.length);
      spines.forEach((spine, s) => {
        const id = link(spine.name, ethernet(j), leaf.name, ethernet(plan.leafMachinePorts + s), 'underlay');
        if (s === 0) link(spine.name, ethernet(leaves.length + j), leaf.name, 'eth0', 'management');
        const fabric = { idType: 'interface', peerGroup: 'FABRIC', link: id } as const;
        peer(spine, { ...fabric, neighbor: ethernet(j), peerNode: leaf.name, peerHostname: leaf.name, remoteAs: leaf.as, families: both(leafSent, leafReceived) });
        peer(leaf, { ...fabric, neighbor: ethernet(plan.leafMachinePorts + s), peerNode: spine.name, peerHostname: spine.name, remoteAs: spine.as, families: both(leafReceived, leafSent) });
      });
      for (const m of onLeaf) machinePeering(leaf, m, link, peer);
    });
  });
  for (const m of machines) {
    nodes.push({
      id: m.spec.id,
      name: m.spec.name,
      role: m.spec.role === 'firewall' ? 'firewall' : 'machine',
      addresses: [`10.${128 + (m.index >> 16)}.${(m.index >> 8) & 255}.${m.index & 255}`],
      partition: m.spec.partition,
      rack: m.spec.rack,
      description: plan.machineDescription,
      reachability: 'up',
    });
  }
  nodes.push({ id: BOOTSTRAP_ID, name: 'bootstrap', role: 'bootstrap', addresses: ['192.168.1.20'], description: 'Beelink EQR6, k3s', reachability: 'up' });
  link(ROUTER_ID, `lan${2 * spineNo + 1}`, BOOTSTRAP_ID, 'eth0', 'management');
  return { nodes, links, switches, peerings };

  function fam(ipv4: number, evpn: number) {
    return { ipv4, evpn };
  }
}

type Counts = { ipv4: number; evpn: number };

/** Unnumbered FABRIC sessions carry IPv4 unicast and the EVPN overlay. */
function both(received: Counts, sent: Counts): FamilySpec[] {
  return [
    { vrf: 'default', addressFamily: 'ipv4Unicast', received: received.ipv4, sent: sent.ipv4 },
    { vrf: 'default', addressFamily: 'l2VpnEvpn', received: received.evpn, sent: sent.evpn },
  ];
}

function machinePeering(
  leaf: SwitchDraft,
  m: PlacedMachine,
  link: (a: string, ap: string, b: string, bp: string, kind: LinkKind) => number,
  peer: (sw: SwitchDraft, p: Omit<PeeringSpec, 'index' | 'switch' | 'localAs'>) => void,
): void {
  const port = ethernet(m.port);
  const linkIndex = link(leaf.name, port, m.spec.id, leaf.name === m.leafA ? 'lan0' : 'lan1', 'machine');
  if (!m.hostname) return; // unallocated machines are not configured as BGP neighbours
  const firewall = m.spec.role === 'firewall';
  peer(leaf, {
    neighbor: port,
    idType: 'interface',
    peerNode: m.spec.id,
    peerHostname: m.hostname,
    remoteAs: MACHINE_AS_BASE + m.index,
    link: linkIndex,
    // Firewalls peer in the default VRF and carry EVPN; workers peer inside their tenant VRF.
    peerGroup: firewall ? 'FIREWALL' : 'MACHINE',
    families: firewall ? firewallFamilies(m.shootSize) : workerFamilies(m.vrf ?? 'default'),
  });
}

// Machine peerings with the same numbers share one families list: at --scale there are tens of thousands.
const FIREWALL_FAMILIES = new Map<number, readonly FamilySpec[]>();
const WORKER_FAMILIES = new Map<string, readonly FamilySpec[]>();

function firewallFamilies(shootSize: number): readonly FamilySpec[] {
  let f = FIREWALL_FAMILIES.get(shootSize);
  if (!f) {
    f = [
      { vrf: 'default', addressFamily: 'ipv4Unicast', received: 2, sent: 4 + shootSize },
      { vrf: 'default', addressFamily: 'l2VpnEvpn', received: 1, sent: 2 * shootSize },
    ];
    FIREWALL_FAMILIES.set(shootSize, f);
  }
  return f;
}

function workerFamilies(vrf: string): readonly FamilySpec[] {
  let f = WORKER_FAMILIES.get(vrf);
  if (!f) {
    f = [{ vrf, addressFamily: 'ipv4Unicast', received: 1, sent: 3 }];
    WORKER_FAMILIES.set(vrf, f);
  }
  return f;
}

function switchNode(sw: SwitchDraft, partition: string, rack: string | undefined, plan: Plan): NodeSpec {
  return {
    id: sw.name,
    name: sw.name,
    role: sw.role,
    addresses: [sw.mgmtIp, sw.routerId],
    partition,
    ...(rack ? { rack } : {}),
    description: plan.switchDescription,
    reachability: 'up',
  };
}
