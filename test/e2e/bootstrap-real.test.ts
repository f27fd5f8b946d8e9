/**
 * `rackpilot bootstrap` on a real rack (built program, line mode): the configured commands are small real programs
 * (scripts in a temp dir that append their step to a marker file), run through the real executor from their
 * argument lists; metal-api is the stand-in server (test/helpers/metal-api-server.ts) and verifies the metal-stack
 * and partition steps; the config has no kubernetes:, backups: or switches:, so those steps are confirmed by hand.
 */
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { minimal, overlay } from '../fixtures/metal-api/contract';
import { switchFixture } from '../fixtures/metal-api/switches';
import { killedAfterEach, testDir } from '../helpers/cleanup';
import { MetalApiServer } from '../helpers/metal-api-server';
import { auditEntries, journals, locks, type PromptKind, wizard } from './wizard-run';

const dir = testDir('rackpilot-bootstrap-real-');
const children = killedAfterEach();
const KEY = 'view-key';
const STEPS = ['k3s', 'metal-stack', 'gardener', 'partition', 'shoots', 'nested', 'backups'] as const;
const markers = join(dir, 'markers');
const script = join(dir, 'step');
const failing = join(dir, 'fails');
const slow = join(dir, 'slow');
let server: MetalApiServer;
let url: string;
let stateHome: string;
let runs = 0;

const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

beforeAll(async () => {
  // Appends its step (and its second argument, to see it arrived as written) to the marker file; while the file
  // `slow` exists it then sleeps (its pid in slow.pid), so a run can be killed while the command still runs.
  writeFileSync(script, `#!/bin/sh\necho "$1 [$2]" >> '${markers}'\necho "step $1 ran"\nif [ -e '${slow}' ]; then echo $$ > '${slow}.pid'; sleep 30; fi\nexit 0\n`);
  writeFileSync(failing, `#!/bin/sh\nfor i in 1 2 3 4 5 6; do echo "partition line $i"; done\necho "password=hunter2"\necho "giving up" >&2\nexit 3\n`);
  chmodSync(script, 0o755);
  chmodSync(failing, 0o755);
  server = new MetalApiServer({
    hmacKeys: { 'Metal-View': KEY },
    routes: {
      'GET /v1/health': () => ({ body: { status: 'healthy', message: 'all services healthy', services: {} } }),
      'GET /v1/version': () => ({ body: { name: 'metal-api', version: 'v0.40.0', revision: 'r', gitsha1: 'g', builddate: 'b', min_client_version: 'v0.0.1' } }),
      'POST /v1/machine/ipmi/find': () => ({
        body: [
          overlay(minimal('v1.MachineIPMIResponse'), {
            id: 'm1',
            name: 'm1',
            rackid: 'rack-1',
            liveliness: 'Alive',
            events: { crash_loop: false, failed_machine_reclaim: false, log: [{ event: 'Waiting', message: '', time: at(Date.now() - 60_000) }] },
          }),
        ],
      }),
      'GET /v1/machine/issues': () => ({ body: [] }),
      'POST /v1/machine/issues/evaluate': () => ({ body: [] }),
      'GET /v1/switch': () => ({ body: [switchFixture('leaf01', { synced: Date.now() - 2_000, ports: [] })] }),
    },
  });
  url = await server.listen();
});
afterAll(() => server.close());

beforeEach(() => {
  runs++;
  stateHome = join(dir, `state${runs}`);
  rmSync(markers, { force: true });
});

function config(commands: Partial<Record<(typeof STEPS)[number], readonly string[]>> = {}, extra = ''): string {
  const file = join(dir, `config${runs}.yaml`);
  const lines = STEPS.map((s) => `    ${s}: { command: ${JSON.stringify(commands[s] ?? [script, s, 'arg with space'])}${extra} }`);
  writeFileSync(file, `rack:\n  name: lab\nmetalApi:\n  url: ${url}\n  hmacKeyEnv: METAL_VIEW_KEY\n  timeout: 2s\n  interval: 500ms\nwizards:\n  bootstrap:\n${lines.join('\n')}\n`);
  return file;
}

/** `rackpilot bootstrap ARGS` in line mode, answered as wizard-run.ts does (confirming every by-hand check). */
function bootstrap(args: readonly string[], stopAt?: { kind: PromptKind; nth?: number }) {
  const p = wizard(['bootstrap', ...args], env(), stopAt);
  children.add(p.child);
  return p;
}

const env = () => ({ HOME: dir, XDG_STATE_HOME: stateHome, METAL_VIEW_KEY: KEY });
/** Output with line wrapping undone, for sentences line mode wraps at 76 columns. */
const flat = (out: string) => out.replace(/\s+/g, ' ');
const ran = () => (existsSync(markers) ? readFileSync(markers, 'utf8').trim().split('\n') : []);

describe('bootstrap on a real rack (built program, stand-in metal-api, scripts as commands)', { timeout: 90_000 }, () => {
  it('--dry-run prints every step with its exact argument list and how it is verified, and runs nothing', async () => {
    const p = bootstrap(['--dry-run', '--config', config()]);
    const { code } = await p.exited(30_000);
    const out = p.output();
    expect(code).toBe(0);
    for (const s of STEPS) expect(out).toContain(`       $ ${script} ${s} 'arg with space'`);
    expect(out).toMatch(/would verify: metal-api \/v1\/health says healthy \(read from metal-api http:\/\/127\.0\.0\.1:\d+\/metal\)/);
    expect(out).toContain('would verify: the k3s API answers and every node is Ready (by hand: no kubernetes.initial context in the config)');
    expect(out).toContain('(dry run) would ask you to confirm by hand: backup store outside the rack and versioned (no backups: components in the config)');
    expect(ran()).toEqual([]);
    expect(existsSync(stateHome)).toBe(false);
  });

  it('runs each command in order, verifies from metal-api or asks by hand, and journals and audits every command', async () => {
    const p = bootstrap(['--config', config()]);
    const { code } = await p.exited(60_000);
    const out = p.output();
    expect(ran()).toEqual(STEPS.map((s) => `${s} [arg with space]`));
    expect(out).toContain('     step k3s ran');
    expect(out).toMatch(/verified: metal-api \/v1\/health: healthy \(v0\.40\.0\)/);
    expect(out).toMatch(/verified: 1 switch registered in metal-api; 1 machine reached Waiting/);
    expect(flat(out)).toContain('Not read from a live source. Confirm by hand: the k3s API answers and every node is Ready (by hand: no kubernetes.initial context in the config). How: on the bootstrap node, sudo k3s kubectl get nodes lists every node Ready');
    expect(out).toContain('confirmed by hand: the k3s API answers and every node is Ready');
    expect(out).toMatch(/Run done\./);
    expect(code).toBe(0);
    const [journal] = journals(stateHome) as { state: string; steps: { id: string; state: string; actions: { state: string }[] }[] }[];
    expect(journal?.state).toBe('done');
    expect(journal?.steps.map((s) => [s.id, s.state, s.actions.map((a) => a.state)])).toEqual([['preflight', 'done', []], ...STEPS.map((s) => [s, 'done', ['done']])]);
    const audit = auditEntries(stateHome);
    const ends = audit.filter((e) => e.event === 'action-end' && e.outcome === 'ok').map((e) => e.step);
    expect(ends).toEqual([...STEPS]);
    expect(audit.filter((e) => e.outcome === 'confirmed-by-hand').map((e) => e.step)).toEqual(['preflight', 'preflight', 'preflight', 'k3s', 'gardener', 'shoots', 'nested', 'backups']);
    expect(locks(stateHome)).toEqual([]);
  });

  it('killed after a step, the resumed run does not run that step\'s command again', async () => {
    const file = config();
    // The confirmation of step 3 (metal-stack): k3s's command ran and its step is done.
    const first = bootstrap(['--config', file], { kind: 'step', nth: 3 });
    await first.reached('step', 3, 30_000);
    first.child.kill('SIGKILL');
    await first.exited(10_000);
    expect(ran()).toEqual(['k3s [arg with space]']);
    const second = bootstrap(['--config', file]);
    const { code } = await second.exited(60_000);
    const out = second.output();
    expect(out).toMatch(/An unfinished run of this runbook exists: run \S+ by /);
    expect(out).toContain('step 2/8 Initial k3s cluster: done before the interruption, not repeated');
    expect(ran()).toEqual(STEPS.map((s) => `${s} [arg with space]`));
    expect(code).toBe(0);
  });

  /** Starts a run whose first command sleeps, kills it with SIGKILL while the command runs, ends the command. */
  async function killedWhileRunning(file: string): Promise<void> {
    writeFileSync(slow, '');
    const first = bootstrap(['--config', file]);
    const started = Date.now();
    while (!existsSync(`${slow}.pid`) && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 100));
    first.child.kill('SIGKILL');
    await first.exited(10_000);
    // The command runs in a process group of its own: rackpilot's kill -9 leaves it, the test ends it.
    process.kill(-Number(readFileSync(`${slow}.pid`, 'utf8')), 'SIGKILL');
    rmSync(slow);
    rmSync(`${slow}.pid`);
  }

  it('a command cut off by a crash is not run again without asking (not idempotent)', async () => {
    const file = config();
    await killedWhileRunning(file);
    const second = bootstrap(['--config', file]);
    const { code } = await second.exited(30_000);
    expect(flat(second.output())).toMatch(/failed: interrupted while running: run \S+ k3s 'arg with space'; check its effect before retrying/);
    // The helper answers abort: the command ran once, in the killed run.
    expect(ran()).toEqual(['k3s [arg with space]']);
    expect(code).toBe(1);
  });

  it('a command marked idempotent is run again after a crash without asking', async () => {
    const file = config({}, ', idempotent: true');
    await killedWhileRunning(file);
    const second = bootstrap(['--config', file]);
    const { code } = await second.exited(60_000);
    expect(second.output()).not.toMatch(/interrupted while running/);
    expect(ran()).toEqual(['k3s [arg with space]', ...STEPS.map((s) => `${s} [arg with space]`)]);
    expect(code).toBe(0);
  });

  it('a command that outlives its configured timeout is stopped and fails the step', async () => {
    writeFileSync(slow, '');
    try {
      const p = bootstrap(['--config', config({}, ', timeout: 1s')]);
      const { code } = await p.exited(30_000);
      expect(flat(p.output())).toMatch(/! failed: call 1\/1 \(\S+ k3s 'arg with space'\): timed out after 1 s, stopped; last output: step k3s ran/);
      expect(code).toBe(1);
    } finally {
      rmSync(slow, { force: true });
      rmSync(`${slow}.pid`, { force: true });
    }
  });

  it('a failing command stops the run with its exit code and last output lines (redacted); later steps never run', async () => {
    const p = wizard(['bootstrap', '--config', config({ partition: [failing] })], env());
    const { code } = await p.exited(60_000);
    const out = p.output();
    expect(flat(out)).toMatch(/! failed: call 1\/1 \(\S+fails\): exit code 3; last output: partition line 4 \| partition line 5 \| partition line 6 \| password=\*\*\* \| giving up/);
    expect(out).not.toContain('hunter2');
    expect(out).toMatch(/Run ABORTED: aborted by the operator/);
    expect(out).toMatch(/failed: Partition; not run: Shoots, Nested/);
    // The summary keeps the exit code and the last lines in view.
    expect(flat(out)).toMatch(/! Partition failed: run \S+fails: call 1\/1 \(\S+fails\): exit code 3; last output: .*giving up/);
    expect(ran()).toEqual(['k3s [arg with space]', 'metal-stack [arg with space]', 'gardener [arg with space]']);
    expect(code).toBe(1);
    expect(JSON.stringify(auditEntries(stateHome))).not.toContain('hunter2');
  });
});
