import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshConfigHome } from '../helpers/run-cli';

/**
 * A wizard command of the built program in line mode (stdin a pipe), answered the way an operator would: run
 * each step, take the proposed version, type the confirmation shown, resume an unfinished run. `stopAt` says
 * which prompt to stop at (the test then sends a signal or kills the process) instead of answering it.
 */
export type PromptKind = 'step' | 'version' | 'typed' | 'failure' | 'resume' | 'by-hand';

const PROMPTS: readonly [PromptKind, RegExp][] = [
  ['step', /run, skip or abort\? \[Enter = run, s, a\] $/],
  ['version', /version number or id[^\n]*: $/],
  ['typed', /\n {3}> $/],
  ['failure', /retry, skip or abort\? \[r\/s\/a\] $/],
  ['resume', /Resume it, start over, or quit\? \[r\/f\/q\] $/],
  ['by-hand', /checked by hand and it holds\? \[y = confirmed, a = abort\] $/],
];

export interface WizardProcess {
  readonly child: ChildProcess;
  output(): string;
  /** How many prompts appeared so far. */
  prompts(): number;
  /** Resolves at the nth prompt of this kind (1-based), left unanswered. */
  reached(kind: PromptKind, nth?: number, ms?: number): Promise<void>;
  exited(ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

export function wizard(args: readonly string[], env: Record<string, string>, stopAt?: { kind: PromptKind; nth?: number }, delayMs = 0): WizardProcess {
  const child = spawn(process.execPath, ['bin/rackpilot', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: env.HOME ?? '/tmp', XDG_CONFIG_HOME: freshConfigHome(), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let answered = 0;
  const seen = new Map<PromptKind, number>();
  const waiters: { kind: PromptKind; nth: number; resolve: () => void }[] = [];
  // An operator who reads before answering: each answer comes delayMs after its prompt.
  const answer = (text: string) => {
    answered = out.length;
    setTimeout(() => child.stdin?.write(`${text}\n`), delayMs);
  };
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    if (out.length === answered) return;
    const kind = PROMPTS.find(([, re]) => re.test(out))?.[0];
    if (!kind) return;
    const n = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, n);
    answered = out.length;
    for (const w of waiters.filter((x) => x.kind === kind && x.nth === n)) w.resolve();
    if (stopAt && stopAt.kind === kind && (stopAt.nth ?? 1) === n) return;
    if (kind === 'step' || kind === 'version') answer('');
    else if (kind === 'typed') answer(/Type exactly: (.+)\n[^\n]*$/.exec(out)?.[1] ?? '');
    else if (kind === 'failure') answer('a');
    else if (kind === 'by-hand') answer('y');
    else answer('r');
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const fail = (what: string, ms: number) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} within ${ms} ms; output:\n${out.slice(-3000)}`)), ms).unref());
  return {
    child,
    output: () => out,
    prompts: () => [...seen.values()].reduce((a, b) => a + b, 0),
    reached: (kind, nth = 1, ms = 30_000) => Promise.race([new Promise<void>((resolve) => waiters.push({ kind, nth, resolve })), fail(`no ${kind} prompt #${nth}`, ms)]),
    exited: (ms) => Promise.race([done, fail('no exit', ms)]),
  };
}

/** Every audit log entry of the state directory, oldest first. */
export function auditEntries(stateHome: string): Record<string, unknown>[] {
  const file = join(stateHome, 'rackpilot', 'audit.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Lock files still in the state directory. */
export function locks(stateHome: string): string[] {
  const dir = join(stateHome, 'rackpilot', 'locks');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.lock')) : [];
}

/** Every run journal of the state directory, parsed. */
export function journals(stateHome: string): Record<string, unknown>[] {
  const dir = join(stateHome, 'rackpilot', 'runs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>);
}
