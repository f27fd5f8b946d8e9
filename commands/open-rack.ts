import type { Clock } from '../src/clock';
import type { Config } from '../src/config';
import { RackStore } from '../src/store/rack-store';
import { SCENARIO_LEAD } from '../src/sim/scenarios';
import { deferredSimSource } from '../src/sources/deferred-sim-source';
import type { SimSource } from '../src/sources/sim-source-contract';
import { configuredSim } from '../src/wizards/sim-adapter/sim-spec';
import type { Source } from '../src/sources/source';
import type { IncidentLog } from '../src/model/incident-log';
import { openIncidentLog } from '../src/wizards/engine/incident-file';
import { defaultStateDir } from '../src/wizards/engine/state-files';

export interface OpenRack {
  readonly store: RackStore;
  /** The simulated rack, when the config runs one (for live scenario injection). */
  readonly sim?: SimSource;
}

/**
 * Builds the sources the config asks for and the store over them. Nothing is polled until store.start(). Ended
 * incidents come from the state directory's incident log unless another is given.
 */
export async function openRack(config: Config, clock: Clock, options: { incidentLog?: IncidentLog } = {}): Promise<OpenRack> {
  const sources: Source[] = [];
  // A real rack's sources (and their clients' schemas) load only on a real rack: real-sources.ts says why.
  const real = config.mode === 'real' ? await import('./real-sources') : undefined;
  let sim: SimSource | undefined;
  if (config.mode === 'sim') {
    const spec = configuredSim(config);
    // A scenario chosen at start shows as it looks SCENARIO_LEAD into the incident.
    sim = deferredSimSource({ clock, ...spec, ...(spec.scenario ? { start: clock.now() - SCENARIO_LEAD } : {}) });
    sources.push(sim);
  }
  if (real) sources.push(...real.realSources(config, clock));
  const store = new RackStore({
    clock,
    sources,
    // Bounds each poll of a source without a limit of its own (the simulated rack; the SSH sources derive theirs
    // from ssh.connectTimeout and ssh.commandTimeout).
    pollTimeout: config.refresh.timeout,
    rack: { name: config.rack.name, simulated: config.mode === 'sim' },
    health: config.health,
    ...(config.incident ? { incident: { startedAt: config.incident.startedAt, label: 'declared incident' } } : {}),
    incidentLog: options.incidentLog ?? openIncidentLog(defaultStateDir()),
    ...(real ? { fences: real.realFences(config) } : {}),
  });
  return { store, ...(sim ? { sim } : {}) };
}
