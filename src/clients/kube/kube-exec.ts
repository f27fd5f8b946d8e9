/**
 * A command run in a pod's container (`kubectl exec`) through @kubernetes/client-node's Exec: it builds the exec
 * path from the argv (each argument its own `command=` parameter, so nothing is ever split by a shell), splits the
 * answer into stdout, stderr and the status channel, and reads the Status. The WebSocket under it is undici's, given
 * the same dispatcher (TLS, client certificate) and headers (token) as every other request of the context, so the
 * whole call can be stopped at its timeout or on Ctrl-C, even while the upgrade is still unanswered.
 */
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import type { KubeConfig, V1Status } from '@kubernetes/client-node';
import type { Millis } from '../../model/time';
import { KubeError } from './kube-error';

type Lib = typeof import('@kubernetes/client-node');
type Ws = InstanceType<(typeof import('undici'))['WebSocket']>;

export interface ExecRequest {
  readonly namespace: string;
  readonly pod: string;
  /** The pod's only (or default) container when absent. */
  readonly container?: string;
  /** The program and its arguments, passed as they are. */
  readonly command: readonly string[];
  readonly timeout: Millis;
  readonly signal: AbortSignal;
  /** Each line the command prints, as it arrives. */
  readonly onLine: (line: string, stream: 'stdout' | 'stderr') => void;
}

/** The command's exit code (0: success); a failure to run it at all is thrown as a KubeError. */
export interface ExecResult {
  readonly exitCode: number;
  /** The Status message of a failure (`command terminated with non-zero exit code: …`). */
  readonly message?: string;
}

/** The stream protocols whose status channel carries a v1 Status (v1-v3 differ); v5 adds closing stdin. */
const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const CLOSE_CHANNEL = 255;

/** Asks the exec path as a plain request, to learn why the upgrade was refused (403, 404, 400 with the API's message). */
export type AskPlainly = (path: string, signal: AbortSignal) => Promise<unknown>;

export async function execInPod(lib: Lib, kc: KubeConfig, context: string, server: string, r: ExecRequest, askPlainly?: AskPlainly): Promise<ExecResult> {
  const { WebSocket } = await import('undici');
  const where = `${context}: exec in pod ${r.pod} in ${r.namespace}`;
  const stop = AbortSignal.any([r.signal, AbortSignal.timeout(r.timeout)]);
  let socket: Ws | undefined;
  let status: V1Status | undefined;
  let failed: string | undefined;
  let refused: string | undefined;
  let execPath = '';
  let closed = () => {};

  // Exec asks for a connection to its path; this one is undici's WebSocket with the context's credentials.
  const transport = {
    async connect(path: string, _text: unknown, binary: ((channel: number, data: Buffer) => boolean) | null) {
      execPath = path;
      const ctx = new lib.RequestContext(server + path, lib.HttpMethod.GET);
      await kc.applySecurityAuthentication(ctx);
      // Stopped while the credentials were read (an exec plugin may take a while): no connection to leave behind.
      if (stop.aborted) throw new Error('stopped before connecting');
      const ws = new WebSocket(server.replace(/^http/, 'ws') + path, { protocols: PROTOCOLS, headers: ctx.getHeaders(), dispatcher: ctx.getDispatcher() as never });
      ws.binaryType = 'arraybuffer';
      socket = ws;
      ws.addEventListener('close', () => closed());
      ws.addEventListener('message', (e) => {
        if (typeof e.data === 'string') return;
        const data = Buffer.from(e.data as ArrayBuffer);
        const channel = data[0];
        // Nothing after the status: Exec has ended the output streams by then.
        if (channel === undefined || channel === CLOSE_CHANNEL || !binary || status !== undefined) return;
        try {
          if (!binary(channel, data.subarray(1))) ws.close();
        } catch (error) {
          failed = `unreadable answer on channel ${channel}: ${error instanceof Error ? error.message : String(error)}`;
          ws.close();
        }
      });
      return new Promise<never>((resolve, reject) => {
        ws.addEventListener('open', () => resolve(ws as never));
        ws.addEventListener('error', (e) => reject(new Error(errorText(e))));
      });
    },
  };

  const out = lineWriter((line) => r.onLine(line, 'stdout'));
  const err = lineWriter((line) => r.onLine(line, 'stderr'));
  // Over when the socket closes (after the status, or the server went away) or at the timeout or Ctrl-C.
  const ended = new Promise<void>((resolve) => {
    closed = resolve;
    const stopped = () => {
      socket?.close();
      resolve();
    };
    if (stop.aborted) stopped();
    else stop.addEventListener('abort', stopped, { once: true });
  });

  const exec = new lib.Exec(kc, transport as never);
  // A refused upgrade (no pod, no right to exec) or credentials that could not be read end the wait too.
  // The status is the last word: the call is over then, whether or not the server closes the socket promptly.
  const onStatus = (s: V1Status) => {
    status = s;
    closed();
  };
  exec.exec(r.namespace, r.pod, r.container ?? '', [...r.command], out, err, null, false, onStatus).catch((error: unknown) => {
    refused ??= error instanceof Error ? error.message : String(error);
    closed();
  });
  await ended;
  // The last partial line of each stream is handed on before the call's outcome.
  await Promise.all([flush(out), flush(err)]);
  if (status === undefined) {
    if (r.signal.aborted) throw new KubeError('timeout', `${where}: cancelled`);
    if (stop.aborted) throw new KubeError('timeout', `${where}: no exit status within ${Math.round(r.timeout / 100) / 10} s, stopped`);
    if (refused !== undefined) throw await whyRefused(context, where, refused, execPath, stop, askPlainly);
    throw new KubeError('server', `${where}: the connection closed before the command's exit status arrived${failed ? ` (${failed})` : ''}`);
  }
  return exitOf(status, where);
}

/**
 * Why the API server did not open the stream. The WebSocket only says that it did not; asked again as a plain
 * request, the API says it itself: `may not create pods/exec (403 forbidden)`, no such pod, `pod … does not have a
 * host assigned`. A connection that failed outright (refused, TLS) fails the plain request the same way.
 */
async function whyRefused(context: string, where: string, refused: string, path: string, stop: AbortSignal, askPlainly?: AskPlainly): Promise<KubeError> {
  const generic = new KubeError('connect', `${where}: the API server did not open the exec stream (${refused}): is the pod running, and may this context create pods/exec?`);
  if (!askPlainly || path === '' || stop.aborted) return generic;
  try {
    await askPlainly(path, stop);
    return generic;
  } catch (error) {
    if (!(error instanceof KubeError)) return generic;
    if (error.status === 404) return new KubeError('not-found', `${where}: no such pod`, { status: 404 });
    // Without an upgrade a running pod answers 400 "Upgrade request required": that says nothing new.
    if (/upgrade request required/i.test(error.message)) return generic;
    const said = error.message.startsWith(`${context}: `) ? error.message.slice(context.length + 2) : error.message;
    return new KubeError(error.failure, `${where}: refused: ${said}`, { ...(error.status ? { status: error.status } : {}) });
  }
}

/** Success is 0; a Failure names the exit code among its causes, or is not an exit at all (no such container). */
function exitOf(s: V1Status, where: string): ExecResult {
  if (s.status === 'Success') return { exitCode: 0 };
  const code = s.details?.causes?.find((c) => c.reason === 'ExitCode')?.message;
  if (code !== undefined && /^\d+$/.test(code)) return { exitCode: Number(code), ...(s.message ? { message: s.message } : {}) };
  throw new KubeError('server', `${where}: ${s.message ?? s.reason ?? 'no reason given'}`);
}

async function flush(w: Writable): Promise<void> {
  if (!w.writableEnded) w.end();
  await finished(w).catch(() => undefined);
}

/** A stream that hands on whole lines (a trailing partial line when it ends), carriage returns dropped. */
function lineWriter(onLine: (line: string) => void): Writable {
  let rest = '';
  const text = new StringDecoder('utf8');
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const lines = (rest + text.write(chunk)).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) onLine(line.replace(/\r$/, ''));
      callback();
    },
    final(callback) {
      rest += text.end();
      if (rest !== '') onLine(rest.replace(/\r$/, ''));
      rest = '';
      callback();
    },
  });
}

/** undici's ErrorEvent says what failed; its cause (refused, TLS) says why. */
function errorText(e: unknown): string {
  const event = e as { message?: string; error?: { cause?: { code?: string; message?: string } } };
  const cause = event.error?.cause;
  return [event.message || 'the connection failed', cause?.code ?? cause?.message].filter(Boolean).join(': ');
}
