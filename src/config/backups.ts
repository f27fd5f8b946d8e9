/**
 * `backups:` resolved: per component where its backups live in S3 and how rackpilot reads them. Defaults follow the
 * mini-rack's metal-stack control plane (backup-restore-sidecar, every 3 minutes, 20 versions kept, path-style,
 * prefix = id). Credentials stay names (variables, files, a profile) until the source first connects.
 */
import type { BackupTool, DATABASES } from '../model/backup';
import type { Millis } from '../model/time';
import { BACKUP_DEFAULTS, cronPeriod, defaultDatabase, TOOL_DEFAULTS } from './backup-defaults';
import type { ConfigLayer } from './schema';
import { expandPath, type PathContext } from './switches';

export type S3Credentials =
  | { readonly env: { readonly accessKeyId: string; readonly secretAccessKey: string } }
  | { readonly files: { readonly accessKeyId: string; readonly secretAccessKey: string } }
  | { readonly profile: { readonly name: string; readonly file: string } };

export interface BackupSourceConfig {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly tool: BackupTool;
  readonly database: (typeof DATABASES)[number];
  readonly endpoint: string;
  readonly region: string;
  readonly bucket: string;
  /** Listed exactly as written, as the sidecar lists its object-prefix (no "/" added). */
  readonly prefix: string;
  readonly pathStyle: boolean;
  readonly schedule: string;
  /** The schedule's period: when the newest version counts as overdue. */
  readonly scheduleEvery: Millis;
  /** Assumed when the bucket's lifecycle rule does not say how many noncurrent versions it keeps. */
  readonly versionsKept: number;
  readonly credentials: S3Credentials;
  /** Poll interval and the limit of each S3 request. */
  readonly interval: Millis;
  readonly timeout: Millis;
}

export function resolveBackups(m: ConfigLayer, ctx: PathContext): BackupSourceConfig[] {
  return (m.backups ?? []).map((b) => {
    const tool = b.tool ?? 'backup-restore-sidecar';
    const d = TOOL_DEFAULTS[tool];
    const schedule = b.schedule ?? d.schedule;
    // The schema refused entries where these cannot be derived.
    const scheduleEvery = b.scheduleEvery ?? cronPeriod(schedule) ?? d.every;
    const database = b.database ?? defaultDatabase(tool, b.id) ?? 'postgres';
    const owner = b.owner ?? d.owner ?? b.id;
    return {
      id: b.id,
      name: b.name ?? b.id,
      owner,
      tool,
      database,
      endpoint: b.endpoint.replace(/\/$/, ''),
      region: b.region ?? BACKUP_DEFAULTS.region,
      bucket: b.bucket,
      prefix: b.prefix ?? b.id,
      pathStyle: b.pathStyle ?? BACKUP_DEFAULTS.pathStyle,
      schedule,
      scheduleEvery,
      versionsKept: b.versionsKept ?? d.versionsKept,
      credentials: credentials(b, ctx),
      interval: b.interval ?? BACKUP_DEFAULTS.interval,
      timeout: b.timeout ?? BACKUP_DEFAULTS.timeout,
    };
  });
}

type Entry = NonNullable<ConfigLayer['backups']>[number];

function credentials(b: Entry, ctx: PathContext): S3Credentials {
  if (b.accessKeyIdEnv && b.secretAccessKeyEnv) return { env: { accessKeyId: b.accessKeyIdEnv, secretAccessKey: b.secretAccessKeyEnv } };
  if (b.accessKeyIdFile && b.secretAccessKeyFile) return { files: { accessKeyId: expandPath(b.accessKeyIdFile, ctx), secretAccessKey: expandPath(b.secretAccessKeyFile, ctx) } };
  // As the AWS tools find it: credentialsFile, else $AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials.
  const file = b.credentialsFile ? expandPath(b.credentialsFile, ctx) : expandPath(ctx.env.AWS_SHARED_CREDENTIALS_FILE || '~/.aws/credentials', { ...ctx, baseDir: process.cwd() });
  return { profile: { name: b.profile ?? 'default', file } };
}

export { BACKUP_DEFAULTS, DEFAULT_RACK_NETWORKS } from './backup-defaults';
