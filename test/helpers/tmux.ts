import { execFileSync, spawnSync } from 'node:child_process';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/**
 * A real pseudo-terminal: the program runs in a tmux pane of a fixed size, keys go in with send-keys and the
 * screen comes back with capture-pane, as a person would see it. Every wait is bounded.
 */
export class TmuxScreen {
  private constructor(
    readonly session: string,
    private readonly socket: string,
  ) {}

  /** Starts a bare shell with a known prompt in a detached session of the given size. */
  static start(columns: number, rows: number, env: Record<string, string>): TmuxScreen {
    const session = `rp${process.pid}x${Math.floor(Math.random() * 1e6)}`;
    const screen = new TmuxScreen(session, `rackpilot-test-${session}`);
    const vars = Object.entries({ PS1: 'PROMPT$ ', TERM: 'xterm-256color', ...env }).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    screen.tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), ...vars, 'bash --norc --noprofile');
    screen.tmux('set-option', '-t', session, 'status', 'off');
    // bash ignores an inherited PS1 in some set-ups; set it in the shell itself, then start from a clean screen.
    screen.run(`export PS1='PROMPT$ '; clear`);
    // Wait for the cleared prompt: a command typed while bash still starts or clears is echoed by the terminal
    // ahead of the prompt and then again after it, so the screen would not read as one prompt line (seen under load).
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; Atomics.wait(pause, 0, 0, 50)) {
      if (screen.tmux('capture-pane', '-p', '-t', session).trim() === 'PROMPT$') break;
    }
    return screen;
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', timeout: 10_000 });
  }

  /** Types a shell command line and presses Enter. */
  run(command: string): void {
    this.tmux('send-keys', '-t', this.session, '-l', command);
    this.tmux('send-keys', '-t', this.session, 'Enter');
  }

  /** Sends keys one at a time (tmux key names such as Enter, Escape, Tab, BTab), each as its own keypress. */
  async keys(...keys: string[]): Promise<void> {
    for (const key of keys) {
      this.tmux('send-keys', '-t', this.session, key);
      await sleep(150);
    }
  }

  /** Writes `text` to the program in one piece, as a terminal read delivers keys that arrived together. */
  write(text: string): void {
    this.tmux('send-keys', '-t', this.session, '-l', text);
  }

  /**
   * Sends tmux keys (Escape, G, Down) with one tmux command, so they reach the program within a few milliseconds
   * of each other, as a fast typist's do: close enough that Ink reads Esc then G as Meta+G.
   */
  together(...keys: string[]): void {
    this.tmux(...keys.flatMap((k, i) => [...(i > 0 ? [';'] : []), 'send-keys', '-t', this.session, k]));
  }

  capture(): string {
    return this.tmux('capture-pane', '-p', '-t', this.session);
  }

  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.capture();
      if (pattern.test(screen)) return screen;
      await sleep(100);
    }
    throw new Error(`screen did not show ${pattern} within ${timeoutMs} ms; it shows:\n${screen}`);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone: the session ended with its shell.
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
