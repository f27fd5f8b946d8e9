/**
 * metal-api polled by the store as the TUI polls it (stand-in server, real client and sources). Provisioning
 * progress shows within one poll. A metal-api that fails in each way an operator meets (500, garbage, a body against the contract, a hang past the
 * timeout, a refused connection) marks only its own sources as failing, with the reason, and keeps their last good
 * data; a source of another backend polled by the same store goes on. Stand-in metal-api server, real client.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { metalApiSources } from '../../../commands/metal-api-sources';
import { systemClock } from '../../../src/clock';
import type { RackSnapshot } from '../../../src/model/snapshot';
import type { Source } from '../../../src/sources/source';
import { RackStore } from '../../../src/store/rack-store';
import { assertContract, assertContractList, minimal, overlay } from '../../fixtures/metal-api/contract';
import { switchFixture } from '../../fixtures/metal-api/switches';
import { MetalApiServer, type Route } from '../../helpers/metal-api-server';

type Mode = 'ok' | '500' | 'garbage' | 'violation' | 'hang';
let mode: Mode = 'ok';
/** The machine's event log the server answers, newest first (the provisioning test grows it). */
let log: Array<{ event: string; message: string; time: string }> = [];
const KEY = 'view-key';
const machine = () => overlay(minimal('v1.MachineIPMIResponse'), { id: 'm1', name: 'machine01', liveliness: 'Alive', events: { crash_loop: false, failed_machine_reclaim: false, log } });
const SWITCH = switchFixture('leaf01', { synced: Date.now(), ports: [{ name: 'Ethernet0', state: 'Established', neighbor: 'machine01' }] });
const GOOD: Record<string, unknown> = {
  'POST /v1/machine/ipmi/find': () => [machine()],
  'GET /v1/machine/issues': [],
  'POST /v1/machine/issues/evaluate': [],
  'GET /v1/switch': [SWITCH],
  'GET /v1/health': { status: 'healthy', message: 'ok', services: {} },
  'GET /v1/version': { name: 'metal-api', version: 'v0.40.0', revision: '', gitsha1: '', builddate: '', min_client_version: '' },
};
// Each answer as the contract forbids it: a machine without its events, a switch whose nics are not a list, a
// health status metal-api does not have.
const VIOLATING: Record<string, unknown> = {
  'POST /v1/machine/ipmi/find': [{ id: 'm1', liveliness: 'Alive' }],
  'GET /v1/switch': [{ ...SWITCH, nics: 'Ethernet0' }],
  'GET /v1/health': { status: 'fine', message: '' },
};
const route =
  (key: string): Route =>
  () => {
    if (mode === 'hang') return 'hang';
    if (mode === '500') return { status: 500, body: { statuscode: 500, message: 'rethinkdb: connection refused' } };
    if (mode === 'garbage') return { raw: '{"machines": [' };
    const good = GOOD[key];
    return { body: mode === 'violation' && key in VIOLATING ? VIOLATING[key] : typeof good === 'function' ? good() : good };
  };

let server: MetalApiServer;
let url: string;
let store: RackStore | undefined;
beforeAll(async () => {
  server = new MetalApiServer({
    hmacKeys: { 'Metal-View': KEY },
    routes: Object.fromEntries(Object.keys(GOOD).map((k) => [k, route(k)])),
    validate: (r, body) => {
      if (mode === 'violation') return;
      if (Array.isArray(body)) assertContractList({ 'GET /v1/switch': 'v1.SwitchResponse', 'POST /v1/machine/ipmi/find': 'v1.MachineIPMIResponse' }[r] ?? 'v1.MachineIssue', body);
      else assertContract(r === 'GET /v1/health' ? 'rest.HealthResponse' : 'rest.version', body);
    },
  });
  url = await server.listen();
});
afterAll(() => server.close());
afterEach(async () => {
  expect(server.violations).toEqual([]);
  await store?.stop();
  store = undefined;
  mode = 'ok';
  log = [];
});

/** A source of another backend that always answers. */
const other: Source = { name: 'switches', kind: 'ssh', interval: 200, poll: async () => ({ topology: { nodes: [], links: [] } }) };

function start(apiUrl: string): RackStore {
  const sources = metalApiSources({ url: apiUrl, auth: { hmac: { key: { env: 'KEY' }, type: 'Metal-View' } }, interval: 200, timeout: 300 }, { KEY });
  store = new RackStore({ clock: systemClock, sources: [...sources, other], rack: { name: 'test', simulated: false } });
  store.start();
  return store;
}

async function until(s: RackStore, ok: (snap: RackSnapshot) => boolean): Promise<RackSnapshot> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const snap = s.getSnapshot();
    if (ok(snap)) return snap;
    if (Date.now() > deadline) throw new Error(`timed out; sources: ${JSON.stringify(snap.sources.map((x) => [x.name, x.state, x.lastError?.message]))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const metal = (snap: RackSnapshot) => snap.sources.filter((x) => x.kind === 'metal-api');
const allOk = (snap: RackSnapshot) => snap.sources.every((x) => x.state === 'ok') && snap.machines.length === 1;

describe('metal-api failing (stand-in server): only its own sources fail, with the reason, their data kept', { timeout: 20_000 }, () => {
  it.each([
    ['500', /^metal-api (POST|GET) \/v1\/\S+: 500 rethinkdb: connection refused$/],
    ['garbage', /^metal-api (POST|GET) \/v1\/\S+: the answer is not JSON \(starts with "\{\\"machines\\": \["\)$/],
    ['hang', /no answer within 0\.3 s|timed out/],
  ] as const)('%s', async (m, reason) => {
    const s = start(url);
    await until(s, allOk);
    const since = Date.now();
    mode = m;
    const snap = await until(s, (x) => metal(x).every((src) => (src.lastError?.at ?? 0) >= since));
    for (const src of metal(snap)) {
      expect(src.state, src.name).toBe('error');
      expect(src.lastError?.message, src.name).toMatch(reason);
      expect(src.lastSuccess).toBeLessThan(since);
    }
    expect(snap.sources.find((x) => x.name === 'switches')?.state).toBe('ok');
    expect(snap.machines.map((x) => x.id)).toEqual(['m1']);
    expect(snap.bgp.switches.map((x) => x.name)).toEqual(['leaf01']);
    mode = 'ok';
    await until(s, (x) => allOk(x) && metal(x).every((src) => (src.lastSuccess ?? 0) > since));
  });

  it('a body against the contract: each source names what it could not read', async () => {
    const s = start(url);
    await until(s, allOk);
    const since = Date.now();
    mode = 'violation';
    const snap = await until(s, (x) => metal(x).every((src) => (src.lastError?.at ?? 0) >= since));
    expect(Object.fromEntries(metal(snap).map((x) => [x.name, x.lastError?.message]))).toEqual({
      'machines (metal-api)': '1 machine could not be read: machine m1: unexpected output shape: events is missing',
      'switches (metal-api)': '1 switch could not be read: switch leaf01: unexpected output shape: nics is a string ("Ethernet0"), expected a list',
      'metal-api': 'unexpected output shape: status is a string ("fine"), expected one of healthy, degraded, partial-outage, unhealthy',
    });
    expect(snap.sources.find((x) => x.name === 'switches')?.state).toBe('ok');
  });

  it('connection refused', async () => {
    const closed = new MetalApiServer({ routes: {} });
    const gone = await closed.listen();
    await closed.close();
    const s = start(gone);
    const snap = await until(s, (x) => metal(x).every((src) => src.lastError !== undefined));
    for (const src of metal(snap)) expect(src.lastError?.message).toBe(`metal-api ${gone}: connection refused`);
    expect(snap.sources.find((x) => x.name === 'switches')?.state).toBe('ok');
  });
});

describe('provisioning progress (stand-in server)', { timeout: 20_000 }, () => {
  it('shows each phase from PXE Booting to Phoned Home within one poll of the server having it', async () => {
    const s = start(url);
    await until(s, allOk);
    const finds = () => server.seen.filter((r) => r.path === '/v1/machine/ipmi/find').length;
    for (const event of ['PXE Booting', 'Preparing', 'Registering', 'Waiting', 'Installing', 'Booting New Kernel', 'Phoned Home']) {
      log = [{ event, message: '', time: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }, ...log];
      const before = finds();
      await until(s, (x) => x.machines[0]?.phase === event);
      // A poll already in flight may have read the old log; the next one shows the new phase.
      expect(finds() - before, event).toBeLessThanOrEqual(2);
    }
    expect(s.getSnapshot().machines[0]?.events.map((e) => e.event)).toEqual(['Phoned Home', 'Booting New Kernel', 'Installing', 'Waiting', 'Registering', 'Preparing', 'PXE Booting']);
  });
});
