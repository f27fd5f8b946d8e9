import type { Clock } from '../src/clock';
import type { Config } from '../src/config';
import { lazySshPool } from './lazy-ssh-pool';
import { kubeSources } from './kube-sources';
import { metalApiSources } from './metal-api-sources';
import { backupSources } from './backup-sources';
import { RackStore } from '../src/store/rack-store';
import { lazyFences } from './lazy-fences';
import { SCENARIO_LEAD } from '../src/sim';
import { createSimSource, type SimSource } from '../src/sources/sim-source';
import { configuredSim } from '../src/wizards/sim-adapter/sim-spec';
import type { Source } from '../src/sources/source';
import type { IncidentLog } from '../src/model/incident-log';
import { fileIncidentLog } from '../src/wizards/engine/incident-file';
import { defaultStateDir } from '../src/wizards/engine/state-files';
import { createSwitchSources } from '../src/sources/ssh/switch-sources';
import { oneExecPerSwitch } from '../src/sources/ssh/one-exec-shell';

export interface OpenRack {
  readonly store: RackStore;
  /** The simulated rack, when the config runs one (for live scenario injection). */
  readonly sim?: SimSource;
}

/**
 * Builds the sources the config asks for and the store over them. Nothing is polled until store.start(). Ended
 * incidents come from the state directory's incident log unless another is given.
 */
export function openRack(config: Config, clock: Clock, options: { incidentLog?: IncidentLog } = {}): OpenRack {
  const sources: Source[] = [];
  let sim: SimSource | undefined;
  if (config.mode === 'sim') {
    const spec = configuredSim(config);
    // A scenario chosen at start shows as it looks SCENARIO_LEAD into the incident.
    sim = createSimSource({ clock, ...spec, ...(spec.scenario ? { start: clock.now() - SCENARIO_LEAD } : {}) });
    sources.push(sim);
  }
  if (config.mode === 'real' && config.switches.length > 0) sources.push(...switchSources(config, clock));
  if (config.mode === 'real' && config.kubernetes) sources.push(...kubeSources(config.kubernetes));
  if (config.mode === 'real' && config.metalApi) sources.push(...metalApiSources(config.metalApi, process.env));
  if (config.mode === 'real') sources.push(...backupSources(config.backups, config.rack.networks, process.env));
  const store = new RackStore({
    clock,
    sources,
    // Bounds each poll of a source without a limit of its own (the simulated rack; the SSH sources derive theirs
    // from ssh.connectTimeout and ssh.commandTimeout).
    pollTimeout: config.refresh.timeout,
    rack: { name: config.rack.name, simulated: config.mode === 'sim' },
    health: config.health,
    ...(config.incident ? { incident: { startedAt: config.incident.startedAt, label: 'declared incident' } } : {}),
    incidentLog: options.incidentLog ?? fileIncidentLog(defaultStateDir()),
    // A real rack's databases that a rackpilot run stopped and did not start again, from the run journals.
    ...(config.mode === 'real' ? { fences: lazyFences(config.rack.name, process.env) } : {}),
  });
  return { store, ...(sim ? { sim } : {}) };
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
