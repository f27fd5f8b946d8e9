import { shootKey } from '../model/shoot';
import type { Finding } from '../health/finding';
import type { RackSnapshot } from '../model/snapshot';
import { backupRows } from './backup-rows';
import { controlPlaneDetail } from './control-plane-detail';
import { controlPlaneRows } from './control-plane-rows';
import { versionRows } from './version-rows';
import { bgpRows } from './bgp-rows';
import { blank, type DetailLine, heading, line } from './detail-lines';
import { machineDetail } from './machine-detail';
import { machineRows } from './machine-rows';
import { bgpDetail, nodeDetail } from './node-detail';
import { diagnosisRows, findingOfRow } from './overview-rows';
import type { RowSet } from './rows';
import { withContentWidths } from './table-layout';
import { shootDetail } from './shoot-detail';
import { shootRows } from './shoot-rows';
import { REFERENCE, topologyRows } from './topology-rows';
import type { PaneId } from './ui-state';

/**
 * The list a pane shows, from the snapshot and the findings, with its cells measured once here (not on every key
 * press: the filter keeps the whole set's widths, so the columns stay put while typing).
 */
export function paneRows(pane: PaneId, s: RackSnapshot, findings: readonly Finding[], ascii: boolean): RowSet {
  return withContentWidths(paneList(pane, s, findings, ascii));
}

function paneList(pane: PaneId, s: RackSnapshot, findings: readonly Finding[], ascii: boolean): RowSet {
  switch (pane) {
    case 'overview':
      // Grouped by cause; the diagnosis indexes the snapshot's own findings.
      return diagnosisRows(s.diagnosis, s.findings, ascii);
    case 'topology':
      return topologyRows(s.topology, ascii);
    case 'bgp':
      return bgpRows(s.bgp.switches, s.takenAt);
    case 'machines':
      return machineRows(s.machines, s.takenAt);
    case 'shoots':
      return shootRows(s.shoots, s.takenAt);
    case 'backups':
      return backupRows(s.backups, findings, s.takenAt);
    case 'control-planes':
      return controlPlaneRows(s, findings);
  }
}

export type PaneDetail =
  | { readonly kind: 'lines'; readonly title: string; readonly lines: readonly DetailLine[] }
  | { readonly kind: 'table'; readonly title: string; readonly intro: readonly DetailLine[]; readonly table: RowSet };

/** What Enter opens on a row: text lines, or (backups) a table of every version. */
export function paneDetail(pane: PaneId, id: string, s: RackSnapshot, findings: readonly Finding[]): PaneDetail {
  const now = s.takenAt;
  switch (pane) {
    case 'overview': {
      const f = findingOfRow(findings, id);
      const lines = f
        ? [heading(f.summary), blank, line(`severity  ${f.severity}`), line(`area      ${f.area}`), line(`rule      ${f.rule}`), line(`subject   ${f.subject.label}`), blank, line(`hint: ${f.hint}`)]
        : [line('this finding has cleared', 'ok')];
      return { kind: 'lines', title: 'Finding', lines };
    }
    case 'topology':
      // A reference row (a node met again over another link) opens the node itself.
      return { kind: 'lines', title: 'Node', lines: nodeDetail(s, id.split(REFERENCE)[0] ?? id) };
    case 'bgp':
      return { kind: 'lines', title: id.startsWith('switch/') ? 'Switch' : 'Session', lines: bgpDetail(s.bgp.switches, id, now) };
    case 'machines': {
      const m = s.machines.find((x) => x.id === id);
      return { kind: 'lines', title: 'Machine', lines: m ? machineDetail(m, now) : [line('machine no longer reported', 'muted')] };
    }
    case 'shoots': {
      const sh = s.shoots.find((x) => shootKey(x) === id);
      return { kind: 'lines', title: 'Shoot', lines: sh ? shootDetail(sh, now, s.machines) : [line('shoot no longer reported', 'muted')] };
    }
    case 'control-planes':
      return { kind: 'lines', title: 'Control plane', lines: controlPlaneDetail(s, id, findings) };
    case 'backups': {
      const b = s.backups.find((x) => x.id === id);
      if (!b) return { kind: 'lines', title: 'Backup', lines: [line('component no longer reported', 'muted')] };
      const intro = [
        heading(`${b.name} (${b.owner}): ${b.versions.length} versions, newest first`),
        line(`${b.store.provider} ${b.store.endpoint} bucket ${b.store.bucket} prefix ${b.store.prefix} versioning ${b.store.versioning}${b.store.outsideRack ? '' : ' INSIDE THE RACK'}`),
        line(`schedule ${b.policy.schedule}, keeps ${b.policy.versionsKept}${b.policy.noncurrentDays !== undefined ? `, old versions expire after ${b.policy.noncurrentDays} d` : ''}${b.paused ? ', PAUSED' : ''}`),
        // A fence a rackpilot run left in place: the finding's own words (who, since when, how to end it).
        ...(b.pausedBy ? s.findings.filter((f) => f.rule === 'backup-paused' && f.subject.id === b.id).flatMap((f) => [line(f.summary, 'warning'), line(`hint: ${f.hint}`, 'muted')]) : []),
      ];
      const verdict = s.backupVerdicts.get(b.id);
      const table = verdict ? withContentWidths(versionRows(b, verdict, { now, incidentStart: s.incident?.startedAt })) : { columns: [], rows: [] };
      return { kind: 'table', title: 'Versions', intro, table };
    }
  }
}
