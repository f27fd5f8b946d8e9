/**
 * A list+watch cache of one collection, on the library's informer (which relists on 410 Expired by itself). What
 * the library leaves to us: an informer stops for good on a connection error, so a new one is started here after
 * 1 s, 2 s, 4 s … 30 s (a new one lists afresh, which is also how we learn the API is back: a watch resumed on a
 * quiet collection would say nothing); until it has listed, the old cache is served; the abort error of our own
 * stop() is not a failure; and the state (synced, broken since when and why) is kept for the source, which shows a
 * broken watch as stale with the reason.
 */
import type { KubeConfig, KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import { httpError, KubeError, transportError } from './kube-error';

type Lib = typeof import('@kubernetes/client-node');
type Informer = ReturnType<Lib['makeInformer']>;

export interface ListWatcherOptions {
  readonly lib: Lib;
  readonly kc: KubeConfig;
  readonly path: string;
  /**
   * What of each object to keep in the cache (from lists and watch events alike): the cache otherwise holds every
   * object in full, managedFields and pod specs included, which is most of the memory at a few thousand objects.
   */
  readonly trim?: (o: KubernetesObject) => KubernetesObject;
  readonly list: (signal?: AbortSignal) => Promise<unknown>;
  readonly context: string;
  readonly server: string;
}

const BACKOFF_MIN = 1000;
const BACKOFF_MAX = 30_000;

export class ListWatcher {
  private informer: Informer;
  /** The informer that served before a restart, until the new one has listed. */
  private previous?: Informer;
  private readonly listeners = new Set<() => void>();
  private stopped = false;
  private backoff = BACKOFF_MIN;
  private retry?: ReturnType<typeof setTimeout>;
  /** Set once the first list has come back. */
  synced = false;
  /** Counts changes, so a reader rebuilds only when something changed. */
  version = 0;
  /** Full lists made: the first, one per restart, one per 410 Expired (the informer relists then). */
  lists = 0;
  /** Why the watch is broken, and since when; absent while it works. */
  broken?: { readonly message: string; readonly since: number; readonly error: KubeError };

  /** The HTTP dispatchers of the latest watch requests, destroyed on stop(). */
  private readonly dispatchers = new Set<{ destroy(): Promise<void> }>();
  private readonly kc: KubeConfig;
  private readonly trim: (o: KubernetesObject) => KubernetesObject;

  constructor(private readonly o: ListWatcherOptions) {
    this.kc = trackingDispatchers(o.kc, this.dispatchers);
    const keep = o.trim ?? ((x: KubernetesObject) => x);
    this.trim = (x) => keep(withoutManagedFields(x));
    this.informer = this.start();
  }

  /** The cached objects of every namespace (the last good ones while a restarted watch has not listed yet). */
  objects(): readonly KubernetesObject[] {
    return (this.previous ?? this.informer).list();
  }

  private start(): Informer {
    // makeInformer is a ListWatch over a Watch; built here so that watch events pass through trim like lists do.
    const watch = new this.o.lib.Watch(this.kc);
    const trim = this.trim;
    const trimming = {
      watch: (path: string, query: Record<string, string | number | boolean | undefined>, callback: (phase: string, obj: unknown, raw: unknown) => void, done: (err?: unknown) => void) =>
        watch.watch(path, query, (phase, obj, raw) => callback(phase, phase === 'ERROR' || typeof obj !== 'object' || obj === null ? obj : trim(obj as KubernetesObject), raw), done),
    } as unknown as InstanceType<Lib['Watch']>;
    const informer: Informer = new this.o.lib.ListWatch(this.o.path, trimming, () => this.list(informer), false);
    const changed = () => {
      if (informer !== this.informer) return;
      this.version++;
      this.notify();
    };
    informer.on('add', changed);
    informer.on('update', changed);
    informer.on('delete', changed);
    informer.on('error', (err) => {
      if (informer === this.informer) this.failed(err);
    });
    void informer.start().catch((err: unknown) => {
      if (informer === this.informer) this.failed(err);
    });
    return informer;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    void this.informer.stop().catch(() => {});
    // The informer aborts only a watch whose request has returned; one still connecting would stay open until its
    // 30 s inactivity timeout and keep a finished `status` from exiting. Closing its dispatcher ends it too.
    for (const d of this.dispatchers) void d.destroy().catch(() => {});
    this.dispatchers.clear();
  }

  private async list(informer: Informer): Promise<KubernetesListObject<KubernetesObject>> {
    const body = await this.o.list();
    this.lists++;
    if (typeof body !== 'object' || body === null || !Array.isArray((body as { items?: unknown }).items)) {
      throw new KubeError('server', `${this.o.context}: ${this.o.path}: unexpected output shape: items is missing`);
    }
    const list = body as KubernetesListObject<KubernetesObject>;
    list.items = list.items.map((item) => (typeof item === 'object' && item !== null ? this.trim(item) : item));
    this.backoff = BACKOFF_MIN;
    // The informer fills its cache from this list after we return: serve the old cache until then.
    setImmediate(() => {
      if (informer !== this.informer) return;
      this.synced = true;
      this.previous = undefined;
      // A list can be empty (no add events): readers waiting for the first list learn of it here.
      this.version++;
      this.notify();
    });
    if (this.broken) {
      this.broken = undefined;
      this.version++;
      this.notify();
    }
    return body as KubernetesListObject<KubernetesObject>;
  }

  private failed(err: unknown): void {
    // stop() aborts the running watch; that AbortError is ours, not the API's.
    if (this.stopped) return;
    const error = asKubeError(err, this.o);
    const since = this.broken?.since ?? Date.now();
    this.broken = { message: error.message, since, error };
    this.version++;
    this.notify();
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      if (this.stopped) return;
      void this.informer.stop().catch(() => {});
      this.previous ??= this.informer;
      this.informer = this.start();
    }, this.backoff);
    this.retry.unref?.();
    this.backoff = Math.min(this.backoff * 2, BACKOFF_MAX);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function asKubeError(err: unknown, o: ListWatcherOptions): KubeError {
  if (err instanceof KubeError) return err;
  const status = (err as { statusCode?: number; code?: unknown })?.statusCode;
  if (typeof status === 'number') return httpError(o.context, o.path, 'watch', status, undefined);
  return transportError(o.context, o.server, err);
}

/** The kubeconfig as the informer's watch sees it, remembering the dispatcher each request is given. */
function trackingDispatchers(kc: KubeConfig, into: Set<{ destroy(): Promise<void> }>): KubeConfig {
  const tracking = Object.create(kc) as KubeConfig;
  tracking.applySecurityAuthentication = async (ctx) => {
    await kc.applySecurityAuthentication(ctx);
    const dispatcher = ctx.getDispatcher() as { destroy?: () => Promise<void> } | undefined;
    if (typeof dispatcher?.destroy !== 'function') return;
    into.add(dispatcher as { destroy(): Promise<void> });
    // Each watch request gets a dispatcher of its own; only the latest ones can still be open.
    if (into.size > 4) into.delete(into.values().next().value as { destroy(): Promise<void> });
  };
  return tracking;
}

/** managedFields (server-side apply bookkeeping) are often the biggest part of an object and never shown. */
function withoutManagedFields(o: KubernetesObject): KubernetesObject {
  if (!o.metadata?.managedFields) return o;
  const { managedFields: _, ...metadata } = o.metadata;
  return { ...o, metadata };
}
