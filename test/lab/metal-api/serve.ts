/**
 * The stand-in metal-api serving a LabWorld: HMAC checked as metal-api checks it, every body it sends validated
 * against the contract's definition of its route (test/fixtures/metal-api). Used by `npm run lab:metal-api` and
 * the TUI test on it.
 */
import { assertContract, assertContractList } from '../../fixtures/metal-api/contract';
import { MetalApiServer } from '../../helpers/metal-api-server';
import type { LabWorld } from './world';

const LISTS: Record<string, string> = {
  'POST /v1/machine/ipmi/find': 'v1.MachineIPMIResponse',
  'GET /v1/machine/issues': 'v1.MachineIssue',
  'POST /v1/machine/issues/evaluate': 'v1.MachineIssueResponse',
  'GET /v1/switch': 'v1.SwitchResponse',
};

export function serveLabWorld(world: LabWorld, viewKey: string): MetalApiServer {
  return new MetalApiServer({
    hmacKeys: { 'Metal-View': viewKey },
    routes: {
      'GET /v1/health': () =>
        world.unhealthy
          ? { status: 500, body: { status: 'unhealthy', message: 'some services are unhealthy', services: { rethinkdb: { status: 'unhealthy', message: 'connection refused' } } } }
          : { body: { status: 'healthy', message: 'all services are healthy', services: { rethinkdb: { status: 'healthy', message: '' } } } },
      'GET /v1/version': () => ({ body: { name: 'metal-api', version: 'v0.42.0-standin', revision: 'lab', gitsha1: 'lab', builddate: '2026-11-30', min_client_version: 'v0.0.1' } }),
      'POST /v1/machine/ipmi/find': () => ({ body: world.machinesBody() }),
      'GET /v1/machine/issues': () => ({ body: world.catalogue() }),
      'POST /v1/machine/issues/evaluate': () => ({ body: world.evaluate() }),
      'GET /v1/switch': () => ({ body: world.switchesBody() }),
    },
    validate: (route, body) => {
      const list = LISTS[route];
      if (list) assertContractList(list, body);
      else assertContract(route === 'GET /v1/health' ? 'rest.HealthResponse' : 'rest.version', body);
    },
  });
}
