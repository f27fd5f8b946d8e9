/** The metal-api benchmark's server process (bench/metal-api.server.ts) and its request/answer channel. */
import { fork } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServerReply, ServerRequest } from './metal-api.server';

export class ServerProcess {
  private readonly child;
  private readonly waiting: ((reply: ServerReply) => void)[] = [];
  private exited = false;

  constructor(path: string) {
    // No inherited flags (--cpu-prof on the client must not profile the server too).
    this.child = fork(path, [], { execPath: process.execPath, execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (reply: ServerReply) => this.waiting.shift()?.(reply));
    this.child.on('exit', (code) => {
      this.exited = true;
      if (this.waiting.length > 0) {
        process.stderr.write(`bench metal-api: the server exited (code ${code}) while an answer was awaited\n`);
        process.exit(1);
      }
    });
  }

  /** Sends a request and waits for its answer (answers come in request order). */
  ask<T extends ServerReply['type']>(request: ServerRequest, type: T): Promise<Extract<ServerReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.waiting.push((reply) => (reply.type === type ? resolve(reply as Extract<ServerReply, { type: T }>) : reject(new Error(`expected ${type}, got ${reply.type}`))));
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
}
