/**
 * All pages of ListObjectVersions under a component's prefix, sorted out: the component's own versions newest
 * first (by LastModified, as the sidecar picks what to restore), the keys of other components that the same plain
 * prefix also matches, and keys whose newest entry is a delete marker.
 */
import type { BackupTool, BackupVersion, StoreListing } from '../../model/backup';
import { check } from '../output-shape';
import { type ListedMarker, type ListedVersion, versionsPage } from './answers';

export interface SortedListing {
  /** Newest first; copyOf is added later from each version's metadata. */
  readonly versions: BackupVersion[];
  readonly facts: Omit<StoreListing, 'lifecycle'>;
}

export function sortListing(pages: readonly unknown[], tool: BackupTool, prefix: string): SortedListing {
  const versions: ListedVersion[] = [];
  const markers: ListedMarker[] = [];
  pages.forEach((raw, i) => {
    const page = check(versionsPage, raw, [`page ${i + 1}`]);
    versions.push(...(page.Versions ?? []));
    markers.push(...(page.DeleteMarkers ?? []));
  });
  const own = ownKey(tool, prefix);
  const foreign = new Map<string, { key: string; versions: number; newest: number }>();
  for (const v of versions) {
    if (own(v.Key)) continue;
    const f = foreign.get(v.Key) ?? { key: v.Key, versions: 0, newest: 0 };
    foreign.set(v.Key, { ...f, versions: f.versions + 1, newest: Math.max(f.newest, v.LastModified.getTime()) });
  }
  const mine = versions
    .filter((v) => own(v.Key))
    .map((v) => ({ versionId: v.VersionId, key: v.Key, time: v.LastModified.getTime(), size: v.Size, isLatest: v.IsLatest === true, ...etagOf(v.ETag) }))
    // Same second: the one the store calls latest first.
    .sort((a, b) => b.time - a.time || Number(b.isLatest) - Number(a.isLatest));
  return {
    versions: mine,
    facts: {
      entries: versions.length + markers.length,
      foreignKeys: [...foreign.values()].sort((a, b) => b.newest - a.newest),
      deletedKeys: markers.filter((m) => m.IsLatest === true && own(m.Key)).map((m) => ({ key: m.Key, time: m.LastModified.getTime() })),
    },
  };
}

/**
 * The sidecar writes exactly `<prefix>/db<suffix>` (or `db<suffix>` without a prefix) but lists the bare prefix,
 * so `metal-db` also matches `metal-db-old/db.tar.gz`. The snapshot tools write many objects under their prefix.
 */
function ownKey(tool: BackupTool, prefix: string): (key: string) => boolean {
  if (tool !== 'backup-restore-sidecar') return (key) => key.startsWith(prefix);
  const base = prefix.replace(/\/+$/, '');
  const head = base === '' ? '' : `${base}/`;
  return (key) => key.startsWith(head) && /^db(\.[^/]*)?$/.test(key.slice(head.length));
}

/** The ETag without the quotes S3 puts around it; none when the store sent none. */
function etagOf(etag: string | undefined): { etag?: string } {
  const bare = etag?.replaceAll('"', '').trim();
  return bare ? { etag: bare } : {};
}
