/**
 * What to do about a switch rackpilot cannot read, said once: the findings (pane, overview, status) and
 * `rackpilot doctor`'s hint line give the same advice for the same failure.
 */

/** SSH works, vtysh does not: FRR's BGP daemon is down (not the switch, not the management network). */
export function bgpdHint(name: string): string {
  return `on ${name}: is FRR's bgpd running (systemctl status frr, or the bgp container on SONiC: docker ps)? vtysh -c 'show bgp summary' says what it sees`;
}

/** No SSH session at all: the switch, its management link or its sshd. */
export function sshHint(name: string): string {
  return `${name} does not answer over SSH: check its power and management link, sshd, and the host key in known_hosts`;
}

/** vtysh answered, but not with FRR's JSON. */
export function outputHint(name: string): string {
  return `${name} answers over SSH, but what it printed is not FRR's JSON: check the configured bgp command and FRR's version`;
}

/** SSH and FRR work, LLDP does not: the topology of this switch stays unknown. */
export function lldpHint(name: string): string {
  return `on ${name}: is lldpd running (systemctl status lldpd, or the lldp container on SONiC: docker ps)? lldpctl -f json says what it sees`;
}
