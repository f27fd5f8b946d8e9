/**
 * The metal-api benchmark's client: rackpilot's own metal-api client (HMAC), machines source and store, polling the
 * stand-in metal-api (bench/metal-api.server.ts, a child process) that serves N machines with E events each.
 * Each poll is one store.refresh(), timed from there to the store's notice that the poll is done (published, or
 * only the source's status refreshed):
 *
 *   total     all of it
 *   wait      until both answers (ipmi/find and issues/evaluate, in parallel) are in: the server's work, the
 *             transfer and, as the client reads ipmi/find as it streams in, the scan of its items (split, hashed)
 *   work      total - wait: parse + diff + publish, the poll's own cost (target <= 150 ms), in three parts:
 *   read        the client from the last byte to its answer (JSON.parse, the end of the list's scan)
 *   source      the source after both answers: compare with the last answer, map, join the issues
 *   store       admit, merge, assess, publish
 *
 * Phases: the first poll (catalogue read, everything new), warm-up polls, polls in which each find moves 5
 * machines on by one provisioning event, and polls in which nothing changed (which must publish nothing).
 * Bundled and run by bench/metal-api.mjs; prints one JSON object on stdout, progress on stderr.
 */
import { parseArgs } from 'node:util';
import { createMetalApi, type MetalApi } from '../src/clients/metal-api/metal-api';
import { systemClock } from '../src/clock';
import type { Machine } from '../src/model/machine';
import { createMachinesSource } from '../src/sources/metal-api/machines-source';
import type { Source } from '../src/sources/source';
import { RackStore } from '../src/store/rack-store';
import { metalApiServer } from './metal-api.parts';
import { type PollTimes, pollPhase, round1, summary } from './stats';

const MB = 1024 * 1024;
const HOUR = 3_600_000;
const KEY = 'bench-view-key';
const log = (msg: string) => process.stderr.write(`bench metal-api: ${msg}\n`);

interface PollResult extends PollTimes {
  readonly readMs: number;
  readonly sourceMs: number;
  readonly machinesSame: boolean;
  /** Machine objects in the new snapshot that were not in the previous one (views redo their rows). */
  readonly machinesReplaced: number;
}

function phaseSummary(polls: readonly PollResult[]) {
  return {
    ...pollPhase(polls),
    readMs: summary(polls.map((p) => p.readMs)),
    sourceMs: summary(polls.map((p) => p.sourceMs)),
    pollsWithNewMachinesList: polls.filter((p) => !p.machinesSame).length,
    machinesReplacedPerPoll: summary(polls.map((p) => p.machinesReplaced)),
  };
}

function memory() {
  // With --expose-gc (bench/metal-api.mjs passes it): what is retained, not garbage not yet collected.
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return {
    peakRssMB: round1((process.resourceUsage().maxRSS * 1024) / MB),
    rssAfterGcMB: round1(m.rss / MB),
    heapTotalAfterGcMB: round1(m.heapTotal / MB),
    heapUsedAfterGcMB: round1(m.heapUsed / MB),
    externalAfterGcMB: round1(m.external / MB),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      server: { type: 'string' },
      machines: { type: 'string', default: '1700' },
      events: { type: 'string', default: '40' },
      changes: { type: 'string', default: '5' },
      polls: { type: 'string', default: '30' },
      warmup: { type: 'string', default: '3' },
    },
  });
  if (!values.server) throw new Error('--server <bundled metal-api.server.js> is required');
  const [machines, events, changes, polls, warmup] = [values.machines, values.events, values.changes, values.polls, values.warmup].map(Number) as [number, number, number, number, number];
  const server = metalApiServer(values.server);
  try {
    const ready = await server.ask({ type: 'start', machines, events, key: KEY }, 'ready');
    log(`${machines} machines, ${events} events each: ${round1(ready.findBytes / MB)} MB per ipmi/find answer`);

    // The product's client and source, as commands/metal-api-sources.ts makes them; the interval is out of the
    // way (each poll is a refresh), and so is the store's quiet republish (time-based findings, not data).
    const marks = { received: 0, answered: 0, polled: 0 };
    // The client reads ipmi/find's answer as a stream (splitting and hashing its items as the chunks come in) and
    // the other answers with response.text(): when the last of them is in, waiting is over and the poll's own work
    // begins (the stream's scan overlaps the transfer, so it counts as wait). Wrapping fetch is the only way to see
    // that moment without changing the client.
    const fetchOf = globalThis.fetch;
    const received = () => (marks.received = performance.now());
    globalThis.fetch = async (input, init) => {
      const response = await fetchOf(input, init);
      const text = response.text.bind(response);
      const body = response.body;
      async function* streamed() {
        if (body) for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) yield chunk;
        received();
      }
      Object.defineProperty(response, 'text', { value: () => text().finally(received) });
      Object.defineProperty(response, 'body', { value: streamed() });
      return response;
    };
    const answered = () => (marks.answered = performance.now());
    const client = createMetalApi({ url: ready.url, auth: { hmac: { key: KEY, type: 'Metal-View' } }, timeout: 60_000 });
    const timed: MetalApi = {
      url: client.url,
      get: (path, signal) => client.get(path, signal).finally(answered),
      post: (path, body, signal) => client.post(path, body, signal).finally(answered),
      postList: (path, body, signal, known) => client.postList(path, body, signal, known).finally(answered),
    };
    const source = createMachinesSource({ api: async () => timed, filter: {}, interval: HOUR, timeout: 60_000 });
    const measured: Source = { ...source, poll: (signal) => source.poll(signal).finally(() => (marks.polled = performance.now())) };
    const store = new RackStore({ clock: systemClock, sources: [measured], rack: { name: 'bench', simulated: false }, maxQuiet: HOUR });

    const pollOnce = async (start: () => void): Promise<PollResult> => {
      const before = store.getSnapshot();
      let published = 0;
      const unsubscribe = store.subscribe(() => published++);
      const done = new Promise<void>((resolve) => {
        const off = store.subscribeSources(() => {
          off();
          resolve();
        });
      });
      const t0 = performance.now();
      start();
      await done;
      const t1 = performance.now();
      unsubscribe();
      const after = store.getSnapshot();
      const status = after.sources[0];
      if (status?.state !== 'ok') throw new Error(`the source is ${status?.state}: ${status?.lastError?.message ?? ''}`);
      if (after.machines.length !== machines) throw new Error(`the store holds ${after.machines.length} machines, not ${machines}`);
      const known = new Set<Machine>(before.machines);
      return {
        totalMs: t1 - t0,
        waitMs: marks.received - t0,
        workMs: t1 - marks.received,
        readMs: marks.answered - marks.received,
        sourceMs: marks.polled - marks.answered,
        storeMs: t1 - marks.polled,
        published,
        machinesSame: after.machines === before.machines,
        machinesReplaced: after.machines.filter((m) => !known.has(m)).length,
      };
    };

    const first = await pollOnce(() => store.start());
    // Where the peak comes from: the first poll (every machine new) or the polls after it.
    const peakAfterFirstPollMB = round1((process.resourceUsage().maxRSS * 1024) / MB);
    log(`first poll ${round1(first.totalMs)} ms, peak RSS so far ${peakAfterFirstPollMB} MB`);
    await server.ask({ type: 'progress', perFind: changes }, 'progress');
    for (let i = 0; i < warmup; i++) await pollOnce(() => store.refresh());
    const changing: PollResult[] = [];
    for (let i = 0; i < polls; i++) changing.push(await pollOnce(() => store.refresh()));
    log(`${changes} machines changed per poll: ${JSON.stringify(summary(changing.map((p) => p.totalMs)))} ms`);
    await server.ask({ type: 'progress', perFind: 0 }, 'progress');
    // The first poll after the change stops still sees the last change; it is not one where nothing changed.
    await pollOnce(() => store.refresh());
    const unchanged: PollResult[] = [];
    for (let i = 0; i < polls; i++) unchanged.push(await pollOnce(() => store.refresh()));
    log(`nothing changed: ${JSON.stringify(summary(unchanged.map((p) => p.totalMs)))} ms`);
    const serverStats = await server.ask({ type: 'stats' }, 'stats');
    await store.stop();
    process.stdout.write(
      `${JSON.stringify({
        machines,
        eventsPerMachine: events,
        findAnswerMB: round1(ready.findBytes / MB),
        contractSample: ready.sample,
        firstPoll: { totalMs: round1(first.totalMs), waitMs: round1(first.waitMs), workMs: round1(first.workMs), readMs: round1(first.readMs), sourceMs: round1(first.sourceMs), storeMs: round1(first.storeMs) },
        changing: { machinesChangedPerPoll: changes, ...phaseSummary(changing) },
        unchanged: phaseSummary(unchanged),
        memory: { peakAfterFirstPollMB, ...memory() },
        serverFinds: serverStats.finds,
      })}\n`,
    );
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
