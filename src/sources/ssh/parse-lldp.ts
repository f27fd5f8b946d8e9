/**
 * lldpd's `lldpctl -f json` and `-f json0` → one LldpNeighbour per (local port, remote chassis).
 * `json` uses names as keys and collapses one-element lists: `lldp.interface` is an object with one neighbour
 * and a list of one-key objects with several, and a chassis is keyed by its name unless it sent none.
 * `json0` always uses lists and wraps text in {"value": …}.
 */
import * as z from 'zod';
import { check, jsonObject, type PathSegment, parseJsonOutput, unexpected } from '../output-shape';

export interface LldpNeighbour {
  /** Our interface the neighbour was heard on (always the real local interface name). */
  readonly localPort: string;
  /** The neighbour's system name (LLDP SysName), usually its hostname. */
  readonly chassisName?: string;
  /** The chassis id value, mostly a MAC address. */
  readonly chassisId?: string;
  readonly chassisDescr?: string;
  /** The neighbour's port id value; its meaning depends on portIdType. */
  readonly portId?: string;
  /** ifname (an interface name), local (SONiC: the port alias), mac, ... */
  readonly portIdType?: string;
  readonly portDescr?: string;
  readonly mgmtIp?: string[];
}

const id = z.object({ type: z.string().optional(), value: z.string() });
const ips = z.union([z.string(), z.array(z.string())], { error: 'expected an address or a list of addresses' });
const chassisJson = z.object({ id: id.optional(), descr: z.string().optional(), 'mgmt-ip': ips.optional() });
const portJson = z.object({ id: id.optional(), descr: z.string().optional() });
const objectSchema = jsonObject;
const interfaceJson = z.object({ chassis: objectSchema.optional(), port: portJson.optional() });

const text0 = z.array(z.object({ value: z.string() }));
const chassis0 = z.object({ id: z.array(id).optional(), name: text0.optional(), descr: text0.optional(), 'mgmt-ip': text0.optional() });
const port0 = z.object({ id: z.array(id).optional(), descr: text0.optional() });
const interface0 = z.object({ name: z.string(), chassis: z.array(chassis0).optional(), port: z.array(port0).optional() });
const json0 = z.array(z.object({ interface: z.array(interface0).optional() }));

export function parseLldp(stdout: string): LldpNeighbour[] {
  const top = check(objectSchema, parseJsonOutput(stdout));
  if (top.lldp === undefined) throw unexpected(['lldp'], 'is missing');
  if (Array.isArray(top.lldp)) return fromJson0(check(json0, top.lldp, ['lldp']));
  // No neighbours at all: lldpd prints {"lldp": {}}.
  const lldp = check(objectSchema, top.lldp, ['lldp']);
  // Anything but `interface` here is not lldpctl's output (wrapped, another tool's): an error, not "no neighbours".
  const stray = Object.keys(lldp).find((k) => k !== 'interface');
  if (stray !== undefined) throw unexpected(['lldp', stray], 'is not what lldpctl prints (expected interface)');
  if (lldp.interface === undefined) return [];
  const entries: Array<[string, unknown, PathSegment[]]> = [];
  if (Array.isArray(lldp.interface)) {
    lldp.interface.forEach((item, i) => {
      for (const [name, body] of Object.entries(check(objectSchema, item, ['lldp', 'interface', i]))) {
        entries.push([name, body, ['lldp', 'interface', i, name]]);
      }
    });
  } else {
    for (const [name, body] of Object.entries(check(objectSchema, lldp.interface, ['lldp', 'interface']))) {
      entries.push([name, body, ['lldp', 'interface', name]]);
    }
  }
  return entries.map(([localPort, body, path]) => fromJson(localPort, check(interfaceJson, body, path), path));
}

function fromJson(localPort: string, body: z.output<typeof interfaceJson>, path: PathSegment[]): LldpNeighbour {
  const { name, chassis } = splitChassis(body.chassis ?? {}, [...path, 'chassis']);
  const mgmt = chassis['mgmt-ip'];
  return neighbour({
    localPort,
    chassisName: name,
    chassisId: chassis.id?.value,
    chassisDescr: chassis.descr,
    portId: body.port?.id?.value,
    portIdType: body.port?.id?.type,
    portDescr: body.port?.descr,
    mgmtIp: mgmt === undefined ? undefined : Array.isArray(mgmt) ? mgmt : [mgmt],
  });
}

/** A chassis that sent a system name is keyed by it; one that did not is the body itself (it has an id). */
function splitChassis(raw: Record<string, unknown>, path: PathSegment[]): { name?: string; chassis: z.output<typeof chassisJson> } {
  const keys = Object.keys(raw);
  const unnamed = keys.length === 0 || ('id' in raw && typeof raw.id === 'object' && raw.id !== null && 'value' in raw.id);
  if (unnamed) return { chassis: check(chassisJson, raw, path) };
  const name = keys[0] as string;
  return { name, chassis: check(chassisJson, raw[name], [...path, name]) };
}

function fromJson0(lldp: z.output<typeof json0>): LldpNeighbour[] {
  return lldp.flatMap((block) =>
    (block.interface ?? []).map((itf) => {
      const chassis = itf.chassis?.[0];
      const port = itf.port?.[0];
      const mgmt = chassis?.['mgmt-ip']?.map((x) => x.value);
      return neighbour({
        localPort: itf.name,
        chassisName: chassis?.name?.[0]?.value,
        chassisId: chassis?.id?.[0]?.value,
        chassisDescr: chassis?.descr?.[0]?.value,
        portId: port?.id?.[0]?.value,
        portIdType: port?.id?.[0]?.type,
        portDescr: port?.descr?.[0]?.value,
        mgmtIp: mgmt,
      });
    }),
  );
}

type Loose = { [K in keyof LldpNeighbour]: LldpNeighbour[K] | undefined };

/** Drops absent and empty fields, so consumers can test with `!== undefined`. */
function neighbour(n: Loose): LldpNeighbour {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as unknown as LldpNeighbour;
}
