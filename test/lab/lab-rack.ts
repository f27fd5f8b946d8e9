/** rackpilot pointed at a running lab: its config file, and a store over the real SSH sources. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../../src/clock';
import { type Config, loadConfig } from '../../src/config';
import type { RackSnapshot } from '../../src/model/snapshot';
import { openRack } from '../../commands/open-rack';
import type { RackStore } from '../../src/store';
import type { Lab } from './harness';

export const POLL_MS = 1000;

export interface LabConfigOptions {
  /** known_hosts for every switch; default the lab's correct one. */
  readonly knownHosts?: string;
  readonly trustOnFirstUse?: boolean;
  readonly file?: string;
}

/** Writes a config.yaml listing the lab's three switches and their two cables; returns its path. */
export function writeLabConfig(lab: Lab, options: LabConfigOptions = {}): string {
  const file = options.file ?? join(lab.dir, 'rackpilot.yaml');
  const lines = ['rack: { name: lab }', 'switches:'];
  for (const sw of lab.switches) {
    const role = sw.name === 'spine' ? 'spine' : 'leaf';
    const auth = `user: root, identityFile: ${JSON.stringify(lab.identityFile)}, agent: false`;
    lines.push(`  - { name: ${sw.name}, role: ${role}, address: 127.0.0.1, port: ${sw.port}, ${auth}, interval: ${POLL_MS}ms }`);
  }
  lines.push(
    'ssh:',
    `  knownHosts: ${JSON.stringify(options.knownHosts ?? lab.knownHosts)}`,
    `  trustOnFirstUse: ${options.trustOnFirstUse ?? false}`,
    '  connectTimeout: 3s',
    '  commandTimeout: 3s',
    '  maxBackoff: 1s',
    'links:',
    '  - { a: spine:swp1, b: leaf01:swp1 }',
    '  - { a: spine:swp2, b: leaf02:swp1 }',
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

export async function labConfig(lab: Lab, options: LabConfigOptions = {}): Promise<Config> {
  const file = writeLabConfig(lab, options);
  return (await loadConfig({ flags: { config: file }, env: { HOME: lab.dir } })).config;
}

export async function openLabRack(config: Config): Promise<RackStore> {
  const { store } = await openRack(config, systemClock);
  store.start();
  return store;
}

/** Resolves with the first snapshot that satisfies `test`, or rejects naming `what` after `timeoutMs`. */
export function waitForSnapshot(store: RackStore, what: string, test: (s: RackSnapshot) => boolean, timeoutMs = 15_000): Promise<RackSnapshot> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const snapshot = store.getSnapshot();
      if (!test(snapshot)) return false;
      clearTimeout(timer);
      unsubscribe();
      resolve(snapshot);
      return true;
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for: ${what}\n${JSON.stringify(store.getSnapshot().bgp, null, 1).slice(0, 3000)}`));
    }, timeoutMs);
    const unsubscribe = store.subscribe(() => void check());
    check();
  });
}

export function session(s: RackSnapshot, sw: string, neighbor: string, af = 'ipv4Unicast') {
  return s.bgp.switches.find((x) => x.name === sw)?.sessions.find((x) => x.neighbor === neighbor && x.addressFamily === af);
}

export function bgpSwitch(s: RackSnapshot, name: string) {
  return s.bgp.switches.find((x) => x.name === name);
}
