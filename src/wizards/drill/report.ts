import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { describeError, EXIT_CODE, RackpilotError, UsageError } from '../../errors';
import { formatBytes } from '../../text/format-bytes';
import { formatDuration } from '../../text/format-duration';
import type { DrillResult } from './drill-result';
import { type ListedVersion, REAL_PHASES, type RealDrillFacts } from './real-facts';

/** Drill reports for people (Markdown, e.g. for the change ticket) and for scripts (JSON, schemaVersion 1). */
export type ReportFormat = 'json' | 'markdown';

export function reportFormat(path: string): ReportFormat {
  const ext = extname(path).toLowerCase();
  return ext === '.md' || ext === '.markdown' ? 'markdown' : 'json';
}

/**
 * Checked before a drill starts, so a bad --report fails in a second instead of after the whole drill: the parent
 * directory must exist and be writable, and the path must not be a directory.
 */
export function checkReportPath(path: string): void {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    // Not there yet: the usual case.
  }
  if (isDir) throw new UsageError(`--report: ${path} is a directory; name a file (.md for Markdown, anything else JSON)`);
  try {
    accessSync(dirname(path), constants.W_OK);
  } catch {
    throw new UsageError(`--report: cannot write into ${dirname(path)} (missing or not writable)`);
  }
}

export function writeReport(path: string, drill: DrillResult): ReportFormat {
  const format = reportFormat(path);
  try {
    writeFileSync(path, format === 'markdown' ? renderMarkdown(drill) : `${JSON.stringify(renderJson(drill), null, 2)}\n`);
  } catch (error) {
    throw new RackpilotError(`cannot write the drill report ${path}: ${describeError(error)}`, { exitCode: EXIT_CODE.stateDir, hint: 'the drill itself ran; its run is in the audit log' });
  }
  return format;
}

const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

/** Stable field names; times ISO 8601 UTC, durations both in ms and as text. */
export function renderJson(d: DrillResult): Record<string, unknown> {
  return {
    schemaVersion: 1,
    kind: 'rackpilot-drill',
    scenario: d.scenario,
    seed: d.seed,
    speed: d.speed,
    runId: d.runId,
    outcome: d.outcome,
    ...(d.reason !== undefined ? { reason: d.reason } : {}),
    healthy: d.healthy,
    proposal: d.proposal,
    incident: { startedAt: iso(d.incidentStart) },
    recovery: {
      startedAt: iso(d.recoveryStart),
      endedAt: iso(d.recoveryEnd),
      machineTimeMs: d.machineTime,
      machineTime: formatDuration(d.machineTime),
      operatorTimeMs: d.operatorTime,
      operatorTime: formatDuration(d.operatorTime),
      rtoMs: d.rto ?? null,
      rto: d.rto === undefined ? null : formatDuration(d.rto),
      outageMs: d.outage ?? null,
    },
    steps: d.steps.map((s) => ({
      id: s.id,
      title: s.title,
      state: s.state,
      startedAt: iso(s.startedAt) ?? null,
      endedAt: iso(s.endedAt) ?? null,
      durationMs: s.duration ?? null,
    })),
    restored: d.restored.map((r) => ({
      component: r.component,
      name: r.name,
      owner: r.owner,
      versionId: r.versionId,
      versionTime: iso(r.versionTime) ?? null,
      size: r.size ?? null,
      rpoMs: r.rpo ?? null,
      rpo: r.rpo === undefined ? null : formatDuration(r.rpo),
      newest: r.newest,
      newestVersionId: r.newestVersionId ?? null,
      skipped: r.skipped,
    })),
    notRestored: d.notRestored,
    remainingCritical: d.remaining,
    realRack: d.realRack ?? null,
    real: d.real ? realJson(d.real) : null,
  };
}

/** A real drill's facts: versions with ISO times, the timeline in phase order. */
function realJson(r: RealDrillFacts): Record<string, unknown> {
  const version = (v: ListedVersion | undefined) => (v ? { versionId: v.versionId, lastModified: iso(v.time), size: v.size, etag: v.etag ?? null } : null);
  return {
    injection: r.injection ?? null,
    components: r.components.map((c) => ({
      component: c.component,
      chosen: version(c.chosen),
      firstEmptyUpload: version(c.firstEmptyUpload),
      promotedCopy: version(c.promotedCopy),
      sameChecksum: c.sameChecksum ?? null,
      nextUpload: version(c.nextUpload),
    })),
    timeline: Object.fromEntries(REAL_PHASES.flatMap((p) => (r.timeline[p] === undefined ? [] : [[p, iso(r.timeline[p])]]))),
  };
}

export function renderMarkdown(d: DrillResult): string {
  const lines = [
    `# Recovery drill: ${d.scenario}`,
    '',
    `- Outcome: **${d.outcome}**, rack ${d.healthy ? '**healthy**' : '**not healthy**'} at the end${d.reason ? ` (${d.reason})` : ''}`,
    `- Incident started: ${iso(d.incidentStart)}`,
    `- Recovery: ${iso(d.recoveryStart)} to ${iso(d.recoveryEnd)}`,
    `- Machine time (the rack's own work${d.realRack === undefined ? ', simulated' : ''}): ${formatDuration(d.machineTime)}`,
    `- Operator time (reading and answering): ${formatDuration(d.operatorTime)}`,
    `- RTO (machine + operator time, recovery start to healthy): ${d.rto === undefined ? 'not reached' : formatDuration(d.rto)}`,
    `- Outage (incident start to healthy): ${d.outage === undefined ? 'not reached' : formatDuration(d.outage)}`,
    d.realRack === undefined ? `- Simulated rack, seed ${d.seed}, clock ${d.speed}x; run ${d.runId}` : `- REAL rack ${d.realRack} (the failure was injected on it); run ${d.runId}`,
    '',
    `> ${d.proposal}`,
    '',
    '## Steps',
    '',
    '| # | Step | State | Duration |',
    '|---|------|-------|----------|',
    ...d.steps.map((s, i) => `| ${i + 1} | ${cell(s.title)} | ${s.state} | ${s.duration === undefined ? '-' : formatDuration(s.duration)} |`),
    '',
    '## Restored data',
    '',
  ];
  if (d.restored.length === 0) lines.push('Nothing was restored.', '');
  else {
    lines.push('| Component | Version | Taken | Size | RPO | Newest? |', '|-----------|---------|-------|------|-----|---------|');
    for (const r of d.restored) {
      const passed = r.skipped.length ? `no: ${r.skipped.length} newer skipped (${[...new Set(r.skipped.flatMap((s) => s.flags))].join(', ')})` : 'yes';
      lines.push(
        `| ${cell(`${r.name} (${r.owner})`)} | \`${r.versionId}\` | ${iso(r.versionTime) ?? '?'} | ${r.size === undefined ? '?' : formatBytes(r.size)} | ${r.rpo === undefined ? '?' : formatDuration(r.rpo)} | ${r.newest ? 'yes' : passed} |`,
      );
    }
    lines.push('');
  }
  if (d.notRestored.length) lines.push(`Not restored: ${d.notRestored.join(', ')}`, '');
  if (d.real) lines.push(...realMarkdown(d.real));
  lines.push('## Remaining critical findings', '');
  if (d.remaining.length === 0) lines.push('None.');
  else for (const f of d.remaining) lines.push(`- ${f.rule}: ${cell(f.summary)}`);
  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** The real rack's part: what was injected, the versions as S3 lists them, the checksum, the timeline. */
function realMarkdown(r: RealDrillFacts): string[] {
  const v = (x: ListedVersion | undefined) => (x ? `\`${x.versionId}\`, ${iso(x.time)}, ${formatBytes(x.size)}${x.etag ? `, ETag ${x.etag}` : ''}` : 'not seen');
  const lines = ['## On the real rack', ''];
  if (r.injection) {
    lines.push(`Injected into ${r.injection.component} (run ${r.injection.runId}, ${r.injection.outcome}):`, '');
    for (const c of r.injection.calls) lines.push(`    ${c}`);
    lines.push('');
  } else lines.push('Nothing injected by this drill: the failure was already there (an interrupted drill).', '');
  for (const c of r.components) {
    const same = c.sameChecksum === undefined ? 'unknown' : c.sameChecksum ? 'same ETag as the chosen version' : 'ETAG DIFFERS from the chosen version';
    lines.push(
      `- ${c.component}: chosen ${v(c.chosen)}`,
      `  - first empty upload (RPO measured to it): ${v(c.firstEmptyUpload)}`,
      `  - promoted copy (what the sidecar restored): ${v(c.promotedCopy)}; checksum: ${same}`,
      `  - next upload after the restore: ${v(c.nextUpload)}`,
    );
  }
  lines.push('', '| Phase | Time (UTC) |', '|-------|------------|');
  for (const p of REAL_PHASES) if (r.timeline[p] !== undefined) lines.push(`| ${p} | ${iso(r.timeline[p])} |`);
  lines.push('');
  return lines;
}
