import type { Finding, Subject } from '../health/finding';
import type { RackSnapshot } from '../model/snapshot';
import { planeOfSubject } from './control-plane-rows';
import { findingOfRow } from './overview-rows';
import { type PaneId, type PaneState, selectedIndex } from './ui-state';

/**
 * Where Enter (and → or l) jumps from the list on screen: the overview's selected finding, when its subject has a
 * row in a pane; undefined anywhere else, where Enter opens the row's detail. The footer says "Enter jump" exactly
 * where this is defined.
 */
export function enterJump(
  pane: PaneId,
  state: PaneState,
  ids: readonly string[],
  findings: readonly Finding[],
  snapshot: RackSnapshot,
): { pane: PaneId; id: string } | undefined {
  if (pane !== 'overview' || state.detailId) return undefined;
  const finding = findingOfRow(findings, ids[selectedIndex(ids, state.selectedId)]);
  return finding ? jumpTarget(finding.subject, snapshot) : undefined;
}

/** Where Enter on a finding takes the operator: the pane and the row id of its subject. */
export function jumpTarget(subject: Subject, snapshot: RackSnapshot): { pane: PaneId; id: string } | undefined {
  switch (subject.kind) {
    case 'node':
      return { pane: 'topology', id: subject.id };
    case 'link': {
      const link = snapshot.topology.links.find((l) => l.id === subject.id);
      return link ? { pane: 'topology', id: link.a.node } : { pane: 'topology', id: subject.id };
    }
    case 'switch':
      return { pane: 'bgp', id: `switch/${subject.id}` };
    case 'bgp-session':
      return { pane: 'bgp', id: subject.id };
    case 'machine':
      return { pane: 'machines', id: subject.id };
    case 'shoot':
      return { pane: 'shoots', id: subject.id };
    case 'control-plane':
    case 'cluster-node':
    case 'workload':
    case 'pod': {
      // The plane's row: its detail says where it runs, its databases and what else is wrong with it.
      const cp = planeOfSubject(subject, snapshot.controlPlanes);
      return cp ? { pane: 'control-planes', id: cp.id } : undefined;
    }
    case 'backup':
    case 'backup-version':
      return { pane: 'backups', id: subject.id };
    case 'source':
      return undefined;
  }
}
