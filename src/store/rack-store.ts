import type { Clock } from '../clock';
import type { BackupFence } from '../model/backup';
import { type HealthOptions, healthOptions } from '../health';
import { describeError, TimeoutError } from '../errors';
import type { IncidentEnd, IncidentLog } from '../model/incident-log';
import type { Incident, PartialRackData, RackSnapshot } from '../model/snapshot';
import { type SourceStatus, staleAfterMs } from '../model/source';
import type { EpochMs } from '../model/time';
import { FailedRead, type Source, StaleRead } from '../sources/source';
import { type Admitted, admitData, admitMessage } from './admit';
import { assess } from './assess';
import { memoJudge } from '../backups/judge';
import { withDatabasePause } from './database-pause';
import { fabricView } from './fabric-view';
import { mergeData } from './merge';

export interface StoreOptions {
  readonly clock: Clock;
  readonly sources: readonly Source[];
  readonly rack: { readonly name: string; readonly simulated: boolean };
  /** The configured health options: every snapshot is judged with them, once (see assess.ts). */
  readonly health?: Partial<HealthOptions>;
  /** The incident an operator declared (config), used when no source reports one. */
  readonly incident?: Incident;
  /** Incidents that ended (recovered, acknowledged): a snapshot carries no incident that this log says is over. */
  readonly incidentLog?: IncidentLog;
  /**
   * Longest time without a new snapshot while nothing changes, so time-based findings (overdue backups, stuck
   * phases) and ages still move on. Default 30 s.
   */
  readonly maxQuiet?: number;
  /** The limit of a poll of a source that sets none of its own (config refresh.timeout); else its interval. */
  readonly pollTimeout?: number;
  /** A real rack's fences that rackpilot runs left in place (their journals), read at every snapshot. */
  readonly fences?: () => readonly BackupFence[];
}

interface Entry {
  readonly source: Source;
  /** The source's newest data as it answered and as admitted to the model (see admit.ts). */
  admitted?: Admitted;
  data?: PartialRackData;
  lastSuccess?: EpochMs;
  lastError?: { at: EpochMs; message: string };
  /** The last error is a broken feed whose data is the last good (StaleRead): shown as stale, not as error. */
  staleError?: boolean;
  /** A change was announced while a poll ran: poll again as soon as it ends. */
  again?: boolean;
  cancelSoon?: () => void;
  unsubscribe?: () => void;
  latency?: number;
  /** Increments per poll, so a late answer from a poll that already timed out is ignored. */
  generation: number;
  busy: boolean;
  settled: boolean;
  /** Something a snapshot shows changed since the last publish: data identity, error or state. */
  dirty: boolean;
  cancelNext?: () => void;
  cancelWatch?: () => void;
}

type Listener = () => void;

/** How long the store gathers announced changes of a source before it polls it. */
const CHANGE_DELAY = 50;

/**
 * The one refresh engine. Each source is polled on its own timer; a poll that throws, rejects or hangs past its
 * timeout only marks that source as failed, keeping its last good data, and never delays the others.
 */
export class RackStore {
  private readonly entries: Entry[];
  private readonly listeners = new Set<Listener>();
  private readonly sourceListeners = new Set<Listener>();
  private sourcesView: readonly SourceStatus[] = [];
  private publishedAt = Number.NEGATIVE_INFINITY;
  private readonly staleAfter: number;
  private snapshot: RackSnapshot;
  private running = false;
  private settledWaiters: Array<() => void> = [];
  /** Keeps the backup verdicts of components whose versions did not change since the last snapshot. */
  private readonly judge = memoJudge();
  /**
   * False while the incident log is still reading its file: no snapshot with data is published before it can say
   * which incidents ended (else an acknowledged incident's badge would flash up), and the store is not settled.
   */
  private logReady: boolean;

  constructor(private readonly options: StoreOptions) {
    this.entries = options.sources.map((source) => ({ source, generation: 0, busy: false, settled: false, dirty: true }));
    this.staleAfter = healthOptions(options.health).staleAfterIntervals;
    this.snapshot = this.build();
    this.sourcesView = this.snapshot.sources;
    const ready = options.incidentLog?.ready;
    this.logReady = !ready;
    void ready?.then(() => {
      this.logReady = true;
      if (this.running) this.publish();
      this.settle();
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const entry of this.entries) {
      entry.unsubscribe = entry.source.onChange?.(() => this.pollSoon(entry));
      void this.poll(entry);
    }
  }

  /**
   * A source announced a change: poll it shortly (changes that come in a burst, as a relist of 1,000 objects does,
   * are taken in one poll), or right after the poll that is running.
   */
  private pollSoon(entry: Entry): void {
    if (!this.running) return;
    if (entry.busy) {
      entry.again = true;
      return;
    }
    if (entry.cancelSoon) return;
    entry.cancelSoon = this.options.clock.setTimer(() => {
      entry.cancelSoon = undefined;
      if (entry.busy) entry.again = true;
      else {
        entry.cancelNext?.();
        void this.poll(entry);
      }
    }, CHANGE_DELAY);
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const entry of this.entries) {
      entry.cancelNext?.();
      entry.cancelWatch?.();
      entry.cancelSoon?.();
      entry.unsubscribe?.();
      entry.generation++;
    }
    await Promise.allSettled(this.entries.map((e) => e.source.close?.()));
  }

  /** Polls every idle source now; a source whose poll is still running is left alone. */
  refresh(): void {
    for (const entry of this.entries) {
      if (entry.busy) continue;
      entry.cancelNext?.();
      void this.poll(entry);
    }
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RackSnapshot => this.snapshot;

  /**
   * Ends the incident the snapshot shows (its recovery run succeeded, or the operator acknowledged it): written to
   * the incident log, so the header badge stays gone after a refresh and backups are no longer judged against it,
   * here and in the next `status`. False when no incident is open or nothing can remember the end.
   */
  endIncident(end: Omit<IncidentEnd, 'at'>): boolean {
    const { incident } = this.snapshot;
    const log = this.options.incidentLog;
    if (!incident || !log) return false;
    log.end(this.options.rack.name, incident, { ...end, at: this.options.clock.now() });
    this.publish();
    return true;
  }

  /**
   * Source states and data ages, refreshed after every poll. The header reads these, so a poll that brought
   * nothing new updates one line instead of re-rendering every pane.
   */
  subscribeSources = (listener: Listener): (() => void) => {
    this.sourceListeners.add(listener);
    return () => this.sourceListeners.delete(listener);
  };

  getSources = (): readonly SourceStatus[] => this.sourcesView;

  /** Resolves once every source has answered or failed at least once (and the incident log has read its file). */
  whenSettled(): Promise<void> {
    if (this.settled()) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  private settled(): boolean {
    return this.logReady && this.entries.every((e) => e.settled);
  }

  private settle(): void {
    if (this.settled()) for (const resolve of this.settledWaiters.splice(0)) resolve();
  }

  private async poll(entry: Entry): Promise<void> {
    if (!this.running || entry.busy) return;
    const { clock } = this.options;
    const { source } = entry;
    const generation = ++entry.generation;
    const timeout = source.timeout ?? this.options.pollTimeout ?? source.interval;
    const started = clock.now();
    const controller = new AbortController();
    entry.busy = true;
    let cancelTimeout = () => {};
    const timedOut = new Promise<never>((_, reject) => {
      cancelTimeout = clock.setTimer(() => {
        const error = new TimeoutError(`source ${source.name}`, timeout);
        controller.abort(error);
        reject(error);
      }, timeout);
    });
    try {
      // The race guards against sources that ignore the abort signal and never settle.
      const data = await Promise.race([Promise.resolve().then(() => source.poll(controller.signal)), timedOut]);
      if (generation !== entry.generation) return;
      this.take(entry, data);
      entry.dirty ||= entry.lastError !== undefined || entry.lastSuccess === undefined;
      entry.lastSuccess = clock.now();
      entry.lastError = undefined;
      entry.staleError = false;
    } catch (error) {
      if (generation !== entry.generation) return;
      // Every target failed: the poll failed, but each target's error is data the panes show.
      if (error instanceof FailedRead) this.take(entry, error.data);
      const message = admitMessage(describeError(error));
      const stale = error instanceof StaleRead;
      entry.dirty ||= entry.lastError?.message !== message || entry.staleError !== stale;
      entry.lastError = { at: clock.now(), message };
      entry.staleError = stale;
    } finally {
      cancelTimeout();
      if (generation === entry.generation) this.finish(entry, started);
    }
  }

  /** Sources that share unchanged data (the sim does) return the same object: nothing to redraw. */
  private take(entry: Entry, raw: PartialRackData): void {
    const admitted = admitData(raw, entry.admitted);
    entry.dirty ||= admitted.data !== entry.data;
    entry.admitted = admitted;
    entry.data = admitted.data;
  }

  private finish(entry: Entry, started: EpochMs): void {
    const { clock } = this.options;
    entry.busy = false;
    entry.latency = clock.now() - started;
    entry.settled = true;
    if (this.running) {
      const again = entry.again;
      entry.again = false;
      entry.cancelNext = clock.setTimer(() => void this.poll(entry), again ? 0 : entry.source.interval);
      this.watchStaleness(entry);
    }
    const quiet = clock.now() - this.publishedAt;
    if (this.entries.some((e) => e.dirty) || quiet >= (this.options.maxQuiet ?? 30_000)) this.publish();
    else this.publishSources();
    this.settle();
  }

  /** Republishes when a source crosses its staleness limit, even though no poll finished at that moment. */
  private watchStaleness(entry: Entry): void {
    entry.cancelWatch?.();
    if (entry.lastSuccess === undefined) return;
    const limit = entry.lastSuccess + this.staleLimit(entry);
    const wait = limit - this.options.clock.now() + 1;
    if (wait <= 0) return;
    entry.cancelWatch = this.options.clock.setTimer(() => this.publish(), wait);
  }

  private publish(): void {
    if (!this.logReady) {
      this.publishSources();
      return;
    }
    for (const e of this.entries) e.dirty = false;
    this.snapshot = this.build();
    this.publishedAt = this.snapshot.takenAt;
    this.sourcesView = this.snapshot.sources;
    notify(this.listeners);
    notify(this.sourceListeners);
  }

  private publishSources(): void {
    const now = this.options.clock.now();
    this.sourcesView = this.entries.map((e) => this.status(e, now));
    notify(this.sourceListeners);
  }

  private build(): RackSnapshot {
    const now = this.options.clock.now();
    const { data, domains } = mergeData(this.entries.flatMap((e) => (e.data ? [e.data] : [])));
    const bgp = fabricView(data.bgp, data.switches);
    const { incident: fromSources, ...rest } = data;
    const reported = fromSources ?? this.options.incident;
    // An incident the log says is over is not on the snapshot: no badge, no backups judged against it.
    const incident = reported && !this.options.incidentLog?.ended(this.options.rack.name, reported) ? reported : undefined;
    const observation = {
      ...rest,
      bgp,
      ...(incident ? { incident } : {}),
      rack: this.options.rack,
      takenAt: now,
      // metal-api's switch view alone is a BGP read, too.
      domains: bgp !== data.bgp && !domains.includes('bgp') ? [...domains, 'bgp' as const] : domains,
      sources: this.entries.map((e) => this.status(e, now)),
    };
    // On a real rack a database's stop state comes from its StatefulSet, and a run's journal names who stopped it.
    return assess(this.options.rack.simulated ? observation : withDatabasePause(observation, this.options.fences?.() ?? []), this.options.health, this.judge);
  }

  private status(entry: Entry, now: EpochMs): SourceStatus {
    const { source } = entry;
    const base = {
      name: source.name,
      kind: source.kind,
      interval: source.interval,
      lastSuccess: entry.lastSuccess,
      lastError: entry.lastError,
      latency: entry.latency,
    };
    if (entry.lastError) return { ...base, state: entry.staleError ? 'stale' : 'error' };
    if (entry.lastSuccess === undefined) return { ...base, state: 'pending' };
    const stale = now - entry.lastSuccess > this.staleLimit(entry);
    return { ...base, state: stale ? 'stale' : 'ok' };
  }

  private staleLimit(entry: Entry): number {
    return staleAfterMs({ interval: entry.source.interval, latency: entry.latency }, this.staleAfter);
  }
}

function notify(listeners: ReadonlySet<Listener>): void {
  for (const listener of [...listeners]) {
    try {
      listener();
    } catch {
      // A broken subscriber must not stop the others from hearing about the update.
    }
  }
}
