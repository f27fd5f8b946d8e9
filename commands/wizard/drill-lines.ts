import { formatBytes } from '../../src/text/format-bytes';
import { formatDuration } from '../../src/text/format-duration';
import type { DrillResult } from '../../src/wizards/drill/drill';

/** The drill's measurements at the end of its summary, on the simulated rack and on a real one. */
export function drillLines(d: DrillResult, report: string | undefined): string[] {
  return [
    `Drill ${d.outcome}${d.reason ? `: ${d.reason}` : ''}; rack ${d.healthy ? 'healthy' : 'NOT healthy'}.`,
    `Machine time (the rack's own work): ${formatDuration(d.machineTime)}`,
    `Operator time (reading and answering): ${formatDuration(d.operatorTime)}`,
    `RTO (machine + operator time, recovery start to healthy): ${d.rto === undefined ? 'not reached' : formatDuration(d.rto)}`,
    ...d.restored.map((r) => {
      const newest = r.newest ? 'the newest' : `not the newest: ${r.skipped.length} newer version(s) looked wrong`;
      return `Restored ${r.component} version ${r.versionId} (${r.size === undefined ? '?' : formatBytes(r.size)}, ${newest}); RPO ${r.rpo === undefined ? '?' : formatDuration(r.rpo)}`;
    }),
    // On a real rack: whether the copy the sidecar restored has the chosen version's checksum, and the next upload.
    ...(d.real?.components ?? []).map((c) => {
      const same = c.sameChecksum === undefined ? 'checksum unknown' : c.sameChecksum ? 'same ETag as the chosen version' : 'ETAG DIFFERS from the chosen version';
      const next = c.nextUpload ? `next upload ${formatBytes(c.nextUpload.size)}` : 'no upload since the restore yet';
      return `On the rack: ${c.component} restored from copy ${c.promotedCopy?.versionId ?? '?'} (${same}); ${next}`;
    }),
    ...(d.notRestored.length ? [`Not restored: ${d.notRestored.join(', ')}`] : []),
    ...d.remaining.map((f) => `CRIT  ${f.summary}`),
    ...(report ? [`Report written to ${report}`] : []),
  ];
}
