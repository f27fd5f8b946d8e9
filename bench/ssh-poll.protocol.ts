/** Messages between the SSH poll benchmark (client) and its fake switches (bench/ssh-poll.server.ts). */
import type { SshTestServer } from '../test/helpers/ssh-server';

export type ServerRequest =
  | {
      readonly type: 'start';
      /** How many switches: one listening port each. */
      readonly switches: number;
      /** The client's public key line ("ssh-ed25519 AAAA… comment"). */
      readonly authorizedKey: string;
      /** Command line exactly as the client sends it → stdout to answer with (exit 0). */
      readonly replies: Readonly<Record<string, string>>;
    }
  | { readonly type: 'stats' }
  | { readonly type: 'close' };

export type ServerReply =
  | { readonly type: 'ready'; readonly ports: readonly number[]; readonly hostKey: string }
  | {
      readonly type: 'stats';
      readonly cpu: NodeJS.CpuUsage;
      readonly rssBytes: number;
      readonly maxRssBytes: number;
      readonly server: SshTestServer['stats'];
      /** TCP connections accepted over all switches since the start. */
      readonly connections: number;
    };
