/** Whether a store's addresses lie in the rack's own networks (rack.networks): such a store dies with the rack. */
import { BlockList, isIP } from 'node:net';

export function inNetworks(addresses: readonly string[], cidrs: readonly string[]): boolean {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net = '', bits = '0'] = cidr.split('/');
    list.addSubnet(net, Number(bits), isIP(net) === 6 ? 'ipv6' : 'ipv4');
  }
  return addresses.some((a) => list.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4'));
}
