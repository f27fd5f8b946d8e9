// The lab console's status command (UX finding 29): peer lines, not only the header; a stopped bgpd in one line.
import { describe, expect, it } from 'vitest';
import { bgpSummaryLines, vtyshError } from './lab/lab-status';

const SUMMARY = `
IPv4 Unicast Summary (VRF default):
BGP router identifier 10.0.0.1, local AS number 4200018000 vrf-id 0
BGP table version 3
RIB entries 5, using 960 bytes of memory
Peers 2, using 1448 KiB of memory

Neighbor        V         AS   MsgRcvd   MsgSent   TblVer  InQ OutQ  Up/Down State/PfxRcd   PfxSnt Desc
leaf01(swp1)    4 4200017001        12        14        3    0    0 00:00:31            1        3 N/A
swp2            4 4200017002         0         0        0    0    0    never       Active        0 N/A

Total number of neighbors 2
`;

describe('lab status lines', () => {
  it('keeps the neighbour table with every peer line, also one FRR names by host name', () => {
    const lines = bgpSummaryLines(SUMMARY);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Neighbor/);
    expect(lines[1]).toMatch(/^leaf01\(swp1\)/);
    expect(lines[2]).toMatch(/^swp2 .*Active/);
  });

  it('says a stopped bgpd in one line, without the netns command line', () => {
    const message = 'Command failed with exit code 1: ip netns exec rplab-1-x-spine /usr/bin/vtysh --vty_socket /tmp/x -c show bgp summary\n\nbgpd is not running';
    expect(vtyshError(message)).toBe('bgpd is not running');
    // The harness's own shape, all on one line.
    expect(vtyshError('/usr/sbin/ip netns exec rplab-1-x-spine /usr/bin/vtysh --vty_socket /tmp/x/spine/frr -c show bgp summary failed: bgpd is not running')).toBe('bgpd is not running');
  });
});
