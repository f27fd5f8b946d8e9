/** Reads the FRR / lldpd outputs under test/fixtures/frr (see its README for which are real captures). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'frr');

export function frr(name: string): string {
  return readFileSync(join(DIR, name), 'utf8');
}

export const SPINE_ESTABLISHED = 'bgp-summary-spine-established.json';
export const SPINE_BGPD_KILLED = 'bgp-summary-spine-leaf02-bgpd-killed.json';
export const SPINE_LINK_DOWN = 'bgp-summary-spine-leaf02-link-down.json';
export const LEAF01_BGP = 'handcrafted-bgp-summary-leaf01.json';
export const LEAF02_BGP = 'handcrafted-bgp-summary-leaf02.json';
export const SPINE_LLDP = 'lldpctl-spine-two-neighbours.json';
export const SPINE_LLDP_LINK_DOWN = 'handcrafted-lldpctl-spine-leaf02-link-down.json';
export const LEAF01_LLDP = 'lldpctl-leaf01-one-neighbour.json';
export const LEAF02_LLDP = 'handcrafted-lldpctl-leaf02-one-neighbour.json';
export const BGPD_DOWN_STDERR = 'vtysh-stderr-when-bgpd-down.txt';
