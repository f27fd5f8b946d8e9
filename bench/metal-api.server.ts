/**
 * The metal-api benchmark's server, in a child process of its own so that the client's CPU and memory are the
 * client's alone: the stand-in metal-api (test/helpers/metal-api-server.ts, HMAC checked as metal-api does) serving
 * the benchmark's rack (bench/metal-api.rack.ts). Driven over the IPC channel:
 *
 *   start {machines, events, key}  →  ready {url, sample, findBytes}   (one machine, the catalogue and the
 *                                      evaluation checked against the contract)
 *   progress {perFind}             →  progress   (from now on, each ipmi/find moves that many machines on first)
 *   stats                          →  stats {finds, cpu}
 *   close                          →  (closes the listener and exits)
 */
import { assertContract, assertContractList } from '../test/fixtures/metal-api/contract';
import { MetalApiServer } from '../test/helpers/metal-api-server';
import { BenchRack, CATALOGUE } from './metal-api.rack';

export type ServerRequest =
  | { readonly type: 'start'; readonly machines: number; readonly events: number; readonly key: string }
  | { readonly type: 'progress'; readonly perFind: number }
  | { readonly type: 'stats' }
  | { readonly type: 'close' };

export type ServerReply =
  | { readonly type: 'ready'; readonly url: string; readonly sample: string; readonly findBytes: number }
  | { readonly type: 'progress' }
  | { readonly type: 'stats'; readonly finds: number; readonly cpu: NodeJS.CpuUsage };

let server: MetalApiServer | undefined;
let perFind = 0;
let finds = 0;

const send = (message: ServerReply) => process.send?.(message);

async function start(r: Extract<ServerRequest, { type: 'start' }>): Promise<void> {
  const rack = new BenchRack(r.machines, r.events);
  // One of each body checked against the contract; all 1,700 machines on every answer would measure Ajv.
  assertContract('v1.MachineIPMIResponse', rack.machines[0]);
  assertContractList('v1.MachineIssue', CATALOGUE);
  assertContractList('v1.MachineIssueResponse', rack.evaluation().slice(0, 100));
  server = new MetalApiServer({
    hmacKeys: { 'Metal-View': r.key },
    routes: {
      'POST /v1/machine/ipmi/find': () => {
        finds++;
        rack.progress(perFind);
        return { body: rack.machines };
      },
      'GET /v1/machine/issues': () => ({ body: CATALOGUE }),
      'POST /v1/machine/issues/evaluate': () => ({ body: rack.evaluation() }),
    },
  });
  const url = await server.listen();
  send({ type: 'ready', url, sample: 'v1.MachineIPMIResponse, v1.MachineIssue, v1.MachineIssueResponse: valid', findBytes: Buffer.byteLength(JSON.stringify(rack.machines)) });
}

process.on('message', (message: ServerRequest) => {
  const handle = async () => {
    if (message.type === 'start') await start(message);
    else if (message.type === 'progress') {
      perFind = message.perFind;
      send({ type: 'progress' });
    } else if (message.type === 'stats') send({ type: 'stats', finds, cpu: process.cpuUsage() });
    else if (message.type === 'close') {
      await server?.close();
      process.disconnect?.();
      process.exit(0);
    }
  };
  handle().catch((error: unknown) => {
    process.stderr.write(`bench metal-api server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
});

// The client went away (finished or crashed): nothing left to serve.
process.on('disconnect', () => process.exit(0));
