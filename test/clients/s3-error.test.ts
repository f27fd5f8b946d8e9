// Every S3 failure as one line: service codes by what they mean, socket failures by kind, never a credential.
import { describe, expect, it } from 'vitest';
import { s3Error } from '../../src/clients/s3/s3-error';

const o = { timeout: 2000, timedOut: false, bucket: 'b' };
const sdk = (Code: string, status: number, message = Code) => Object.assign(new Error(message), { name: Code, Code, $metadata: { httpStatusCode: status } });

describe('s3 errors', () => {
  it.each([
    [sdk('InvalidAccessKeyId', 403), 'credentials', /wrong credentials: the store does not know the access key id/],
    [sdk('SignatureDoesNotMatch', 403), 'credentials', /wrong credentials: the secret access key does not match/],
    [sdk('AccessDenied', 403), 'denied', /access denied \(AccessDenied\)/],
    [sdk('NoSuchBucket', 404), 'no-bucket', /the bucket b does not exist \(NoSuchBucket\)/],
    [sdk('NoSuchLifecycleConfiguration', 404), 'no-lifecycle', /no lifecycle configuration/],
    [sdk('InternalError', 500, 'We encountered\nan internal error'), 'other', /: 500 InternalError: We encountered an internal error$/],
    [Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), 'unreachable', /connection refused/],
    [Object.assign(new Error('x'), { code: 'ENOTFOUND' }), 'unreachable', /host name does not resolve \(ENOTFOUND\)/],
  ])('%s', (error, kind, text) => {
    const e = s3Error(error, 's3 http://s3 ListObjectVersions b', o);
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(text);
    expect(e.message).not.toMatch(/\n/);
  });

  it('a request cut off by its own limit says how long it waited', () => {
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(s3Error(abort, 'w', { ...o, timedOut: true }).message).toBe('w: no answer within 2 s');
  });
});
