import type { EpochMs, Millis } from './time';

export type SourceKind = 'sim' | 'kube' | 'ssh' | 'metal-api' | 's3';
/** pending: not answered yet; stale: no success for twice its interval. */
export type SourceState = 'pending' | 'ok' | 'stale' | 'error' | 'disabled';

export interface SourceStatus {
  readonly name: string;
  readonly kind: SourceKind;
  readonly state: SourceState;
  readonly interval: Millis;
  readonly lastSuccess?: EpochMs;
  readonly lastError?: { readonly at: EpochMs; readonly message: string };
  /** Duration of the last completed poll. */
  readonly latency?: Millis;
}
