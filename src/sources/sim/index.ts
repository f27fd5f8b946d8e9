/**
 * The embedded simulated rack: the thesis mini-rack (or --scale N machines) as a deterministic discrete-event
 * simulation, with failure scenarios and recovery hooks. createSimSource wraps it as a Source.
 */
export { DEFAULT_SEED, SimRack, type SimRackOptions } from './engine';
export { isScenarioName, rebootTarget, SCENARIOS, type ScenarioName } from './scenarios';
export { createSimSource, SIM_INTERVAL, type SimSource, type SimSourceOptions } from './sim-source';
export { TIMING } from './timing';
export type { Layout } from './layout-types';
