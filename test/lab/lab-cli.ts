/**
 * `npm run lab`: the switch lab by hand. Starts spine, leaf01 and leaf02 (real FRR, lldpd, OpenSSH in network
 * namespaces), writes a rackpilot config pointing at them, and takes commands on stdin until quit or Ctrl-C,
 * then removes everything it made.
 */
import { createInterface } from 'node:readline';
import { bgpSummaryLines, vtyshError } from './lab-status';
import { cleanupStaleLabs, type Lab, labAvailability, type SwitchName, startLab } from './harness';
import { writeLabConfig } from './lab-rack';

const NAMES: readonly SwitchName[] = ['spine', 'leaf01', 'leaf02'];
const HELP = `commands: fail NODE (stop bgpd) | heal NODE (start bgpd) | ssh-down NODE | ssh-up NODE | status | quit
nodes: ${NAMES.join(', ')}`;

const USAGE = `Usage: npm run lab [-- --help]

Starts the switch lab (spine, leaf01, leaf02: real FRR, lldpd and OpenSSH in network namespaces; root), writes a
rackpilot config for it and takes commands until quit, Ctrl-C, SIGTERM or SIGHUP, then removes everything it made.
Labs left by runs that died are removed first.
${HELP}
`;

const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

async function main(): Promise<number> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  // Signals are taken before anything starts, so a Ctrl-C or a dropped session during start-up still cleans up.
  let lab: Lab | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= lab ? lab.stop() : Promise.resolve();
    return stopping;
  };
  let signalled: string | undefined;
  for (const signal of Object.keys(SIGNAL_EXIT)) {
    process.once(signal, () => {
      signalled = signal;
      // While the lab starts, its parts are not all known yet: stopping waits until startLab returns (below).
      if (lab) void stop().then(() => process.exit(SIGNAL_EXIT[signal]));
    });
  }
  const availability = await labAvailability();
  if (!availability.ok) {
    process.stderr.write(`lab unavailable: ${availability.reason}\n`);
    return 1;
  }
  const removed = await cleanupStaleLabs();
  if (removed.length > 0) process.stderr.write(`removed ${removed.length} lab(s) left by runs that died\n`);
  if (signalled) return SIGNAL_EXIT[signalled] ?? 1;
  process.stderr.write('starting the lab ...\n');
  lab = await startLab();
  // A signal that came while it started: the handler stopped nothing yet; stop what was made, then leave.
  if (signalled) {
    await lab.stop();
    process.exit(SIGNAL_EXIT[signalled]);
  }
  try {
    await lab.waitEstablished();
    const config = writeLabConfig(lab);
    process.stdout.write(`lab up in ${lab.dir}; all spine sessions Established\n\n`);
    process.stdout.write(`  npx rackpilot doctor --config ${config}\n  npx rackpilot --config ${config}\n\n${HELP}\n`);
    await repl(lab);
  } finally {
    await stop();
    process.stdout.write('lab stopped and removed\n');
  }
  return 0;
}

async function repl(lab: Lab): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'lab> ' });
  rl.prompt();
  for await (const line of rl) {
    const [verb, node] = line.trim().split(/\s+/);
    if (verb === 'quit' || verb === 'exit') break;
    try {
      await command(lab, verb ?? '', node);
    } catch (error) {
      process.stdout.write(`${(error as Error).message}\n`);
    }
    rl.prompt();
  }
  rl.close();
}

async function command(lab: Lab, verb: string, node: string | undefined): Promise<void> {
  if (verb === '') return;
  if (verb === 'status') {
    for (const n of NAMES) {
      const lines = await lab.vtysh(n, 'show bgp summary').then(bgpSummaryLines, (e: Error) => [vtyshError(e.message)]);
      process.stdout.write(`== ${n}\n${lines.join('\n')}\n`);
    }
    return;
  }
  const name = NAMES.find((n) => n === node);
  const actions: Record<string, (n: SwitchName) => Promise<void>> = {
    fail: lab.stopBgpd,
    heal: lab.startBgpd,
    'ssh-down': lab.stopSshd,
    'ssh-up': lab.startSshd,
  };
  const action = actions[verb];
  if (!action || !name) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  await action(name);
  process.stdout.write(`${verb} ${name}: done\n`);
}

process.exitCode = await main();
