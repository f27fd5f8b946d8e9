/** The metal-api benchmark's server process (bench/metal-api.server.ts) and its request/answer channel. */
import { ServerProcess } from './server-process';
import type { ServerReply, ServerRequest } from './metal-api.server';

export function metalApiServer(path: string): ServerProcess<ServerRequest, ServerReply> {
  return new ServerProcess<ServerRequest, ServerReply>(path, 'the stand-in metal-api');
}
