/**
 * A collection of one Kubernetes API kept current by a watch, turned into model objects for a source's poll:
 * connects on first use (the client library loads then), waits for the first list, maps only objects that
 * changed (by uid and resourceVersion), and says how the watch stands. Shared by every kube source.
 */
import type { KubeApi } from '../../clients/kube/kube-api';
import type { KubeError } from '../../clients/kube/kube-error';
import type { ListWatcher } from '../../clients/kube/list-watcher';
import { describeError } from '../../errors';

export interface CollectionRead<T> {
  readonly items: readonly T[];
  /** Objects that could not be read, one line each ("garden-p1/c1: status.conditions[0].type is missing"). */
  readonly problems: readonly string[];
  /** Set while the watch is broken: the items are the last good ones. */
  readonly broken?: KubeError;
  /** Same as the previous read's: nothing changed. */
  readonly unchanged: boolean;
}

interface Meta {
  readonly metadata?: { readonly uid?: string; readonly resourceVersion?: string; readonly name?: string; readonly namespace?: string };
}

export class WatchedCollection<T> {
  private watcher?: ListWatcher;
  private readonly mapped = new Map<string, { rv?: string; value?: T; problem?: string }>();
  private last?: CollectionRead<T>;
  private lastVersion = -1;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly api: () => Promise<KubeApi>,
    private readonly path: string,
    private readonly map: (raw: unknown) => T,
    /** What of each object the watch cache keeps (see ListWatcherOptions.trim): only what `map` reads. */
    private readonly trim?: (o: unknown) => unknown,
  ) {}

  /** Called when the watch sees a change (after the first read started it). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async read(signal: AbortSignal): Promise<CollectionRead<T>> {
    if (!this.watcher) {
      const api = await this.api();
      this.watcher = api.watch(this.path, this.trim);
      this.watcher.onChange(() => {
        for (const l of [...this.listeners]) l();
      });
    }
    const w = this.watcher;
    await firstList(w, signal);
    if (!w.synced && w.broken) throw w.broken.error;
    if (this.last && w.version === this.lastVersion) return { ...this.last, unchanged: true };
    this.lastVersion = w.version;
    this.last = { ...this.build(w.objects() as readonly Meta[]), ...(w.broken ? { broken: w.broken.error } : {}), unchanged: false };
    return this.last;
  }

  close(): void {
    this.watcher?.stop();
  }

  private build(objects: readonly Meta[]): { items: T[]; problems: string[] } {
    const items: T[] = [];
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const o of objects) {
      const key = o.metadata?.uid ?? `${o.metadata?.namespace}/${o.metadata?.name}`;
      seen.add(key);
      let entry = this.mapped.get(key);
      if (!entry || entry.rv === undefined || entry.rv !== o.metadata?.resourceVersion) {
        entry = this.mapOne(o);
        this.mapped.set(key, entry);
      }
      if (entry.value !== undefined) items.push(entry.value);
      if (entry.problem !== undefined) problems.push(entry.problem);
    }
    for (const key of this.mapped.keys()) if (!seen.has(key)) this.mapped.delete(key);
    return { items, problems };
  }

  private mapOne(o: Meta): { rv?: string; value?: T; problem?: string } {
    const rv = o.metadata?.resourceVersion;
    try {
      return { rv, value: this.map(o) };
    } catch (error) {
      const name = [o.metadata?.namespace, o.metadata?.name].filter(Boolean).join('/') || '(unnamed)';
      return { rv, problem: `${name}: ${describeError(error)}` };
    }
  }
}

/** Waits until the watch has listed once or failed, as long as the poll may wait. */
function firstList(w: ListWatcher, signal: AbortSignal): Promise<void> {
  if (w.synced || w.broken) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      off();
      signal.removeEventListener('abort', aborted);
      resolve();
    };
    const aborted = () => {
      off();
      reject(signal.reason);
    };
    const off = w.onChange(() => {
      if (w.synced || w.broken) done();
    });
    signal.addEventListener('abort', aborted, { once: true });
  });
}
