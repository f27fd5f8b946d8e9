import { SourceError } from '../errors';
import type { PartialRackData } from '../model/snapshot';
import type { SourceKind } from '../model/source';
import type { Millis } from '../model/time';

/**
 * A source of rack data: one per domain and backend (sim, metal-api, kube, ssh, s3). The store polls it at its
 * interval, aborts a poll that exceeds its timeout, and keeps its last good data when it fails.
 */
export interface Source {
  readonly name: string;
  readonly kind: SourceKind;
  readonly interval: Millis;
  /** Longest a single poll may take before it is aborted and counted as failed. Defaults to the interval. */
  readonly timeout?: Millis;
  /** Reads the current state. Must honour the signal; may throw (the store records the error). */
  poll(signal: AbortSignal): Promise<PartialRackData>;
  /** Releases connections; called once when the store stops. */
  close?(): Promise<void> | void;
}

/**
 * A poll in which every target failed (every switch unreachable, every API endpoint down). The source is in
 * error — it read nothing — but what it carries (each target's error next to its last good data) is still what
 * the panes and findings show, so the store keeps it as the source's data while counting the poll as failed.
 */
export class NothingRead extends SourceError {
  constructor(
    message: string,
    readonly data: PartialRackData,
  ) {
    super(message);
  }
}
