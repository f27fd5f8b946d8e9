/**
 * The S3 answers rackpilot relies on, checked before use (zod): the SDK types them, but a store that is not AWS
 * (radosgw, MinIO) may leave fields out. A version without its id, time or size cannot be judged or restored, so
 * such a page fails the poll with the field named; lifecycle rules are read one by one and an odd rule is skipped.
 */
import * as z from 'zod';

const version = z.object({
  Key: z.string(),
  VersionId: z.string(),
  IsLatest: z.boolean().optional(),
  LastModified: z.date(),
  Size: z.number().min(0),
  ETag: z.string().optional(),
});
const marker = z.object({ Key: z.string(), VersionId: z.string().optional(), IsLatest: z.boolean().optional(), LastModified: z.date() });

export const versionsPage = z.object({
  Versions: z.array(version).optional(),
  DeleteMarkers: z.array(marker).optional(),
  IsTruncated: z.boolean().optional(),
});
export type ListedVersion = z.output<typeof version>;
export type ListedMarker = z.output<typeof marker>;

export const versioningAnswer = z.object({ Status: z.string().optional() });

const count = z.number().int().min(0);
/** One rule; the prefix sits in Filter.Prefix, Filter.And.Prefix or (older API) Prefix. */
export const lifecycleRule = z.object({
  ID: z.string().optional(),
  Status: z.string(),
  Prefix: z.string().optional(),
  Filter: z.object({ Prefix: z.string().optional(), And: z.object({ Prefix: z.string().optional() }).optional() }).optional(),
  NoncurrentVersionExpiration: z.object({ NoncurrentDays: count.optional(), NewerNoncurrentVersions: count.optional() }).optional(),
});
export type LifecycleRule = z.output<typeof lifecycleRule>;

export const metadataAnswer = z.object({ Metadata: z.record(z.string(), z.string()).optional() });
