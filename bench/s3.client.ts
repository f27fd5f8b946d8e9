/**
 * The S3 benchmark's client: rackpilot's own S3 client (src/clients/s3/s3-store.ts), backup source
 * (src/sources/s3/backup-source.ts) and store, polling a real Ceph radosgw with object versioning (the S3 lab) that
 * the writer (bench/s3.writer.ts, a child process) filled: one component key with many versions (several pages of
 * ListObjectVersions) and a few small ones. Each poll is one store.refresh(), timed to the store's notice of the
 * last source:
 *
 *   total     all of it
 *   wait      until the last S3 answer of the poll (listing pages, versioning, lifecycle, HeadObjects)
 *   work      total - wait: what follows the last answer (the slowest source's parse, then the store)
 *   parse     summed over the sources: each source from its own last answer to its result (check, sort, map)
 *   store     summed over the sources: each result to the store's notice (admit, merge, judge, publish)
 *
 * plus the backup judge alone (judgeBackups over the snapshot's components). Phases: the first poll, warm-up,
 * polls after one new version of a small component each, polls in which nothing changed (which must publish
 * nothing). Bundled and run by bench/s3.mjs; prints one JSON object on stdout, progress on stderr.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { onFirstUse } from '../commands/on-first-use';
import { judgeBackups } from '../src/backups/judge';
import { hostAddresses } from '../src/clients/s3/resolve-host';
import { createS3Store, type S3Store } from '../src/clients/s3/s3-store';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { healthOptions } from '../src/health';
import { createS3BackupSource } from '../src/sources/s3/backup-source';
import type { Source } from '../src/sources/source';
import { RackStore } from '../src/store/rack-store';
import { ServerProcess } from './server-process';
import type { WriterReply, WriterRequest } from './s3.writer';
import { type PollTimes, pollPhase, round1, summary } from './stats';

const MB = 1024 * 1024;
const HOUR = 3_600_000;
const BUCKET = 'bench-backups';
const log = (msg: string) => process.stderr.write(`bench s3: ${msg}\n`);

interface PollResult extends PollTimes {
  readonly parseMs: number;
  readonly requests: number;
}

function phaseSummary(polls: readonly PollResult[]) {
  return {
    ...pollPhase(polls),
    parseMs: summary(polls.map((p) => p.parseMs)),
    s3RequestsPerPoll: summary(polls.map((p) => p.requests)),
  };
}

/** One source's marks in the current poll. */
interface Marks {
  lastAnswer: number;
  /** S3 requests: each page of a listing, versioning, lifecycle, each HeadObject. */
  requests: number;
  /** Pages of the last listing (radosgw may answer fewer than MaxKeys per page). */
  pages: number;
}

/** The product's client, each answer (or failure) marked: when the last one is in, the source's own work begins. */
function marked(s3: S3Store, marks: Marks): S3Store {
  const mark = <T>(p: Promise<T>) => {
    marks.requests++;
    return p.finally(() => (marks.lastAnswer = performance.now()));
  };
  return {
    ...s3,
    versioning: (...a) => mark(s3.versioning(...a)),
    // One request per page of the listing.
    listVersions: (...a) =>
      mark(s3.listVersions(...a)).then((pages) => {
        marks.requests += pages.length - 1;
        marks.pages = pages.length;
        return pages;
      }),
    lifecycle: (...a) => mark(s3.lifecycle(...a)),
    metadata: (...a) => mark(s3.metadata(...a)),
    close: () => s3.close(),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      writer: { type: 'string' },
      endpoint: { type: 'string' },
      'big-versions': { type: 'string', default: '1500' },
      small: { type: 'string', default: '3' },
      'small-versions': { type: 'string', default: '20' },
      polls: { type: 'string', default: '30' },
      warmup: { type: 'string', default: '3' },
    },
  });
  if (!values.writer || !values.endpoint) throw new Error('--writer <bundled s3.writer.js> and --endpoint <radosgw URL> are required');
  const [bigVersions, small, smallVersions, polls, warmup] = [values['big-versions'], values.small, values['small-versions'], values.polls, values.warmup].map(Number) as [number, number, number, number, number];
  const ids = ['big', ...Array.from({ length: small }, (_, i) => `small${i + 1}`)];
  const keyOf = (id: string) => `${id}/db.tar.gz`;
  const writer = new ServerProcess<WriterRequest, WriterReply>(values.writer, 'the S3 writer');
  const dir = mkdtempSync(join(tmpdir(), 'rackpilot-bench-s3-'));
  try {
    const seeded = await writer.ask(
      { type: 'seed', endpoint: values.endpoint, bucket: BUCKET, keys: ids.map((id) => ({ key: keyOf(id), versions: id === 'big' ? bigVersions : smallVersions })) },
      'seeded',
    );
    log(`seeded ${seeded.versions} versions in ${round1(seeded.ms / 1000)} s`);

    // The components as a user writes them; config defaults (tool backup-restore-sidecar, prefix = id) apply.
    const file = join(dir, 'rack.yaml');
    const entry = (id: string) => `  - { id: ${id}, endpoint: "${values.endpoint}", bucket: ${BUCKET}, database: postgres, accessKeyIdEnv: BENCH_S3_ACCESS, secretAccessKeyEnv: BENCH_S3_SECRET, timeout: 20s }`;
    writeFileSync(file, `backups:\n${ids.map(entry).join('\n')}\n`);
    const { config } = await loadConfig({ flags: { config: file }, env: { HOME: dir } });
    const credentials = { accessKeyId: process.env.BENCH_S3_ACCESS ?? '', secretAccessKey: process.env.BENCH_S3_SECRET ?? '' };

    // As commands/backup-sources.ts makes them, with the client's answers marked and each poll's result timed.
    const marks = config.backups.map((): Marks => ({ lastAnswer: 0, requests: 0, pages: 0 }));
    const polled = { at: 0, parseMs: 0 };
    const sources: Source[] = config.backups.map((b, i) => {
      const m = marks[i] as Marks;
      const { credentials: _, interval: __, timeout, ...component } = b;
      const source = createS3BackupSource({
        component,
        store: onFirstUse(async () =>
          marked(await createS3Store({ endpoint: b.endpoint, region: b.region, pathStyle: b.pathStyle, credentials, timeout }), m),
        ),
        addresses: (signal) => hostAddresses(b.endpoint, timeout, signal),
        rackNetworks: config.rack.networks,
        interval: HOUR,
        timeout: 6 * timeout,
      });
      return {
        ...source,
        poll: (signal) =>
          source.poll(signal).finally(() => {
            polled.at = performance.now();
            polled.parseMs += polled.at - m.lastAnswer;
          }),
      };
    });
    // The interval is out of the way (each poll is a refresh), and so is the store's quiet republish.
    const store = new RackStore({ clock: systemClock, sources, rack: { name: 'bench', simulated: false }, maxQuiet: HOUR, health: config.health });

    const pollOnce = async (start: () => void): Promise<PollResult> => {
      for (const m of marks) Object.assign(m, { lastAnswer: 0, requests: 0 });
      polled.parseMs = 0;
      let published = 0;
      let storeMs = 0;
      const unsubscribe = store.subscribe(() => published++);
      const done = new Promise<void>((resolve) => {
        let left = sources.length;
        // One notice per source's finished poll, right after its result (published or only its status refreshed).
        const off = store.subscribeSources(() => {
          storeMs += performance.now() - polled.at;
          if (--left === 0) {
            off();
            resolve();
          }
        });
      });
      const t0 = performance.now();
      start();
      await done;
      const t1 = performance.now();
      unsubscribe();
      const failed = store.getSnapshot().sources.filter((s) => s.state !== 'ok');
      if (failed.length > 0) throw new Error(`source ${failed[0]?.name} is ${failed[0]?.state}: ${failed[0]?.lastError?.message ?? ''}`);
      const lastAnswer = Math.max(...marks.map((m) => m.lastAnswer));
      return {
        totalMs: t1 - t0,
        waitMs: lastAnswer - t0,
        workMs: t1 - lastAnswer,
        parseMs: polled.parseMs,
        storeMs,
        published,
        requests: marks.reduce((a, m) => a + m.requests, 0),
      };
    };

    const first = await pollOnce(() => store.start());
    const big = store.getSnapshot().backups.find((b) => b.id === 'big');
    if (big?.versions.length !== bigVersions) throw new Error(`the big component lists ${big?.versions.length} versions, not ${bigVersions}`);
    const peakAfterFirstPollMB = round1((process.resourceUsage().maxRSS * 1024) / MB);
    log(`first poll ${round1(first.totalMs)} ms (wait ${round1(first.waitMs)} ms), peak RSS so far ${peakAfterFirstPollMB} MB`);
    for (let i = 0; i < warmup; i++) await pollOnce(() => store.refresh());

    // One new version of a small component before each poll (the sidecar's next backup).
    const changing: PollResult[] = [];
    for (let i = 0; i < polls; i++) {
      await writer.ask({ type: 'put', bucket: BUCKET, key: keyOf(ids[1 + (i % small)] ?? 'big'), size: 2100 + i }, 'put');
      changing.push(await pollOnce(() => store.refresh()));
    }
    log(`one new version per poll: ${JSON.stringify(summary(changing.map((p) => p.totalMs)))} ms`);
    const unchanged: PollResult[] = [];
    for (let i = 0; i < polls; i++) unchanged.push(await pollOnce(() => store.refresh()));
    log(`nothing changed: ${JSON.stringify(summary(unchanged.map((p) => p.totalMs)))} ms, ${unchanged.filter((p) => p.published > 0).length} polls published`);

    // The backup judge alone, over the components of the last snapshot, as the store calls it.
    const backups = store.getSnapshot().backups;
    const { sizeDropRatio } = healthOptions(config.health);
    const judge: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      judgeBackups(backups, { sizeDropRatio });
      judge.push(performance.now() - t);
    }
    await store.stop();
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    process.stdout.write(
      `${JSON.stringify({
        bucket: BUCKET,
        components: ids.map((id, i) => ({ id, versions: backups.find((b) => b.id === id)?.versions.length ?? 0, listingPages: marks[i]?.pages })),
        seedSeconds: round1(seeded.ms / 1000),
        firstPoll: { totalMs: round1(first.totalMs), waitMs: round1(first.waitMs), workMs: round1(first.workMs), parseMs: round1(first.parseMs), storeMs: round1(first.storeMs), s3Requests: first.requests },
        changing: { newVersionsPerPoll: 1, ...phaseSummary(changing) },
        unchanged: phaseSummary(unchanged),
        judgeMs: summary(judge),
        memory: { peakAfterFirstPollMB, peakRssMB: round1((process.resourceUsage().maxRSS * 1024) / MB), rssAfterGcMB: round1(m.rss / MB), heapUsedAfterGcMB: round1(m.heapUsed / MB) },
      })}\n`,
    );
  } finally {
    await writer.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
