import { useSyncExternalStore } from 'react';
import type { RackSnapshot } from '../../src/model/snapshot';
import type { SourceStatus } from '../../src/model/source';
import type { RackStore } from '../../src/store/rack-store';

/** The store's current snapshot; re-renders only when the store publishes a new one. */
export function useSnapshot(store: RackStore): RackSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

/**
 * Source states and data ages. Re-renders when a source's state or error changes, not after every poll: a poll
 * that only moved lastSuccess draws the same header, yet costs a full Ink render and its frame-rate slot, which
 * delays the next key press. The ages are read fresh on every render, so the clock tick shows them within a second.
 */
export function useSources(store: RackStore): readonly SourceStatus[] {
  const key = () => sourcesKey(store.getSources());
  useSyncExternalStore(store.subscribeSources, key, key);
  return store.getSources();
}

/** What the header shows of the sources apart from their ages; a string, so equal means no re-render. */
function sourcesKey(sources: readonly SourceStatus[]): string {
  return sources.map((s) => `${s.name}\u0000${s.state}\u0000${s.lastSuccess === undefined}\u0000${s.lastError?.message ?? ''}`).join('\u0001');
}
