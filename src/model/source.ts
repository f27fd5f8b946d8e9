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

/**
 * How long a source may go without a success before it is stale: `intervals` times the gap between successes of
 * a working source, which is one interval plus one poll (the next poll is timed from the end of the last). So a
 * source whose polls take a while (SSH to many switches) is not called stale for that alone. The store and the
 * health rules judge with this one formula.
 */
export function staleAfterMs(source: { readonly interval: Millis; readonly latency?: Millis }, intervals: number): Millis {
  return intervals * (source.interval + (source.latency ?? 0));
}
