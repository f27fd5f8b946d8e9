/**
 * FRR's address-family keys as operators say them (vtysh prints "IPv4 Unicast", "L2VPN EVPN"); the JSON keys
 * stay the ids. An unknown key is shown as it is.
 */
const NAMES: Readonly<Record<string, string>> = {
  ipv4Unicast: 'IPv4 Unicast',
  ipv6Unicast: 'IPv6 Unicast',
  ipv4Multicast: 'IPv4 Multicast',
  ipv6Multicast: 'IPv6 Multicast',
  ipv4Vpn: 'IPv4 VPN',
  ipv6Vpn: 'IPv6 VPN',
  ipv4Flowspec: 'IPv4 Flowspec',
  ipv6Flowspec: 'IPv6 Flowspec',
  ipv4LabeledUnicast: 'IPv4 Labeled',
  ipv6LabeledUnicast: 'IPv6 Labeled',
  l2VpnEvpn: 'L2VPN EVPN',
};

export function addressFamilyName(key: string): string {
  return NAMES[key] ?? key;
}
