/**
 * The issues metal-api evaluated (`metalctl machine issues`), as findings under the server's own ids and severities
 * (critical → critical, major → warning, minor → info), so the console, `status --json` and metalctl name the same
 * ids. rackpilot's own machine-dead (critical, with the power hint) stands next to the server's liveliness-dead.
 */
import type { Machine, MachineIssue } from '../model/machine';
import type { Finding, Severity } from './finding';
import { finding } from './make-finding';

const SEVERITY: Record<MachineIssue['severity'], Severity> = { critical: 'critical', major: 'warning', minor: 'info' };

/** The derived rules that step back for a machine the server evaluated, because the server's issue says it. */
export const SERVER_COVERS: Readonly<Record<string, string>> = {
  'machine-crash-loop': 'crashloop',
  'machine-failed-reclaim': 'failed-machine-reclaim',
  'machine-liveliness-unknown': 'liveliness-unknown',
};

export function machineIssueFindings(m: Machine, label: string): Finding[] {
  return (m.issues ?? []).map((i) =>
    finding(
      i.id,
      SEVERITY[i.severity],
      'machines',
      { kind: 'machine', id: m.id, label },
      `machine ${label}: ${i.description} (metal-api issue ${i.id}, ${i.severity})`,
      i.refUrl ? `see ${i.refUrl}; metalctl machine issues --id ${m.id}` : `metalctl machine issues --id ${m.id}`,
    ),
  );
}
