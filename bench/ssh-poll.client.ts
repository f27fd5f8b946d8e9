/**
 * The SSH poll benchmark: rackpilot's own SshPool and switch sources read N fake switches (default 200) over
 * real SSH, each switch its own port and connection, with strict host-key checking against a generated
 * known_hosts and key-file login, like production. The switches run in a child process
 * (bench/ssh-poll.server.ts) so that the CPU figures of this process are the client's alone.
 *
 * Rounds, each one `poll()` of the source(s) with the pool's concurrency limit (default 32):
 *   cold      a new pool: TCP connect, SSH handshake, host-key check and login to every switch, then vtysh
 *   warm      the same pool again: connections kept open and reused, vtysh only
 *   lldp      warm, `lldpctl -f json` (the topology source)
 *   both      warm, BGP and LLDP polled at once, as the store does every interval
 * A round counts only if every switch answered within it with the expected data; otherwise the run fails.
 *
 * Bundled and run by bench/ssh-poll.mjs; prints one JSON object on stdout, progress on stderr.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { commandLine } from '../src/shell-quote';
import { SshPool } from '../src/clients/ssh/ssh-pool';
import { DEFAULT_SSH, DEFAULT_SWITCH_COMMANDS, type SwitchConfig } from '../src/config/switches';
import type { Bgp } from '../src/model/bgp';
import type { PartialRackData } from '../src/model/snapshot';
import type { Topology } from '../src/model/topology';
import type { Source } from '../src/sources/source';
import { parseBgpSummary } from '../src/sources/ssh/parse-bgp-summary';
import { parseLldp } from '../src/sources/ssh/parse-lldp';
import { createSwitchSources } from '../src/sources/ssh/switch-sources';
import { oneExecPerSwitch } from '../src/sources/ssh/one-exec-shell';
import { makeKey, tempDir } from '../test/clients/keys';
import { BenchClock, RecordingShell, SwitchServer } from './ssh-poll.parts';

const MB = 1024 * 1024;
/** The switches' poll interval (the config default): the clock moves this far before each round. */
const INTERVAL = 5000;
const GAP_MS = 200;
const BGP_FIXTURE = 'test/fixtures/frr/bgp-summary-spine-established.json';
const LLDP_FIXTURE = 'test/fixtures/frr/lldpctl-spine-two-neighbours.json';

const log = (msg: string) => process.stderr.write(`bench ssh: ${msg}\n`);
const round1 = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

type StatsReply = Awaited<ReturnType<SwitchServer['stats']>>;

type Phase = 'cold' | 'warm' | 'lldp' | 'both';

interface RoundResult {
  readonly wallMs: number;
  readonly clientCpuMs: number;
  readonly serverCpuMs: number;
  readonly newConnections: number;
  readonly execs: number;
  /** Per call, from the source asking the pool to its answer (queueing for a slot included): median, max. */
  readonly callMs: Stats;
  /** Parsing the round's answers (every switch's output of every command the round ran), timed after the round. */
  readonly parseMs: number;
}

interface Stats {
  readonly median: number;
  readonly max: number;
}

function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? Number.NaN) + (s[mid] ?? Number.NaN)) / 2;
  return { median: round1(median), max: round1(s.at(-1) ?? Number.NaN) };
}

/** The client's memory now, MB; peak RSS is the process's highest so far. */
function memory() {
  // With --expose-gc (bench/ssh-poll.mjs passes it): what is retained, not garbage not yet collected.
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return {
    rssMB: round1(m.rss / MB),
    peakRssMB: round1((process.resourceUsage().maxRSS * 1024) / MB),
    heapTotalMB: round1(m.heapTotal / MB),
    heapUsedMB: round1(m.heapUsed / MB),
    externalMB: round1(m.external / MB),
  };
}

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a positive integer, got ${value}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      server: { type: 'string' },
      root: { type: 'string', default: process.cwd() },
      switches: { type: 'string', default: '200' },
      concurrency: { type: 'string', default: String(DEFAULT_SSH.concurrency) },
      'cold-rounds': { type: 'string', default: '3' },
      rounds: { type: 'string', default: '10' },
      'target-ms': { type: 'string', default: '2000' },
    },
  });
  if (!values.server) throw new Error('--server <bundled ssh-poll.server.js> is required');
  const n = positiveInt('switches', values.switches);
  const concurrency = positiveInt('concurrency', values.concurrency);
  const coldRounds = positiveInt('cold-rounds', values['cold-rounds']);
  const warmRounds = positiveInt('rounds', values.rounds);
  const targetMs = positiveInt('target-ms', values['target-ms']);

  const bgpReply = readFileSync(join(values.root, BGP_FIXTURE), 'utf8');
  const lldpReply = readFileSync(join(values.root, LLDP_FIXTURE), 'utf8');
  const expectedSessions = parseBgpSummary('bench', bgpReply).sessions.length;
  const expectedNeighbours = parseLldp(lldpReply).length;
  if (expectedSessions === 0 || expectedNeighbours === 0) throw new Error('the captured outputs parse to no sessions or no neighbours');

  const loadAtStart = loadavg()[0] ?? 0;
  const tmp = tempDir('bench-ssh');
  const server = new SwitchServer(values.server);
  const stop = () => {
    server.kill();
    tmp.remove();
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const pools: SshPool[] = [];
  const sources: Source[] = [];
  try {
    // A key file made by ssh-keygen (OpenSSH format, mode 0600) and a known_hosts with one line per switch port.
    const key = makeKey(tmp.dir, 'id_ed25519');
    const knownHosts = join(tmp.dir, 'known_hosts');
    const replies = { [commandLine(DEFAULT_SWITCH_COMMANDS.bgp)]: bgpReply, [commandLine(DEFAULT_SWITCH_COMMANDS.lldp)]: lldpReply };
    log(`starting ${n} fake switches`);
    const ready = await server.ask({ type: 'start', switches: n, authorizedKey: key.publicLine, replies }, 'ready');
    if (ready.ports.length !== n) throw new Error(`the server listens on ${ready.ports.length} ports, not ${n}`);
    writeFileSync(knownHosts, ready.ports.map((port) => `[127.0.0.1]:${port} ${ready.hostKey}\n`).join(''));

    const width = String(n).length;
    const switches: SwitchConfig[] = ready.ports.map((port, i) => {
      const name = `sw${String(i + 1).padStart(width, '0')}`;
      return {
        name,
        role: 'leaf',
        interval: INTERVAL,
        target: { name, host: '127.0.0.1', port, user: 'admin', identityFile: key.privateFile, knownHosts, trustOnFirstUse: false },
        commands: { bgp: DEFAULT_SWITCH_COMMANDS.bgp, lldp: DEFAULT_SWITCH_COMMANDS.lldp },
      };
    });
    const names = switches.map((s) => s.name);
    const clock = new BenchClock();
    const sshOptions = { connectTimeout: DEFAULT_SSH.connectTimeout, commandTimeout: DEFAULT_SSH.commandTimeout, concurrency, maxBackoff: DEFAULT_SSH.maxBackoff };

    const newSources = () => {
      const pool = new SshPool(sshOptions);
      pools.push(pool);
      // As open-rack.ts builds it: BGP and LLDP of a switch asked for together go as one exec.
      const shell = new RecordingShell(oneExecPerSwitch(pool));
      // Not paired (pairRounds): the warm and lldp rounds measure one command each; "both" polls the two at once.
      const made = createSwitchSources({ switches, links: [], shell, clock, ssh: sshOptions });
      sources.push(made.bgp, made.topology);
      return { pool, shell, ...made };
    };

    /** Every switch answered this round's command(s) with the captured data; else the reasons, first ones. */
    const check = (phase: Phase, ended: ReadonlyMap<string, { how: string }>, data: PartialRackData[], started: number, before: StatsReply, after: StatsReply): string[] => {
      const problems: string[] = [];
      const commands = phase === 'lldp' ? ['lldpctl'] : phase === 'both' ? ['vtysh', 'lldpctl'] : ['vtysh'];
      for (const name of names) {
        for (const command of commands) {
          const how = ended.get(`${name} ${command}`)?.how;
          if (how !== 'ok') problems.push(`${name} ${command}: ${how ?? 'no answer within the round'}`);
        }
      }
      const bgp = data.find((d) => d.bgp)?.bgp as Bgp | undefined;
      if (commands.includes('vtysh')) {
        if (bgp?.switches.length !== n) problems.push(`BGP lists ${bgp?.switches.length ?? 0} switches, not ${n}`);
        for (const sw of bgp?.switches ?? []) {
          if (!sw.reachable) problems.push(`${sw.name}: unreachable (${sw.error})`);
          else if ((sw.lastSeen ?? 0) < started) problems.push(`${sw.name}: BGP data from an earlier round`);
          else if (sw.sessions.length !== expectedSessions) problems.push(`${sw.name}: ${sw.sessions.length} sessions, expected ${expectedSessions}`);
        }
      }
      const topology = data.find((d) => d.topology)?.topology as Topology | undefined;
      if (commands.includes('lldpctl')) {
        const up = new Set(topology?.nodes.filter((node) => node.reachability === 'up').map((node) => node.id));
        for (const name of names) if (!up.has(name)) problems.push(`${name}: not up in the topology`);
      }
      const execs = after.server.execs - before.server.execs;
      // Both commands of a switch go as one exec (src/sources/ssh/one-exec-shell.ts).
      if (execs !== n) problems.push(`the switches ran ${execs} execs, expected ${n} (one per switch)`);
      const connections = after.connections - before.connections;
      const expectedConnections = phase === 'cold' ? n : 0;
      if (connections !== expectedConnections) problems.push(`${connections} new SSH connections, expected ${expectedConnections}`);
      return problems;
    };

    const runRound = async (phase: Phase, s: ReturnType<typeof newSources>, index: number): Promise<RoundResult> => {
      clock.tick(INTERVAL);
      s.shell.ended = new Map();
      const before = await server.stats();
      const started = clock.now();
      const polled = phase === 'lldp' ? [s.topology] : phase === 'both' ? [s.bgp, s.topology] : [s.bgp];
      // The store's limit for a poll; the reads' own limits (connect, command, answerWithin) come first.
      const signal = AbortSignal.timeout(Math.max(...polled.map((p) => p.timeout ?? p.interval)));
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const data = await Promise.all(polled.map((p) => p.poll(signal)));
      const wallMs = performance.now() - t0;
      const clientCpuMs = cpuMs(process.cpuUsage(cpu0));
      const ended = new Map(s.shell.ended);
      const after = await server.stats();
      const problems = check(phase, ended, data, started, before, after);
      if (problems.length > 0) {
        const shown = problems.slice(0, 10).join('\n  ');
        throw new Error(`${phase} round ${index + 1} is invalid (${problems.length} problems):\n  ${shown}${problems.length > 10 ? '\n  …' : ''}`);
      }
      // The parsers the sources use, over the same answers the round received, timed on their own.
      const p0 = performance.now();
      for (const name of names) {
        if (phase !== 'lldp') parseBgpSummary(name, bgpReply, started);
        if (phase === 'lldp' || phase === 'both') parseLldp(lldpReply);
      }
      const parseMs = performance.now() - p0;
      const result = {
        wallMs,
        parseMs,
        clientCpuMs,
        serverCpuMs: cpuMs(after.cpu) - cpuMs(before.cpu),
        newConnections: after.connections - before.connections,
        execs: after.server.execs - before.server.execs,
        callMs: stats([...ended.values()].map((c) => c.ms)),
      };
      log(`${phase} round ${index + 1}: ${round1(wallMs, 0)} ms wall, client CPU ${round1(clientCpuMs, 0)} ms, switches CPU ${round1(result.serverCpuMs, 0)} ms, calls ${round1(result.callMs.median, 0)}/${round1(result.callMs.max, 0)} ms`);
      await sleep(GAP_MS);
      return result;
    };

    const results: Record<Phase, RoundResult[]> = { cold: [], warm: [], lldp: [], both: [] };
    let afterFirstRound: ReturnType<typeof memory> | undefined;
    let current: ReturnType<typeof newSources> | undefined;
    for (let i = 0; i < coldRounds; i++) {
      if (current) {
        current.bgp.close?.();
        current.topology.close?.();
        await current.pool.close();
      }
      current = newSources();
      results.cold.push(await runRound('cold', current, i));
      if (i === 0) afterFirstRound = memory();
    }
    if (!current) throw new Error('no cold round');
    for (const phase of ['warm', 'lldp', 'both'] as const) {
      for (let i = 0; i < warmRounds; i++) results[phase].push(await runRound(phase, current, i));
    }

    const atEnd = memory();
    const final = await server.stats();

    const summary = (phase: Phase) => {
      const r = results[phase];
      return {
        rounds: r.length,
        wallMs: { ...stats(r.map((x) => x.wallMs)), runs: r.map((x) => round1(x.wallMs, 0)) },
        clientCpuMs: stats(r.map((x) => x.clientCpuMs)),
        parseMs: stats(r.map((x) => x.parseMs)),
        switchesCpuMs: stats(r.map((x) => x.serverCpuMs)),
        callMs: { medianOfRounds: stats(r.map((x) => x.callMs.median)).median, max: stats(r.map((x) => x.callMs.max)).max },
        commandsPerRound: r[0]?.execs ?? 0,
        newConnectionsPerRound: r[0]?.newConnections ?? 0,
      };
    };
    const rounds = { cold: summary('cold'), warm: summary('warm'), lldp: summary('lldp'), both: summary('both') };
    const targets = [
      { metric: 'cold round wall time, max (ms)', target: `<= ${targetMs}`, measured: rounds.cold.wallMs.max, pass: rounds.cold.wallMs.max <= targetMs },
      { metric: 'warm round wall time, max (ms)', target: `<= ${targetMs}`, measured: rounds.warm.wallMs.max, pass: rounds.warm.wallMs.max <= targetMs },
      // Issue 15: BGP + LLDP of every switch (one exec each), as the store polls them.
      { metric: 'both sources, warm round wall time, median (ms)', target: '<= 800', measured: rounds.both.wallMs.median, pass: rounds.both.wallMs.median <= 800 },
      { metric: 'both sources, warm round wall time, max (ms)', target: '<= 1200', measured: rounds.both.wallMs.max, pass: rounds.both.wallMs.max <= 1200 },
    ];
    const cpuList = cpus();
    const out = {
      benchmark: `SSH poll round over ${n} switches`,
      date: new Date().toISOString(),
      command: 'npm run bench -- --only ssh',
      machine: {
        cpus: cpuList.length,
        cpuModel: cpuList[0]?.model ?? 'unknown',
        memoryMB: Math.round(totalmem() / MB),
        /** The machine is shared: the 1-minute load average when the run started and when it ended. */
        loadAverage1m: { start: round1(loadAtStart, 2), end: round1(loadavg()[0] ?? 0, 2) },
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
      },
      setup: {
        switches: n,
        concurrency,
        connectTimeoutMs: sshOptions.connectTimeout,
        commandTimeoutMs: sshOptions.commandTimeout,
        client: "rackpilot's SshPool (node-ssh/ssh2) and createSwitchSources, in this process",
        switchesServer: `one ssh2 Server (test/helpers/ssh-server.ts) in a child process, one 127.0.0.1 port and SSH connection per switch, ed25519 host key`,
        login: 'ed25519 key file made by ssh-keygen, public-key auth',
        hostKeys: `strict: known_hosts with ${n} [127.0.0.1]:port entries, trustOnFirstUse false`,
        bgp: { command: commandLine(DEFAULT_SWITCH_COMMANDS.bgp), reply: BGP_FIXTURE, bytes: Buffer.byteLength(bgpReply), sessionsPerSwitch: expectedSessions },
        lldp: { command: commandLine(DEFAULT_SWITCH_COMMANDS.lldp), reply: LLDP_FIXTURE, bytes: Buffer.byteLength(lldpReply), neighboursPerSwitch: expectedNeighbours },
      },
      method: {
        round: 'one poll() of the source(s), all switches due (the clock moves one 5 s interval before each round)',
        cold: `a new SshPool per round: TCP connect, SSH handshake, host-key check and login to every switch, then the command; ${coldRounds} rounds`,
        warm: `the last cold round's pool, connections kept open and reused; ${warmRounds} rounds each of BGP, LLDP and both at once (as the store polls them)`,
        valid: 'every switch answered within the round with exit 0 and the captured data (BGP: reachable, fresh, all sessions; LLDP: up); the switches ran exactly one exec per switch (both commands in one when both are polled); cold rounds opened one connection per switch, warm rounds none. Otherwise the run fails.',
        parse: "parseMs: the sources' parsers (parse-bgp-summary, parse-lldp) over every switch's answer of every command the round ran, timed right after the round",
        clientCpu: 'process.cpuUsage() (user + system, all threads) of the client process across the round; the switches run in another process',
        switchesCpu: 'the same for the switch server process',
        gapMs: GAP_MS,
      },
      rounds,
      memory: {
        client: { afterFirstColdRound: afterFirstRound, atEnd },
        switchesRssMB: round1(final.rssBytes / MB),
        switchesPeakRssMB: round1(final.maxRssBytes / MB),
      },
      // Totals over the run, as the switches counted them (connections: TCP accepts).
      switchesSaw: { connections: final.connections, commands: final.server.execs },
      targets,
      pass: targets.every((t) => t.pass),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } finally {
    for (const source of sources) source.close?.();
    await Promise.all(pools.map((p) => p.close()));
    await server.close();
    tmp.remove();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
