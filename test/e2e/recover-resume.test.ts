import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { killedAfterEach, testDir } from '../helpers/cleanup';
import { freshConfigHome } from '../helpers/run-cli';

const dir = testDir('rackpilot-resume-e2e-');
const stateHome = join(dir, 'state');
const env = { PATH: process.env.PATH ?? '', HOME: dir, XDG_CONFIG_HOME: freshConfigHome(), XDG_STATE_HOME: stateHome };
const children = killedAfterEach();

interface Session {
  readonly child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (null when killed) or rejects after ms. */
  exited: (ms: number) => Promise<number | null>;
}

/**
 * Runs `rackpilot recover` in line mode, answering each prompt as it appears the way an operator would: run
 * every step, take the proposed version, type the confirmation shown. `stopWhen` is checked before answering,
 * so the process can be killed at an exact point of the run.
 */
function recover(stopWhen?: (out: string) => boolean): Session {
  const child = spawn(process.execPath, ['bin/rackpilot', 'recover', '--scenario', 'rack-lost', '--speed', '240'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  let answered = 0;
  const answer = (text: string) => {
    answered = out.length;
    child.stdin?.write(`${text}\n`);
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (stopWhen?.(out)) {
      child.kill('SIGKILL');
      return;
    }
    if (out.length === answered) return;
    if (/run, skip or abort\? \[Enter = run, s, a\] $/.test(out)) answer('');
    else if (/version number or id[^\n]*: $/.test(out)) answer('');
    else if (/\n {3}> $/.test(out)) answer(/Type exactly: (.+)\n[^\n]*$/.exec(out)?.[1] ?? '');
    else if (/retry, skip or abort\? \[r\/s\/a\] $/.test(out)) answer('a');
    else if (/Resume it, start over, or quit\? \[r\/f\/q\] $/.test(out)) answer('r');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const exited = (ms: number) =>
    Promise.race([done, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no exit within ${ms} ms; output:\n${out.slice(-3000)}`)), ms).unref())]);
  return { child, output: () => out, exited };
}

/** A restore finished (its data deleted, the database started on the chosen version), its step ended, and the next step's header is out. */
const restoredAndNextStarted = (out: string) => /(\S+): data directory deleted[\s\S]*-> done[\s\S]*\n== Step \d+\/\d+: /.test(out);

function auditEntries(): Record<string, unknown>[] {
  const file = join(stateHome, 'rackpilot', 'audit.log');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('recover survives kill -9 (built program)', () => {
  it('resumes at the step where it was killed, does not repeat a restore and ends healthy', { timeout: 60_000 }, async () => {
    const first = recover(restoredAndNextStarted);
    expect(await first.exited(25_000)).toBeNull();
    const before = first.output();
    const restored = /(\S+): data directory deleted/.exec(before)?.[1] as string;
    const killedIn = Number([...before.matchAll(/\n== Step (\d+)\/\d+: /g)].at(-1)?.[1]);
    expect(restored).toBeTruthy();
    // kill -9 runs no exit handler: the lock stays behind for the next run to find stale.
    const locks = join(stateHome, 'rackpilot', 'locks');
    expect(readdirSync(locks).filter((f) => f.endsWith('.lock'))).toHaveLength(1);

    const second = recover();
    const code = await second.exited(45_000);
    const after = second.output();
    expect(after).toMatch(/took over the stale lock of .*\(pid \d+/);
    // Never taken over silently: the unfinished run is offered, with what it already did.
    expect(after).toMatch(/An unfinished run of rack-lost exists: run \S+ by /);
    expect(after).toMatch(/It already did \(starting over may repeat it\): .*delete the data directory of/);
    expect(after).toMatch(new RegExp(`Resuming run \\S+ at step ${killedIn} `));
    // It continues at the killed step: no header of an earlier step is printed again.
    const headers = [...after.matchAll(/\n== Step (\d+)\/\d+: /g)].map((m) => Number(m[1]));
    expect(headers[0]).toBe(killedIn);
    expect(after).not.toMatch(new RegExp(`${restored}: data directory deleted`));
    expect(after).toMatch(/Run done/);
    expect(after).toMatch(/The rack is healthy/);
    expect(code).toBe(0);
    expect(existsSync(join(locks, readdirSync(locks)[0] ?? 'none'))).toBe(false);

    // Across both processes, every data directory deleted (the destructive part of a restore) is in the audit log exactly once.
    const clears = auditEntries().filter((e) => (e.effect as { op?: string } | undefined)?.op === 'clear-data');
    const ends = clears.filter((e) => e.event === 'action-end' && e.outcome === 'ok');
    const components = ends.map((e) => (e.effect as { component: string }).component);
    expect(components).toContain(restored);
    expect(new Set(components).size).toBe(components.length);
    expect(clears.filter((e) => e.event === 'action-start')).toHaveLength(components.length);
    expect(components.length).toBe((before + after).match(/: data directory deleted\n/g)?.length);
  });
});
