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
  /**
   * Sources that learn of changes themselves (a Kubernetes watch) call the listener, and the store polls them at
   * once instead of waiting for the interval. Returns the unsubscribe function.
   */
  onChange?(listener: () => void): () => void;
  /** Releases connections; called once when the store stops. */
  close?(): Promise<void> | void;
}

/**
 * A poll that failed but still carries what the panes should show: every target failed (every switch unreachable,
 * each with its error next to its last good data), or some objects of an answer could not be read (the others
 * are shown). The store keeps the data as the source's and counts the poll as failed (state error).
 */
export class FailedRead extends SourceError {
  constructor(
    message: string,
    readonly data: PartialRackData,
  ) {
    super(message);
  }
}

/**
 * The source's feed is broken (a watch that lost its API server) but what it carries is the last good data, as it
 * was: the store shows the source as stale with this reason and the age of that data, not as an error.
 */
export class StaleRead extends FailedRead {}
