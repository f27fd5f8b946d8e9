import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors';
import { parseLldp } from '../../src/sources/ssh/parse-lldp';
import { frr, LEAF01_LLDP, SPINE_LLDP, SPINE_LLDP_LINK_DOWN } from './frr-fixtures';

const SPINE_NEIGHBOURS = [
  {
    localPort: 'swp1',
    chassisName: 'leaf01',
    chassisId: '16:38:d2:df:83:a9',
    chassisDescr: 'rack-lab switch leaf01',
    portId: 'swp1',
    portIdType: 'ifname',
    portDescr: 'swp1',
    mgmtIp: ['10.255.0.2', 'fe80::1438:d2ff:fedf:83a9'],
  },
  {
    localPort: 'swp2',
    chassisName: 'leaf02',
    chassisId: '5a:19:d7:92:51:28',
    chassisDescr: 'rack-lab switch leaf02',
    portId: 'swp1',
    portIdType: 'ifname',
    portDescr: 'swp1',
    mgmtIp: ['10.255.0.3', 'fe80::5819:d7ff:fe92:5128'],
  },
];

describe('parseLldp', () => {
  it('reads one neighbour, where lldpctl -f json prints `interface` as an object (leaf01, real capture)', () => {
    expect(parseLldp(frr(LEAF01_LLDP))).toEqual([
      {
        localPort: 'swp1',
        chassisName: 'spine',
        chassisId: 'c6:9f:17:26:52:52',
        chassisDescr: 'SONiC lab spine',
        portId: 'c6:9f:17:26:52:52',
        portIdType: 'mac',
        portDescr: 'swp1',
        mgmtIp: ['10.255.255.1', 'fe80::c49f:17ff:fe26:5252'],
      },
    ]);
  });

  it('reads two neighbours, where `interface` is a list of one-key objects (spine, real capture)', () => {
    expect(parseLldp(frr(SPINE_LLDP))).toEqual(SPINE_NEIGHBOURS);
  });

  it('reads -f json0 (lists and {"value": …} wrappers) to the same neighbours', () => {
    expect(parseLldp(frr('handcrafted-lldpctl-spine-json0.json'))).toEqual(SPINE_NEIGHBOURS);
  });

  it('reads a chassis that sent no system name (keyed by nothing, identified by its id) and a single mgmt-ip', () => {
    expect(parseLldp(frr('handcrafted-lldpctl-unnamed-chassis.json'))).toEqual([
      { localPort: 'Ethernet0', chassisId: 'aa:bb:cc:00:00:01', chassisDescr: 'metal-hammer', portId: 'aa:bb:cc:00:00:01', portIdType: 'mac', portDescr: 'lan0' },
      {
        localPort: 'Ethernet120',
        chassisName: 'spine01',
        chassisId: '04:f8:f8:a8:00:e4',
        portId: 'etp1',
        portIdType: 'local',
        portDescr: 'leaf01:Ethernet120',
        mgmtIp: ['192.168.1.10'],
      },
    ]);
  });

  it('keeps a local port or a chassis named __proto__', () => {
    const stdout = '{"lldp":{"interface":{"__proto__":{"chassis":{"constructor":{"id":{"type":"mac","value":"02:00:00:00:00:01"}}},"port":{"id":{"type":"ifname","value":"swp9"}}}}}}';
    expect(parseLldp(stdout)).toEqual([{ localPort: '__proto__', chassisName: 'constructor', chassisId: '02:00:00:00:00:01', portId: 'swp9', portIdType: 'ifname' }]);
  });

  it('reads no neighbours as an empty list, in both formats', () => {
    expect(parseLldp(frr('handcrafted-lldpctl-no-neighbours.json'))).toEqual([]);
    expect(parseLldp('{"lldp":[{}]}')).toEqual([]);
  });

  it('reads the spine with one neighbour left as an object again', () => {
    expect(parseLldp(frr(SPINE_LLDP_LINK_DOWN))).toEqual([SPINE_NEIGHBOURS[0]]);
  });
});

describe('parseLldp refuses garbage with one short line', () => {
  const full = frr(SPINE_LLDP);
  const cases: Array<[string, string, string]> = [
    ['empty stdout', '', 'output is empty'],
    ['cut after the first line', full.slice(0, 2), 'output is not JSON (truncated?)'],
    ['cut inside the second neighbour', full.slice(0, 1800), 'output is not JSON (truncated?)'],
    ['an HTML page', '<html><head><title>login</title></head></html>', 'output is HTML, not JSON'],
    ['lldpd not running', 'lldpctl: unable to connect to lldpd daemon', 'output is not JSON: starts with "lldpctl: unable to connect to lldpd d..."'],
    ['an empty object', '{}', 'unexpected output shape: lldp is missing'],
    ['the output wrapped in "data"', `{"data":${full}}`, 'unexpected output shape: lldp is missing'],
    ['the neighbours wrapped inside lldp', `{"lldp":{"data":${JSON.stringify(JSON.parse(full).lldp)}}}`, 'unexpected output shape: lldp.data is not what lldpctl prints (expected interface)'],
    ['lldp as a string', '{"lldp":"x"}', 'unexpected output shape: lldp is a string ("x"), expected an object'],
    ['interface as a number', '{"lldp":{"interface":3}}', 'unexpected output shape: lldp.interface is a number, expected an object'],
    ['a chassis id that is not an object', '{"lldp":{"interface":{"swp1":{"chassis":{"spine":{"id":5}}}}}}', 'unexpected output shape: lldp.interface.swp1.chassis.spine.id is a number, expected an object'],
    ['a port description that is a number', '{"lldp":{"interface":[{"swp1":{"port":{"descr":7}}}]}}', 'unexpected output shape: lldp.interface[0].swp1.port.descr is a number, expected a string'],
    ['json0 interface without a name', '{"lldp":[{"interface":[{"chassis":[]}]}]}', 'unexpected output shape: lldp[0].interface[0].name is missing'],
    ['json0 text without its value wrapper', '{"lldp":[{"interface":[{"name":"swp1","port":[{"descr":"swp1"}]}]}]}', 'unexpected output shape: lldp[0].interface[0].port[0].descr is a string ("swp1"), expected a list'],
  ];
  it.each(cases)('%s', (_what, stdout, message) => {
    let error: unknown;
    try {
      parseLldp(stdout);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toBe(message);
  });
});
