import { VirtualClock } from '../../src/clock';
import type { RackSnapshot } from '../../src/model/snapshot';
import { memoryAudit } from '../../src/wizards/engine/audit';
import { type RunOptions, runRunbook } from '../../src/wizards/engine/runner';
import type { RunEvent } from '../../src/wizards/engine/types';
import { healthySnapshot, T0 } from '../fixtures/snapshot-builder';
import { drive, FakeExecutor, liveSnapshot, scriptedOperator, tinyRestore } from './helpers';

type Script = Parameters<typeof scriptedOperator>[0];

/** The tiny restore on the healthy fixture rack, with a fake executor, a scripted operator and a virtual clock. */
export function setup(overrides: Partial<RunOptions> | ((clock: VirtualClock) => Partial<RunOptions>) = {}, script: Script = {}, base: RackSnapshot = healthySnapshot()) {
  const clock = new VirtualClock(T0);
  const over = typeof overrides === 'function' ? overrides(clock) : overrides;
  const executor = new FakeExecutor();
  executor.clock = clock;
  const { interaction, log } = scriptedOperator(script);
  const audit = memoryAudit();
  const events: RunEvent[] = [];
  const options: RunOptions = {
    runbook: tinyRestore(),
    executor,
    interaction,
    snapshot: liveSnapshot(base, clock),
    clock,
    audit,
    operator: 'ops@test',
    rack: 'mini-rack',
    onEvent: (e) => events.push(e),
    verifyPollInterval: 1000,
    ...over,
  };
  const run = (extra: Partial<RunOptions> = {}) => drive(clock, runRunbook({ ...options, ...extra }));
  return { clock, executor, log, audit, events, options, run };
}
