/**
 * The sources of a real rack, as the config names them: switches over SSH, Kubernetes, metal-api, S3 backups, and
 * the fences that rackpilot runs left. Loaded by openRack with import() only on a real rack, so the simulated
 * rack's first frame does not build their output schemas (zod schema construction was most of rackpilot's own
 * start-up beyond Ink's).
 */
import type { Clock } from '../src/clock';
import type { Config } from '../src/config';
import type { BackupFence } from '../src/model/backup';
import type { Source } from '../src/sources/source';
import { oneExecPerSwitch } from '../src/sources/ssh/one-exec-shell';
import { createSwitchSources } from '../src/sources/ssh/switch-sources';
import { backupSources } from './backup-sources';
import { kubeSources } from './kube-sources';
import { lazyFences } from './lazy-fences';
import { lazySshPool } from './lazy-ssh-pool';
import { metalApiSources } from './metal-api-sources';

export function realSources(config: Config, clock: Clock): Source[] {
  const sources: Source[] = [];
  if (config.switches.length > 0) sources.push(...switchSources(config, clock));
  if (config.kubernetes) sources.push(...kubeSources(config.kubernetes));
  if (config.metalApi) sources.push(...metalApiSources(config.metalApi, process.env));
  sources.push(...backupSources(config.backups, config.rack.networks, process.env));
  return sources;
}

/** A real rack's databases that a rackpilot run stopped and did not start again, from the run journals. */
export function realFences(config: Config): () => readonly BackupFence[] {
  return lazyFences(config.rack.name, process.env);
}

/** BGP and LLDP from the configured switches, over one SSH pool that closes when the store stops. */
function switchSources(config: Config, clock: Clock): Source[] {
  // BGP and LLDP of a switch polled together go as one exec (one-exec-shell.ts: measured faster than two channels).
  const shell = oneExecPerSwitch(lazySshPool(config.ssh));
  const { bgp, topology } = createSwitchSources({ switches: config.switches, links: config.links, shell, clock, ssh: config.ssh, pairRounds: true });
  // The store closes every source, and the pool is shared: the BGP source's close ends both readers, then the pool.
  const { close: closeTopology, ...topologyOnly } = topology;
  const close = async () => {
    await Promise.allSettled([bgp.close?.(), closeTopology?.()]);
    await shell.close();
  };
  return [{ ...bgp, close }, topologyOnly];
}
