import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import type { Millis } from '../../model/time';
import { formatBytes } from '../../text/format-bytes';
import type { DrillResult } from './drill-result';

/** Drill reports for people (Markdown, e.g. for the change ticket) and for scripts (JSON, schemaVersion 1). */
export type ReportFormat = 'json' | 'markdown';

export function reportFormat(path: string): ReportFormat {
  const ext = extname(path).toLowerCase();
  return ext === '.md' || ext === '.markdown' ? 'markdown' : 'json';
}

export function writeReport(path: string, drill: DrillResult): ReportFormat {
  const format = reportFormat(path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, format === 'markdown' ? renderMarkdown(drill) : `${JSON.stringify(renderJson(drill), null, 2)}\n`);
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
  };
}

export function renderMarkdown(d: DrillResult): string {
  const lines = [
    `# Recovery drill: ${d.scenario}`,
    '',
    `- Outcome: **${d.outcome}**, rack ${d.healthy ? '**healthy**' : '**not healthy**'} at the end${d.reason ? ` (${d.reason})` : ''}`,
    `- Incident started: ${iso(d.incidentStart)}`,
    `- Recovery: ${iso(d.recoveryStart)} to ${iso(d.recoveryEnd)}`,
    `- RTO (recovery start to healthy): ${d.rto === undefined ? 'not reached' : formatDuration(d.rto)}`,
    `- Outage (incident start to healthy): ${d.outage === undefined ? 'not reached' : formatDuration(d.outage)}`,
    `- Simulated rack, seed ${d.seed}, clock ${d.speed}x; run ${d.runId}`,
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
  lines.push('## Remaining critical findings', '');
  if (d.remaining.length === 0) lines.push('None.');
  else for (const f of d.remaining) lines.push(`- ${f.rule}: ${cell(f.summary)}`);
  return `${lines.join('\n')}\n`;
}

/** "1h 02m 05s", "4m 30s", "12s": exact enough for an RTO, unlike the rounded ages of the status views. */
export function formatDuration(ms: Millis): string {
  const sign = ms < 0 ? '-' : '';
  let s = Math.round(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${sign}${d}d ${pad(h)}h ${pad(m)}m`;
  if (h > 0) return `${sign}${h}h ${pad(m)}m ${pad(s)}s`;
  if (m > 0) return `${sign}${m}m ${pad(s)}s`;
  return `${sign}${s}s`;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
