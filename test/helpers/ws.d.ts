/**
 * The few types of the `ws` package (installed with @kubernetes/client-node, no @types/ws here) that the exec
 * stand-in uses: a WebSocket server in noServer mode that takes over an HTTP upgrade.
 */
declare module 'ws' {
  import type { IncomingMessage } from 'node:http';
  import type { Duplex } from 'node:stream';

  export class WebSocket {
    readonly protocol: string;
    send(data: Buffer, cb?: (error?: Error) => void): void;
    close(code?: number): void;
    on(event: 'close', listener: () => void): this;
  }

  export class WebSocketServer {
    constructor(options: { noServer: true; handleProtocols?: (protocols: Set<string>, request: IncomingMessage) => string | false });
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, callback: (ws: WebSocket) => void): void;
    close(): void;
  }
}
