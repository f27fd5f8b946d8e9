import { ScaledClock } from '../../clock';
import type { Config } from '../../config';
import { SCENARIO_LEAD } from '../../sources/open-rack';
import { openSimRack, type SimRackHandle } from '../drill-rack';

/** On the sim, wizards run on a sped-up clock: a 12-minute recovery takes 12 s at the default 60×. */
export const DEFAULT_WIZARD_SPEED = 60;

/**
 * The simulated rack a wizard command works on, as the config describes it: a scenario is shown as it looks
 * ten minutes in (like `status`), `cold-boot` starts with everything powered off (for `bootstrap`).
 */
export function openWizardSim(config: Config, speed = DEFAULT_WIZARD_SPEED, boot?: 'cold'): SimRackHandle {
  const { scenario, seed, scale } = config.sim;
  const injected = scenario !== 'none' && scenario !== 'cold-boot' ? scenario : undefined;
  return openSimRack({
    clock: new ScaledClock(speed),
    rackName: config.rack.name,
    seed,
    ...(scale !== undefined ? { scale } : {}),
    ...(injected ? { scenario: injected, lead: SCENARIO_LEAD } : {}),
    ...(boot === 'cold' || scenario === 'cold-boot' ? { boot: 'cold' as const } : {}),
  });
}
