/**
 * Runs the built rackpilot with its stdin a pipe and answers its line-mode questions as they appear, as an operator
 * at a terminal would type them: `answer` gets each prompt and the output so far and returns the line to type.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { freshConfigHome } from '../../helpers/run-cli';

export const PROMPTS = [
  '   run, skip or abort? [Enter = run, s, a] ',
  '   > ',
  'Resume it, start over, or quit? [r/f/q] ',
  '   retry, skip or abort? [r/s/a] ',
] as const;
const VERSION_PROMPT = / {3}version number or id( \[Enter = \d+\])?: $/;

export interface DrivenCli {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves once the output matches (polling), or rejects after `ms`. */
  waitFor(re: RegExp, ms: number): Promise<void>;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Killed (SIGKILL) after `timeoutMs`, so a run that hangs still ends with its output for the test to show. */
export function driveCli(args: readonly string[], env: Record<string, string>, answer: (prompt: string, output: string) => string | Promise<string>, timeoutMs = 150_000): DrivenCli {
  const child = spawn(process.execPath, ['bin/rackpilot', ...args], {
    env: { PATH: process.env.PATH ?? '', XDG_CONFIG_HOME: freshConfigHome(), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let answered = 0;
  child.stdout?.on('data', (d) => {
    stdout += d;
    const tail = stdout.slice(answered);
    const prompt = PROMPTS.find((p) => tail.endsWith(p)) ?? VERSION_PROMPT.exec(tail)?.[0];
    if (prompt === undefined) return;
    answered = stdout.length;
    void Promise.resolve(answer(prompt, stdout)).then((line) => child.stdin?.write(`${line}\n`));
  });
  child.stderr?.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  const waitFor = async (re: RegExp, ms: number) => {
    const deadline = Date.now() + ms;
    while (!re.test(stdout)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no ${re} in the output within ${ms} ms:\n${stdout.slice(-3000)}\n${stderr.slice(-1000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, output: () => stdout, waitFor, done };
}

/**
 * The operator's answers: run every step, take the proposed version, type the confirmation as shown, resume;
 * a failure is retried `retries` times, then the run is aborted (a test never waits on an endless retry).
 */
export function operator(retries = 2): (prompt: string, output: string) => string {
  let left = retries;
  return (prompt, output) => {
    if (prompt.endsWith('> ')) return /Type exactly: (.+)\n[^\n]*$/.exec(output)?.[1] ?? '';
    if (prompt.startsWith('Resume it')) return 'r';
    if (prompt.includes('retry, skip or abort')) return left-- > 0 ? 'r' : 'a';
    return '';
  };
}
