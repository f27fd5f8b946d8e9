/**
 * A benchmark's server side in a process of its own (the fake switches, the stand-in metal-api), so its work does
 * not count as the client's, with a request/answer channel over IPC. Answers come in request order.
 */
import { fork } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export class ServerProcess<Request extends { type: string }, Reply extends { type: string }> {
  private readonly child;
  private readonly waiting: ((reply: Reply) => void)[] = [];
  private exited = false;

  /** `what` names the server in the one line printed when it dies while an answer is awaited. */
  constructor(path: string, what: string) {
    // No inherited flags (--cpu-prof on the client must not profile the server too).
    this.child = fork(path, [], { execPath: process.execPath, execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (reply: Reply) => this.waiting.shift()?.(reply));
    this.child.on('exit', (code) => {
      this.exited = true;
      if (this.waiting.length > 0) {
        process.stderr.write(`bench: ${what} exited (code ${code}) while an answer was awaited\n`);
        process.exit(1);
      }
    });
  }

  /** Sends a request and waits for its answer of the given type. */
  ask<T extends Reply['type']>(request: Request, type: T): Promise<Extract<Reply, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.waiting.push((reply) => (reply.type === type ? resolve(reply as Extract<Reply, { type: T }>) : reject(new Error(`expected ${type}, got ${reply.type}`))));
      this.child.send(request);
    });
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ type: 'close' });
    await Promise.race([gone, sleep(3000)]);
    if (!this.exited) this.child.kill();
  }

  kill(): void {
    if (!this.exited) this.child.kill();
  }
}
