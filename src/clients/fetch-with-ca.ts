/**
 * fetch, trusting a given CA for HTTPS. Without one it is the runtime's fetch (the system's CAs). With one it is
 * undici's own fetch with an Agent whose TLS connect takes that CA (in place of the system's, as Go's RootCAs in
 * metalctl): the runtime's fetch cannot take that Agent, since Node bundles an older undici that refuses the
 * package's dispatcher ("invalid onRequestStart method"). undici is imported on the first request, never on the
 * way to the first frame, and the Agent is made once and reused, so its connections are kept alive.
 */
/** The part of a fetch answer the clients read; both fetches give it. */
export interface FetchAnswer {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  /** The body as it streams in (a list answer is read this way, never held whole). */
  readonly body: AsyncIterable<Uint8Array> | null;
  text(): Promise<string>;
}

export interface FetchRequest {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly signal: AbortSignal;
}

export type Fetch = (url: string, init: FetchRequest) => Promise<FetchAnswer>;

/** `ca`: PEM, one certificate or several. */
export function fetchWithCa(ca: string | undefined): Fetch {
  if (ca === undefined) return (url, init) => fetch(url, init);
  let made: Promise<Fetch> | undefined;
  const load = async (): Promise<Fetch> => {
    const undici = await import('undici');
    const dispatcher = new undici.Agent({ connect: { ca } });
    return (url, init) => undici.fetch(url, { ...init, dispatcher });
  };
  return async (url, init) => {
    made ??= load();
    return (await made)(url, init);
  };
}
