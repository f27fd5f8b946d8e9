import { MINUTE, type Millis } from './time';

/** Thresholds of the health rules and the backup judge; config.yaml's `health` section overrides them. Their one home. */
export interface HealthOptions {
  /** A machine in a transient provisioning phase for longer than this is stuck. */
  readonly stuckPhaseAfter: Millis;
  /** A backup smaller than this share of the version before it probably holds an empty database. */
  readonly sizeDropRatio: number;
  /** Fewer versions than this leave nothing to fall back to if the newest one is bad. */
  readonly minVersions: number;
  /** A source without success for this many of its poll intervals is stale. */
  readonly staleAfterIntervals: number;
  /**
   * A shoot condition False or Unknown for less than this is shown (info) but not yet alarmed. Default 0: gardenlet
   * already holds a failing condition at Progressing for its own threshold before it turns False, so a second grace
   * here would only delay the alarm; set it where probes flap anyway.
   */
  readonly conditionGrace: Millis;
  /**
   * metal-api's view of a switch whose last sync is older than this is out of date: metal-core reports every 10 s
   * by default, so a minute is six missed reports.
   */
  readonly switchSyncStale: Millis;
}

export const DEFAULT_HEALTH_OPTIONS: HealthOptions = {
  stuckPhaseAfter: 15 * MINUTE,
  sizeDropRatio: 0.5,
  minVersions: 2,
  staleAfterIntervals: 2,
  conditionGrace: 0,
  switchSyncStale: MINUTE,
};
