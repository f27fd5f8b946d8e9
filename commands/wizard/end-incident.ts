import { describeError } from '../../src/errors';
import type { RackSnapshot } from '../../src/model/snapshot';
import type { RackStore } from '../../src/store/rack-store';
import { recoveryEndsIncident } from '../../src/wizards/engine/incident-file';
import type { RunResult } from '../../src/wizards/engine/runner';

/**
 * After a recovery run (the TUI's w → recover, `recover` on a real rack): one that succeeded ends the rack's
 * incident in the store's incident log, so the header badge goes and backups are judged as usual again. Returns the
 * line the summary adds, or undefined when nothing ended; a state directory that cannot remember the end is said,
 * never fatal (the recovery itself succeeded).
 */
export function endIncidentAfterRecovery(
  store: RackStore,
  result: Pick<RunResult, 'state' | 'dryRun' | 'runId'>,
  // The rack as the run's exit code judges it (a real run reads each database's stop state into it).
  after: Pick<RackSnapshot, 'findings'> = store.getSnapshot(),
): string | undefined {
  const { incident } = store.getSnapshot();
  if (!incident || !recoveryEndsIncident(result, after)) return undefined;
  try {
    return store.endIncident({ how: 'recovered', by: `run ${result.runId}` }) ? `The incident ${incident.label} is over: the recovery succeeded.` : undefined;
  } catch (error) {
    return `The incident ${incident.label} could not be ended: ${describeError(error)} (A in the TUI ends it).`;
  }
}
