/**
 * The S3 backup sources a config asks for, one per component. Credentials are read and the SDK is loaded on a
 * source's first poll (never while the first frame is drawn), from the variables, files or profile the config
 * names; a file is read as config files are (regular, bounded). Neither the keys nor their values reach a log or
 * an error: errors name only where the key was looked for.
 */
import type { S3Store } from '../src/clients/s3/s3-store';
import { profileKeys } from '../src/config/aws-profile';
import type { BackupSourceConfig, S3Credentials } from '../src/config/backups';
import { SourceError } from '../src/errors';
import { readBoundedFile } from '../src/files/read-bounded';
import { createS3BackupSource } from '../src/sources/s3/backup-source';
import type { Source } from '../src/sources/source';
import { onFirstUse } from './on-first-use';

type Env = Readonly<Record<string, string | undefined>>;
type Keys = { accessKeyId: string; secretAccessKey: string };

/** A poll: the listing's pages, versioning, lifecycle and a few HeadObjects, each with the request timeout. */
const REQUESTS_PER_POLL = 6;

export function backupSources(backups: readonly BackupSourceConfig[], rackNetworks: readonly string[], env: Env): Source[] {
  return backups.map((b) => {
    const { credentials: _, interval, timeout, ...component } = b;
    return createS3BackupSource({
      component,
      store: onFirstUse(() => openStore(b, env)),
      addresses: (signal) => import('../src/clients/s3/resolve-host').then((m) => m.hostAddresses(b.endpoint, timeout, signal)),
      rackNetworks,
      interval,
      timeout: REQUESTS_PER_POLL * timeout,
    });
  });
}

/** A client for one component, its credentials read now (doctor; the sources do this on their first poll). */
export async function openStore(b: BackupSourceConfig, env: Env): Promise<S3Store> {
  const credentials = await keys(b.credentials, env, b.id);
  const { createS3Store } = await import('../src/clients/s3/s3-store');
  return await createS3Store({ endpoint: b.endpoint, region: b.region, pathStyle: b.pathStyle, credentials, timeout: b.timeout });
}

async function keys(c: S3Credentials, env: Env, id: string): Promise<Keys> {
  const fail = (text: string) => new SourceError(`backup ${id}: ${text}`);
  if ('env' in c) {
    const missing = [c.env.accessKeyId, c.env.secretAccessKey].filter((name) => !env[name]);
    if (missing.length > 0) throw fail(`the environment variable${missing.length > 1 ? 's' : ''} ${missing.join(' and ')} (named in backups:) ${missing.length > 1 ? 'are' : 'is'} not set`);
    return { accessKeyId: env[c.env.accessKeyId] as string, secretAccessKey: env[c.env.secretAccessKey] as string };
  }
  if ('files' in c) return { accessKeyId: await read(c.files.accessKeyId, 'the access key id file', fail), secretAccessKey: await read(c.files.secretAccessKey, 'the secret access key file', fail) };
  const found = profileKeys(await read(c.profile.file, 'the AWS credentials file', fail), c.profile.name);
  if (typeof found === 'string') throw fail(`the AWS credentials file ${c.profile.file} ${found}`);
  return found;
}

async function read(file: string, what: string, fail: (text: string) => SourceError): Promise<string> {
  try {
    const text = (await readBoundedFile(file, { maxBytes: 64 * 1024, what: 'a credentials file' })).trim();
    if (text === '') throw new Error('is empty');
    return text;
  } catch (error) {
    throw fail(`${what} ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
