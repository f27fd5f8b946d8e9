/**
 * The shape of `backups:`: the components whose backups rackpilot reads from S3, one entry per database or etcd.
 * Credentials are named, never written here: environment variables, files (as Kubernetes mounts a secret), or a
 * profile of the shared AWS credentials file. An inline key is refused with its own message, not "unknown key",
 * so nobody is tempted to find the right spelling for it.
 */
import { isIP } from 'node:net';
import * as z from 'zod';
import { BACKUP_TOOLS, DATABASES } from '../model/backup';
import { cronPeriod, defaultDatabase } from './backup-defaults';
import { path } from './switches-schema';

const oneOf = (values: readonly string[]): string => `expected one of ${values.join(', ')}`;
const ID = 'expected an id of lower-case letters, digits and "-", e.g. metal-db';
const TEXT = 'expected a non-empty text without control characters';
const text = z.string({ error: TEXT }).regex(/^[^\p{Cc}]+$/u, { error: TEXT });
const ENDPOINT = 'expected the S3 endpoint as an http(s) URL, e.g. https://s3.example:7480';
const BUCKET = 'expected an S3 bucket name (3-63 of a-z, 0-9, ".", "-")';
const PREFIX = 'expected an object prefix without a leading "/", e.g. metal-db (as the sidecar\'s object-prefix)';
const ENV = 'expected the name of an environment variable';
const envName = z.string({ error: ENV }).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: ENV });
const PROFILE = 'expected a profile name of the shared AWS credentials file';
const CRON = 'expected a cron expression of five fields, e.g. "*/3 * * * *"';
const KEPT = 'expected an integer of at least 1';
const INLINE = 'expected no secret in the config: name it with accessKeyIdEnv/secretAccessKeyEnv, accessKeyIdFile/secretAccessKeyFile or profile';

/** A key that must never be set; its value is not looked at (and so never quoted). */
const refused = z.unknown().superRefine((_, ctx) => ctx.addIssue({ code: 'custom', message: INLINE })).optional();

export function backupsSchema<D extends z.ZodType<number>>(duration: (minMs: number) => D) {
  const component = z
    .strictObject(
      {
        id: z.string({ error: ID }).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { error: ID }),
        name: text.optional(),
        owner: text.optional(),
        tool: z.enum(BACKUP_TOOLS, { error: oneOf(BACKUP_TOOLS) }).optional(),
        database: z.enum(DATABASES, { error: oneOf(DATABASES) }).optional(),
        endpoint: z.string({ error: ENDPOINT }).regex(/^https?:\/\/[^\s\p{Cc}/]+\/?$/u, { error: ENDPOINT }),
        region: text.optional(),
        bucket: z.string({ error: BUCKET }).regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: BUCKET }),
        prefix: z.string({ error: PREFIX }).regex(/^(?!\/)[^\p{Cc}]*$/u, { error: PREFIX }).optional(),
        pathStyle: z.boolean({ error: 'expected true or false' }).optional(),
        schedule: z.string({ error: CRON }).regex(/^\S+( \S+){4}$/, { error: CRON }).optional(),
        scheduleEvery: duration(1000).optional(),
        versionsKept: z.number({ error: KEPT }).int({ error: KEPT }).min(1, { error: KEPT }).optional(),
        accessKeyIdEnv: envName.optional(),
        secretAccessKeyEnv: envName.optional(),
        accessKeyIdFile: path.optional(),
        secretAccessKeyFile: path.optional(),
        profile: z.string({ error: PROFILE }).regex(/^[^\s\p{Cc}\]]+$/u, { error: PROFILE }).optional(),
        credentialsFile: path.optional(),
        accessKeyId: refused,
        secretAccessKey: refused,
        interval: duration(1000).optional(),
        timeout: duration(500).optional(),
      },
      { error: 'expected a mapping with id, endpoint and bucket' },
    )
    .superRefine((c, ctx) => {
      const env = c.accessKeyIdEnv !== undefined || c.secretAccessKeyEnv !== undefined;
      const file = c.accessKeyIdFile !== undefined || c.secretAccessKeyFile !== undefined;
      const kinds = [env, file, c.profile !== undefined].filter(Boolean).length;
      const issue = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
      if (kinds === 0) issue('accessKeyIdEnv', 'expected credentials: accessKeyIdEnv and secretAccessKeyEnv, accessKeyIdFile and secretAccessKeyFile, or profile');
      if (kinds > 1) issue(env ? 'accessKeyIdEnv' : 'accessKeyIdFile', 'expected one kind of credentials (environment variables, files or profile), not several');
      if (env && (c.accessKeyIdEnv === undefined) !== (c.secretAccessKeyEnv === undefined)) issue(c.accessKeyIdEnv ? 'secretAccessKeyEnv' : 'accessKeyIdEnv', 'expected both accessKeyIdEnv and secretAccessKeyEnv');
      if (file && (c.accessKeyIdFile === undefined) !== (c.secretAccessKeyFile === undefined)) issue(c.accessKeyIdFile ? 'secretAccessKeyFile' : 'accessKeyIdFile', 'expected both accessKeyIdFile and secretAccessKeyFile');
      if (c.credentialsFile !== undefined && c.profile === undefined) issue('credentialsFile', 'expected credentialsFile only next to profile (it names the file the profile is read from)');
      if (c.schedule !== undefined && c.scheduleEvery === undefined && cronPeriod(c.schedule) === undefined) issue('scheduleEvery', `expected scheduleEvery (e.g. 6h) next to schedule "${c.schedule}": its period is not obvious`);
      if (c.database === undefined && defaultDatabase(c.tool ?? 'backup-restore-sidecar', c.id) === undefined) issue('database', `expected database (${DATABASES.join(', ')}) for ${c.id}: it cannot be told from the id`);
      if (c.tool === 'etcd-backup-restore' && c.owner === undefined) issue('owner', 'expected owner for etcd-backup-restore (the shoot or cluster, e.g. p1/c1)');
      if (c.tool === 'etcd-backup-restore' && c.prefix === undefined) issue('prefix', "expected prefix for etcd-backup-restore (the store's prefix, e.g. shoot--p1--c1--uid/v2)");
    });
  const list = z.array(component, { error: 'expected a list of backup components' }).superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `expected a unique id, "${c.id}" is used twice` });
      seen.add(c.id);
    });
  });
  return { list, component };
}

const CIDR_TEXT = 'expected a list of networks in CIDR notation, e.g. [10.0.0.0/8, 192.168.1.0/24]';
const cidr = z.string({ error: CIDR_TEXT }).refine((v) => {
  const [address = '', bits = '', ...rest] = v.split('/');
  const family = isIP(address);
  return rest.length === 0 && family !== 0 && /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}, { error: CIDR_TEXT });
export const cidrList = z.array(cidr, { error: CIDR_TEXT });
