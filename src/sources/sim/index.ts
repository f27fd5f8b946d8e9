export { DEFAULT_SEED, SimRack, type SimRackOptions } from './engine';
export { isScenarioName, SCENARIOS, type ScenarioName } from './scenarios';
export { createSimSource, SIM_INTERVAL, type SimSource, type SimSourceOptions } from './sim-source';
export { TIMING } from './timing';
