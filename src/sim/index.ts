/**
 * The embedded simulated rack: the thesis mini-rack (or --scale N machines) as a deterministic discrete-event
 * simulation, with failure scenarios and recovery hooks. It is the world, not a source: sources/sim-source.ts
 * reads it as a Source, wizards/ drive it through their sim executor.
 */
export { DEFAULT_SEED, SimRack, type SimRackOptions } from './engine';
export { isScenarioName, rebootTarget, SCENARIO_LEAD, SCENARIOS, type ScenarioName } from './scenarios';
export { SIM_INTERVAL, TIMING } from './timing';
export type { Layout } from './layout-types';
