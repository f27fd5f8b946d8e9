/**
 * What a fetch that got no HTTP answer ran into, read once for every HTTP client (Kubernetes, metal-api): the
 * runtime's fetch wraps the socket's error in `cause`, with a code such as ECONNREFUSED or a TLS verification code.
 */
export type FetchFailureKind = 'timeout' | 'refused' | 'reset' | 'tls' | 'dns' | 'other';

export interface FetchFailure {
  readonly kind: FetchFailureKind;
  /** The socket or TLS code, else the error's message: what `other` shows. */
  readonly detail: string;
}

export function fetchFailure(error: unknown): FetchFailure {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return { kind: 'timeout', detail: error.message };
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code ?? '';
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  const detail = code || message;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|certificate/i.test(`${code} ${message}`)) return { kind: 'tls', detail };
  if (code === 'ECONNREFUSED') return { kind: 'refused', detail };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return { kind: 'reset', detail };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { kind: 'dns', detail };
  return { kind: 'other', detail };
}
