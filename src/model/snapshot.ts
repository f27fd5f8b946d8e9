import type { BackupComponent, BackupVerdict } from './backup';
import type { Bgp } from './bgp';
import type { Diagnosis } from './diagnosis';
import type { Finding } from './finding';
import type { ControlPlane, EtcdState } from './control-plane';
import type { Machine } from './machine';
import type { ApiHealth, MetalSwitch } from './metal-switch';
import type { Shoot } from './shoot';
import type { SourceStatus } from './source';
import type { EpochMs } from './time';
import type { Topology } from './topology';

/** An incident in progress: health rules judge backups taken after its start as suspicious. */
export interface Incident {
  readonly startedAt: EpochMs;
  readonly label: string;
}

/** The data a source contributes. Each key is one domain; sources that share a domain are concatenated. */
export interface RackData {
  readonly topology: Topology;
  readonly bgp: Bgp;
  readonly machines: readonly Machine[];
  readonly shoots: readonly Shoot[];
  readonly controlPlanes: readonly ControlPlane[];
  readonly backups: readonly BackupComponent[];
  /** etcd-druid's Etcd resources where a cluster has them (seeds, the virtual garden's host). */
  readonly etcds: readonly EtcdState[];
  /** The switches as metal-api knows them (metal-core's reports): a second, SSH-free view of the fabric. */
  readonly switches: readonly MetalSwitch[];
  /** The health and version of the APIs rackpilot reads (metal-api). */
  readonly apis: readonly ApiHealth[];
  readonly incident?: Incident;
}

export type DomainKey = Exclude<keyof RackData, 'incident'>;
export type PartialRackData = Partial<RackData>;

/** What the sources said at one moment, before it is judged. */
export interface RackObservation extends RackData {
  readonly rack: { readonly name: string; readonly simulated: boolean };
  readonly takenAt: EpochMs;
  readonly sources: readonly SourceStatus[];
  /** Which sources have delivered which domains; a domain no source delivered is absent. */
  readonly domains: readonly DomainKey[];
}

/**
 * An immutable picture of the whole rack at one moment, judged once (store/assess.ts, with the configured health
 * options): every pane, `status` and the wizards read these findings and backup verdicts instead of deciding again.
 */
export interface RackSnapshot extends RackObservation {
  /** Every health finding, worst first. */
  readonly findings: readonly Finding[];
  /** The findings grouped by cause, cause first (health/diagnose.ts): what the overview and `status` show. */
  readonly diagnosis: Diagnosis;
  /** Every backup component's versions judged, by component id. */
  readonly backupVerdicts: ReadonlyMap<string, BackupVerdict>;
}

export const EMPTY_DATA: RackData = {
  topology: { nodes: [], links: [] },
  bgp: { switches: [] },
  machines: [],
  shoots: [],
  controlPlanes: [],
  backups: [],
  etcds: [],
  switches: [],
  apis: [],
};
