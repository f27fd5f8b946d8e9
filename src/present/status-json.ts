import { looksEmpty } from '../backups/judge';
import type { JudgedVersion } from '../model/backup';
import { type StatusReportInput, unwatchedAreas } from './status-report';

/** Bump only on an incompatible change; README.md documents this schema. */
export const STATUS_SCHEMA_VERSION = 1;

const iso = (t: number | undefined) => (t === undefined ? null : new Date(t).toISOString());

export interface StatusJsonInput extends StatusReportInput {
  readonly exitCode: number;
}

/** The stable object `rackpilot status --json` prints. */
export function statusJson(input: StatusJsonInput) {
  const { snapshot: s, findings } = input;
  return {
    schemaVersion: STATUS_SCHEMA_VERSION,
    rack: { name: s.rack.name, simulated: s.rack.simulated },
    takenAt: iso(s.takenAt),
    verdict: input.verdict,
    exitCode: input.exitCode,
    notices: input.notices,
    incident: s.incident ? { label: s.incident.label, startedAt: iso(s.incident.startedAt) } : null,
    areas: Object.fromEntries(input.areas.map((a) => [a.area, { status: a.status, summary: a.text, counts: a.counts }])),
    // Areas no configured source reports on (schema 1 grew this field): "healthy" says nothing about them.
    unwatched: unwatchedAreas(input.areas),
    findings: findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      area: f.area,
      subject: f.subject,
      summary: f.summary,
      hint: f.hint,
    })),
    // The findings grouped by cause (schema 1 grew this field): members index into `findings`, cause first.
    causes: s.diagnosis.causes.map((c) => ({
      id: c.id,
      severity: c.severity,
      area: c.area,
      summary: c.summary,
      followups: c.followups,
      hint: c.hint,
      effects: { ...c.effects },
      findings: c.members.map((m) => ({ index: m.index, depth: m.depth })),
    })),
    backups: s.backups.map((b) => {
      const verdict = s.backupVerdicts.get(b.id);
      const newest = b.versions[0];
      const reasons = verdict?.versions[0] ? reasonsOf(verdict.versions[0]) : [];
      const proposal = verdict?.proposal?.version;
      return {
        id: b.id,
        name: b.name,
        owner: b.owner,
        tool: b.tool,
        store: { ...b.store },
        policy: { ...b.policy },
        paused: b.paused,
        // A fence a rackpilot run left in place while the database is still stopped (real rack), else null.
        pausedBy: b.pausedBy
          ? { runId: b.pausedBy.runId, runbook: b.pausedBy.runbook, operator: b.pausedBy.operator, since: iso(b.pausedBy.since), runState: b.pausedBy.runState, undo: b.pausedBy.undo ?? null }
          : null,
        versionCount: b.versions.length,
        newest: newest
          ? { versionId: newest.versionId, key: newest.key, time: iso(newest.time), size: newest.size, suspicious: reasons.length > 0, reasons }
          : null,
        // The version the recovery wizard proposes (the newest the backup judge calls good), as the hints name it.
        proposal: proposal ? { versionId: proposal.versionId, key: proposal.key, time: iso(proposal.time), size: proposal.size } : null,
      };
    }),
    sources: s.sources.map((src) => ({
      name: src.name,
      kind: src.kind,
      state: src.state,
      intervalMs: src.interval,
      lastSuccess: iso(src.lastSuccess),
      lastError: src.lastError ? { at: iso(src.lastError.at), message: src.lastError.message } : null,
      latencyMs: src.latency ?? null,
    })),
  };
}

/** The judge's flags in the rule names scripts already know: a size flag is a size drop, a late one after the incident. */
function reasonsOf(j: JudgedVersion): string[] {
  return [...(looksEmpty(j.flags) ? ['backup-size-drop'] : []), ...(j.flags.includes('after-incident') ? ['backup-after-incident'] : [])];
}
