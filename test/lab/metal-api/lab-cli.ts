/**
 * `npm run lab:metal-api`: a stand-in metal-api by hand (metal-api itself needs RethinkDB and more). Serves the small
 * rack of world.ts with HMAC checked as metal-api checks it and every body validated against the contract, writes a
 * rackpilot config for it, and takes commands on stdin that change the rack until quit or Ctrl-C.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { serveLabWorld } from './serve';
import { LabWorld, PHASES } from './world';

const KEY = 'lab-view-key';
const HELP = `commands: provision M | kill M | crash M | heal M | bgp-down LEAF/PORT | bgp-up LEAF/PORT | sync-stop LEAF | sync-start LEAF
          unhealthy | healthy | violations | quit      (M: machine01 … machine04, firewall01; LEAF: leaf01, leaf02)`;
const world = new LabWorld();
const server = serveLabWorld(world, KEY);

const timers = new Set<NodeJS.Timeout>();
const commands: Record<string, (arg: string) => string> = {
  provision: (m) => {
    PHASES.forEach((phase, i) => {
      const t = setTimeout(() => world.event(m, phase), i * 5_000);
      timers.add(t);
    });
    return `${m}: ${PHASES.join(' → ')}, one phase every 5 s`;
  },
  kill: (m) =>
    set(m, (x) => {
      x.liveliness = 'Dead';
    }),
  crash: (m) =>
    set(m, (x) => {
      x.crashLoop = true;
      world.event(m, 'Crashed', 'kernel panic - not syncing');
    }),
  heal: (m) =>
    set(m, (x) => {
      x.liveliness = 'Alive';
      x.crashLoop = false;
      world.event(m, 'Phoned Home');
    }),
  'bgp-down': (p) => {
    world.bgpDown.add(p);
    return `${p}: session Active`;
  },
  'bgp-up': (p) => {
    world.bgpDown.delete(p);
    return `${p}: session Established`;
  },
  'sync-stop': (s) => {
    world.syncStopped.add(s);
    return `${s}: last sync 15 minutes ago`;
  },
  'sync-start': (s) => {
    world.syncStopped.delete(s);
    return `${s}: syncing`;
  },
  unhealthy: () => {
    world.unhealthy = true;
    return '/v1/health: 500 unhealthy';
  },
  healthy: () => {
    world.unhealthy = false;
    return '/v1/health: healthy';
  },
  violations: () => (server.violations.length ? server.violations.join('\n') : 'every body so far validated against the contract'),
};

function set(name: string, change: (m: NonNullable<ReturnType<LabWorld['find']>>) => void): string {
  const m = world.find(name);
  if (!m) return `no machine ${name}`;
  change(m);
  return `${name}: ${m.liveliness}${m.crashLoop ? ', crash loop' : ''}`;
}

async function main(): Promise<void> {
  const url = await server.listen();
  const dir = mkdtempSync(join(tmpdir(), 'rackpilot-metal-api-lab-'));
  const config = join(dir, 'config.yaml');
  writeFileSync(config, `rack:\n  name: metal-api-lab\nmetalApi:\n  url: ${url}\n  hmacKeyEnv: METAL_VIEW_KEY\n  interval: 2s\n`);
  process.stdout.write(`stand-in metal-api on ${url}\n\n  METAL_VIEW_KEY=${KEY} npx rackpilot --config ${config}\n  METAL_VIEW_KEY=${KEY} npx rackpilot doctor --config ${config}\n\n${HELP}\n`);
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'metal-api> ' });
  rl.prompt();
  for await (const line of rl) {
    const [verb = '', arg = ''] = line.trim().split(/\s+/);
    if (verb === 'quit' || verb === 'exit') break;
    const command = commands[verb];
    if (verb) process.stdout.write(`${command ? command(arg) : HELP}\n`);
    rl.prompt();
  }
  rl.close();
}

const stop = async () => {
  for (const t of timers) clearTimeout(t);
  await server.close();
};
process.once('SIGINT', () => void stop().then(() => process.exit(130)));
await main();
await stop();
