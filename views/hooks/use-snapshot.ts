import { useSyncExternalStore } from 'react';
import type { RackSnapshot } from '../../src/model/snapshot';
import type { RackStore } from '../../src/store/rack-store';

/** The store's current snapshot; re-renders only when the store publishes a new one. */
export function useSnapshot(store: RackStore): RackSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
