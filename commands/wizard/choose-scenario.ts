import type { RackSnapshot } from '../../src/model/snapshot';
import { proposeScenario, type RecoveryScenario, type ScenarioProposal } from '../../src/wizards/runbooks/recover';

/**
 * The recovery a new run does: the operator's choice, else what the rack looks like. Nothing to recover is said
 * (with the proposal's summary), and a choice that differs from the proposal is warned about. Sim and real rack alike.
 */
export function chooseScenario(
  snapshot: RackSnapshot,
  chosen: RecoveryScenario | undefined,
  print: (line: string) => void,
): { scenario?: RecoveryScenario; proposal: ScenarioProposal } {
  const proposal = proposeScenario(snapshot);
  const scenario = chosen ?? proposal.scenario;
  if (!scenario) {
    print(proposal.summary);
    print('Nothing to recover.');
    return { proposal };
  }
  if (proposal.scenario !== scenario) print(`warning: you chose ${scenario}, but the rack looks like ${proposal.scenario ?? 'nothing a runbook covers'}.`);
  return { scenario, proposal };
}
