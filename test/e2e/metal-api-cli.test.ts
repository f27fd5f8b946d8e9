/**
 * status against a stand-in metal-api (metal-api cannot run here): HMAC checked as metal-api does, every machine
 * body validated against the contract (v1.MachineIPMIResponse), the built program reading it as an operator's
 * script would.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertContract, assertContractList, minimal, overlay } from '../fixtures/metal-api/contract';
import { switchFixture } from '../fixtures/metal-api/switches';
import { killedAfterEach, testDir } from '../helpers/cleanup';
import { MetalApiServer } from '../helpers/metal-api-server';
import { runCliAsync } from '../helpers/run-cli';

const dir = testDir('rackpilot-metal-api-');
const children = killedAfterEach();
const KEY = 'view-key';
let server: MetalApiServer;
let url: string;
let answer: () => { body?: unknown; raw?: string } = () => ({ body: [] });
let evaluated: Array<{ machineid: string; issues: string[] }> = [];
let switches: unknown[] = [];
let unhealthy = false;
const CATALOGUE = [
  { id: 'crashloop', severity: 'major', description: 'machine is in a provisioning crash loop (⭕)', ref_url: 'https://docs.metal-stack.io/stable/operating/troubleshoot/#crashloop', details: '' },
  { id: 'liveliness-dead', severity: 'major', description: 'the machine is not sending events anymore', ref_url: '', details: '' },
  { id: 'failed-machine-reclaim', severity: 'critical', description: 'machine phones home but not allocated', ref_url: '', details: '' },
];

// The contract's definition of each route's 200 body (shared/contracts/metal-api.json, paths → responses).
const LISTS: Record<string, string> = {
  'POST /v1/machine/ipmi/find': 'v1.MachineIPMIResponse',
  'GET /v1/machine/issues': 'v1.MachineIssue',
  'POST /v1/machine/issues/evaluate': 'v1.MachineIssueResponse',
  'GET /v1/switch': 'v1.SwitchResponse',
};
const OBJECTS: Record<string, string> = { 'GET /v1/health': 'rest.HealthResponse', 'GET /v1/version': 'rest.version' };

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
const machine = (id: string, over: Record<string, unknown>) => overlay(minimal('v1.MachineIPMIResponse'), { id, name: id, rackid: 'rack-1', ...over });

beforeAll(async () => {
  server = new MetalApiServer({
    hmacKeys: { 'Metal-View': KEY },
    routes: {
      'GET /v1/health': () =>
        unhealthy
          ? { status: 500, body: { status: 'unhealthy', message: 'rethinkdb down', services: { rethinkdb: { status: 'unhealthy', message: 'connection refused' } } } }
          : { body: { status: 'healthy', message: 'all services healthy', services: {} } },
      'GET /v1/version': () => ({ body: { name: 'metal-api', version: 'v0.40.0', revision: 'r', gitsha1: 'g', builddate: 'b', min_client_version: 'v0.0.1' } }),
      'POST /v1/machine/ipmi/find': () => answer(),
      'GET /v1/machine/issues': () => ({ body: CATALOGUE }),
      'POST /v1/machine/issues/evaluate': () => ({ body: evaluated }),
      'GET /v1/switch': () => ({ body: switches }),
    },
    validate: (route, body) => {
      const list = LISTS[route];
      const one = OBJECTS[route];
      if (list) assertContractList(list, body);
      else if (one) assertContract(one, body);
      else throw new Error(`no contract definition for ${route}`);
    },
  });
  url = await server.listen();
});
afterAll(() => server.close());

const status = (config: string, env: Record<string, string> = {}, args = ['status', '--json']) =>
  runCliAsync([...args, '--config', config], { HOME: dir, ...env }, children);

function config(name: string): string {
  const file = join(dir, name);
  writeFileSync(file, `metalApi:\n  url: ${url}\n  hmacKeyEnv: METAL_VIEW_KEY\n  timeout: 2s\n`);
  return file;
}

type Json = { sources: Array<{ name: string; kind: string; state: string; lastError: { message: string } | null }>; findings: Array<{ rule: string; subject: { id: string } }> };

describe('status on metal-api (stand-in server, contract-checked bodies)', { timeout: 30_000 }, () => {
  it('reads the machines with HMAC; the issues the server evaluated are findings under their ids, next to those of rackpilot', async () => {
    evaluated = [
      { machineid: 'm-dead', issues: ['crashloop', 'liveliness-dead'] },
      { machineid: 'm-alive', issues: [] },
    ];
    answer = () => ({
      body: [
        machine('m-alive', { liveliness: 'Alive', events: { crash_loop: false, failed_machine_reclaim: false, log: [{ event: 'Phoned Home', message: '', time: at(1) }] } }),
        machine('m-dead', { liveliness: 'Dead', events: { crash_loop: true, failed_machine_reclaim: false, log: [{ event: 'Crashed', message: 'kernel panic', time: at(9) }] } }),
      ],
    });
    const r = await status(config('ok.yaml'), { METAL_VIEW_KEY: KEY });
    const json = JSON.parse(r.stdout) as Json;
    expect(json.sources.map((s) => [s.name, s.kind, s.state])).toEqual([
      ['machines (metal-api)', 'metal-api', 'ok'],
      ['switches (metal-api)', 'metal-api', 'ok'],
      ['metal-api', 'metal-api', 'ok'],
    ]);
    const found = json.findings.map((f) => [f.rule, f.subject.id]);
    expect(found).toContainEqual(['machine-dead', 'm-dead']);
    // The issue ids equal what the server's evaluate returned; the derived crash-loop finding steps back for it.
    const SERVER_IDS = new Set(CATALOGUE.map((c) => c.id));
    expect(found.filter(([rule]) => SERVER_IDS.has(rule as string)).sort()).toEqual([
      ['crashloop', 'm-dead'],
      ['liveliness-dead', 'm-dead'],
    ]);
    expect(found.map(([rule]) => rule)).not.toContain('machine-crash-loop');
    expect(r.code).toBe(2);
    expect(server.violations).toEqual([]);
    expect(server.seen.at(-1)?.authorization).toMatch(/^Metal-View [0-9a-f]{64}$/);
  });

  it("judges the fabric as metal-core reported it to metal-api, and metal-api's own health (500 when unhealthy)", async () => {
    answer = () => ({ body: [] });
    evaluated = [];
    switches = [
      switchFixture('leaf01', {
        synced: Date.now() - 5_000,
        ports: [
          { name: 'Ethernet0', vrf: 'Vrf30', state: 'Established', neighbor: 'machine01', up: Math.floor(Date.now() / 1000) - 600, machine: 'm1' },
          { name: 'Ethernet1', vrf: 'Vrf30', state: 'Active', neighbor: 'machine02', machine: 'm2' },
        ],
      }),
      switchFixture('leaf02', { synced: Date.now() - 3_600_000, ports: [] }),
    ];
    unhealthy = true;
    try {
      const r = await status(config('fabric.yaml'), { METAL_VIEW_KEY: KEY });
      const json = JSON.parse(r.stdout) as Json;
      expect(json.sources.every((s) => s.state === 'ok')).toBe(true);
      const found = json.findings.map((f) => [f.rule, f.subject.id]);
      expect(found).toContainEqual(['bgp-session-down', 'leaf01/Vrf30/metal-api/Ethernet1']);
      expect(found).toContainEqual(['switch-view-stale', 'leaf02']);
      expect(found).toContainEqual(['api-unhealthy', 'metal-api']);
      expect(found.filter(([, id]) => String(id).includes('Ethernet0'))).toEqual([]);
      expect(r.code).toBe(2);
      expect(server.violations).toEqual([]);
    } finally {
      switches = [];
      unhealthy = false;
    }
  });

  it('a wrong key, a missing key variable and garbage are each the source error, in one line', async () => {
    const wrong = JSON.parse((await status(config('wrong.yaml'), { METAL_VIEW_KEY: 'nope' })).stdout) as Json;
    expect(wrong.sources[0]?.lastError?.message).toMatch(/^metal-api GET \/v1\/machine\/issues: 401 invalid signature; check the HMAC key/);
    expect(wrong.sources[1]?.lastError?.message).toMatch(/^metal-api GET \/v1\/switch: 401 invalid signature/);
    const unset = await status(config('unset.yaml'));
    expect((JSON.parse(unset.stdout) as Json).sources.map((s) => s.lastError?.message)).toEqual(Array(3).fill('metal-api: the environment variable METAL_VIEW_KEY (named by metalApi:) is not set'));
    expect(unset.code).toBe(3);
    answer = () => ({ raw: '<html>bad gateway</html>' });
    const garbage = JSON.parse((await status(config('garbage.yaml'), { METAL_VIEW_KEY: KEY })).stdout) as Json;
    expect(garbage.sources[0]?.lastError?.message).toBe('metal-api POST /v1/machine/ipmi/find: the answer is not JSON (starts with "<html>bad gateway</html>")');
  });

  it('doctor checks metal-api: health, version, and whether the key is accepted', async () => {
    const ok = await status(config('doctor.yaml'), { METAL_VIEW_KEY: KEY }, ['doctor']);
    expect(ok.stdout).toMatch(/^metal-api {2}ok {4}http:\/\/127\.0\.0\.1:\d+\/metal {2}v0\.40\.0 {2}health: healthy; authentication accepted \(\d+ ms\)$/m);
    expect(ok.code).toBe(0);
    const wrong = await status(config('doctor-wrong.yaml'), { METAL_VIEW_KEY: 'nope' }, ['doctor']);
    expect(wrong.stdout).toMatch(/^metal-api {2}FAIL {2}\S+ {2}health: healthy; metal-api GET \/v1\/version: 401 invalid signature; check the HMAC key/m);
    expect(wrong.code).toBe(2);
    expect(server.violations).toEqual([]);
  });
});
