/**
 * `rackpilot status` against the switch lab (real FRR, lldpd and OpenSSH in network namespaces; root) beside the
 * operator's manual loop over the same three switches, `ssh -p PORT root@127.0.0.1 "vtysh -c 'show bgp vrf all
 * summary'"` one after the other, in alternating pairs so that both see the same load. Bundled and run by
 * bench/lab-status.mjs; prints one JSON object on stdout, progress on stderr.
 */
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { labAvailability, startLab } from '../test/lab/harness';
import { writeLabConfig } from '../test/lab/lab-rack';

const log = (msg: string) => process.stderr.write(`bench lab: ${msg}\n`);
const round1 = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? Number.NaN) + (s[mid] ?? Number.NaN)) / 2;
};

/** Runs a program to its exit; resolves with the wall time, rejects on a non-zero exit. */
function timed(file: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout: 30_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')}: ${error.message} ${stderr.slice(-300)}`));
      else resolve(performance.now() - t);
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { root: { type: 'string', default: process.cwd() }, pairs: { type: 'string', default: '7' } } });
  const pairs = Number(values.pairs);
  const available = await labAvailability();
  if (!available.ok) {
    process.stdout.write(`${JSON.stringify({ skipped: available.reason })}\n`);
    return;
  }
  log('starting the switch lab');
  const lab = await startLab({ name: 'bench' });
  const stop = () => void lab.stop().then(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await lab.waitEstablished();
    const config = writeLabConfig(lab);
    const ssh = (port: number) => [
      '-p', String(port), '-i', lab.identityFile, '-o', `UserKnownHostsFile=${lab.knownHosts}`, '-o', 'StrictHostKeyChecking=yes',
      '-o', 'BatchMode=yes', 'root@127.0.0.1', "vtysh -c 'show bgp vrf all summary'",
    ];
    const manual = async () => {
      let ms = 0;
      for (const sw of lab.switches) ms += await timed('ssh', ssh(sw.port));
      return ms;
    };
    const bin = join(values.root, 'bin', 'rackpilot');
    // HOME: the lab's, so no operator's ~/.ssh is read; the compile cache as a user has it (warmed below).
    const env = { ...process.env, HOME: lab.dir, XDG_CACHE_HOME: join(values.root, 'dist', 'bench', 'cache') };
    const status = () => timed(process.execPath, [bin, 'status', '--config', config], env);
    const floor = () => timed(process.execPath, ['-e', '0'], env);
    await status();
    await manual();
    const samples = { manual: [] as number[], status: [] as number[], nodeFloor: [] as number[], ratio: [] as number[] };
    const loadAtStart = loadavg().map((x) => round1(x, 2));
    for (let i = 0; i < pairs; i++) {
      samples.nodeFloor.push(await floor());
      // Alternate which goes first, so neither always runs right after the other.
      let m: number;
      let s: number;
      if (i % 2) {
        m = await manual();
        s = await status();
      } else {
        s = await status();
        m = await manual();
      }
      samples.manual.push(m);
      samples.status.push(s);
      samples.ratio.push(s / m);
      log(`pair ${i + 1}: status ${round1(s, 0)} ms, manual loop ${round1(m, 0)} ms, ratio ${round1(s / m, 2)}`);
    }
    const ratio = round1(median(samples.ratio), 2);
    process.stdout.write(
      `${JSON.stringify({
        switches: lab.switches.length,
        method: `${pairs} alternating pairs: \`rackpilot status --config\` on the lab (BGP and LLDP of 3 switches) and the manual loop \`ssh -p PORT root@127.0.0.1 "vtysh -c 'show bgp vrf all summary'"\` over the same 3 switches one after the other (OpenSSH client, strict host keys); node -e 0 before each pair`,
        loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((x) => round1(x, 2)) },
        statusMs: { median: round1(median(samples.status)), runs: samples.status.map((x) => round1(x)) },
        manualLoopMs: { median: round1(median(samples.manual)), runs: samples.manual.map((x) => round1(x)) },
        nodeFloorMs: round1(median(samples.nodeFloor)),
        statusXNode: round1(median(samples.status) / median(samples.nodeFloor), 2),
        ratio: { median: ratio, runs: samples.ratio.map((x) => round1(x, 2)) },
        target: { metric: 'status ÷ manual ssh+vtysh loop (median of pairs)', target: '<= 0.5', measured: ratio, pass: ratio <= 0.5 },
        pass: ratio <= 0.5,
      })}\n`,
    );
  } finally {
    await lab.stop();
  }
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
