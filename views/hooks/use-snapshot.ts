import { useSyncExternalStore } from 'react';
import type { RackSnapshot } from '../../src/model/snapshot';
import type { SourceStatus } from '../../src/model/source';
import type { RackStore } from '../../src/store/rack-store';

/** The store's current snapshot; re-renders only when the store publishes a new one. */
export function useSnapshot(store: RackStore): RackSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

/** Source states and data ages; updates after every poll, unlike the snapshot. */
export function useSources(store: RackStore): readonly SourceStatus[] {
  return useSyncExternalStore(store.subscribeSources, store.getSources, store.getSources);
}
