/**
 * Every S3 failure as one line an operator can act on. The SDK's errors carry a service code (InvalidAccessKeyId,
 * NoSuchBucket, AccessDenied …) or, without an answer, a socket code. The messages never hold a credential: the
 * SDK does not put the secret in them, and the access key id it may name is not repeated here.
 */
import { SourceError } from '../../errors';
import type { Millis } from '../../model/time';
import { fetchFailure } from '../fetch-failure';

/** Codes the sources act on (a missing lifecycle configuration is an answer, not a failure). */
export type S3ErrorKind = 'credentials' | 'denied' | 'no-bucket' | 'no-lifecycle' | 'timeout' | 'unreachable' | 'other';

export class S3Error extends SourceError {
  constructor(
    message: string,
    readonly kind: S3ErrorKind,
    readonly code?: string,
  ) {
    super(message);
  }
}

interface SdkError {
  readonly name?: string;
  readonly Code?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

export function s3Error(error: unknown, where: string, o: { readonly timeout: Millis; readonly timedOut: boolean; readonly bucket: string }): S3Error {
  if (error instanceof S3Error) return error;
  const e = (error ?? {}) as SdkError;
  const status = e.$metadata?.httpStatusCode;
  const code = e.Code ?? (status !== undefined ? e.name : undefined);
  if (code === 'InvalidAccessKeyId') return new S3Error(`${where}: wrong credentials: the store does not know the access key id (InvalidAccessKeyId)`, 'credentials', code);
  if (code === 'SignatureDoesNotMatch') return new S3Error(`${where}: wrong credentials: the secret access key does not match the access key id (SignatureDoesNotMatch)`, 'credentials', code);
  if (code === 'AccessDenied' || status === 403) return new S3Error(`${where}: access denied (${code ?? 403}): the user lacks the permission for this call`, 'denied', code);
  if (code === 'NoSuchBucket') return new S3Error(`${where}: the bucket ${o.bucket} does not exist (NoSuchBucket)`, 'no-bucket', code);
  if (code === 'NoSuchLifecycleConfiguration') return new S3Error(`${where}: no lifecycle configuration`, 'no-lifecycle', code);
  if (status !== undefined) return new S3Error(`${where}: ${status} ${code ?? ''}${e.message && e.message !== code ? `: ${oneLine(e.message)}` : ''}`.trim(), 'other', code);
  if (o.timedOut) return new S3Error(`${where}: no answer within ${Math.round(o.timeout / 100) / 10} s`, 'timeout');
  const f = fetchFailure(error);
  if (f.kind === 'timeout') return new S3Error(`${where}: aborted before an answer`, 'timeout');
  if (f.kind === 'refused') return new S3Error(`${where}: connection refused (is the endpoint up, is the port right?)`, 'unreachable', 'ECONNREFUSED');
  if (f.kind === 'dns') return new S3Error(`${where}: the endpoint's host name does not resolve (${f.detail})`, 'unreachable', f.detail);
  if (f.kind === 'tls') return new S3Error(`${where}: TLS: ${f.detail}`, 'unreachable', f.detail);
  return new S3Error(`${where}: cannot reach it: ${oneLine(f.detail)}`, 'unreachable', f.detail);
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
