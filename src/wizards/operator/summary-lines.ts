import { formatBytes } from '../../text/format-bytes';
import { formatDuration } from '../../text/format-duration';
import { isoMinutes } from '../../text/time-text';
import { callText } from '../engine/calls';
import { type RunResult, restoredChoices } from '../engine/runner';

export interface SummaryOptions {
  /** When the incident started: each restored version's RPO is measured from it. */
  readonly incidentStart?: number;
  /** The command that continues or repeats this run, e.g. `rackpilot recover`. */
  readonly again?: string;
}

const HEAD: Record<RunResult['state'], string> = {
  done: 'Run done.',
  cancelled: 'Run CANCELLED',
  aborted: 'Run ABORTED',
  failed: 'Run FAILED',
};

/**
 * How every run ends, done or not, in line mode and on the full screen alike: why it ended, what was done and
 * what was not, the versions restored with their RPO, the times, and what is still changed on the rack with the
 * command that takes it back (a fence left in place must never go unmentioned).
 */
export function summaryLines(r: RunResult, o: SummaryOptions = {}): string[] {
  const lines = [`${HEAD[r.state]}${r.state === 'done' ? '' : `: ${r.reason ?? 'no reason given'}`}${r.dryRun ? ' (dry run: nothing was changed)' : ''}`];
  const by = (state: string) => r.steps.filter((s) => s.state === state).map((s) => s.title);
  const done = by('done');
  const part = [`${done.length} of ${r.steps.length} steps done`];
  for (const [state, word] of [
    ['skipped', 'skipped'],
    ['failed', 'failed'],
    ['planned', 'planned'],
  ] as const) {
    const t = by(state);
    if (t.length) part.push(`${word}: ${t.join(', ')}`);
  }
  const notRun = r.steps.filter((s) => s.state === 'pending' || s.state === 'running').map((s) => s.title);
  if (notRun.length && r.state !== 'done') part.push(`not run: ${notRun.join(', ')}`);
  lines.push(`Steps: ${part.join('; ')}.`);
  // Why a step failed (a command's exit code and last output lines) stays in view at the end, not only above it.
  for (const s of r.steps) if (s.state === 'failed' && s.error) lines.push(`  ! ${s.title} failed: ${s.error}`);
  lines.push(...restoredLines(r, o));
  if (r.stillChanged.length) {
    lines.push('Still changed on the rack:');
    for (const c of r.stillChanged) {
      lines.push(`  ! ${c.what}`);
      for (const call of c.undo) lines.push(`      to undo: ${callText(call)}`);
    }
    if (o.again) lines.push(`  or continue the recovery: ${o.again}`);
  } else if (!r.dryRun) lines.push('Nothing the run changed is left paused or stopped.');
  const rto = r.state === 'done' ? `, RTO ${formatDuration(r.machineTime + r.operatorTime)}` : '';
  lines.push(`Time: machine ${formatDuration(r.machineTime)}, operator ${formatDuration(r.operatorTime)}${rto}. Run ${r.runId}.`);
  return lines;
}

function restoredLines(r: RunResult, o: SummaryOptions): string[] {
  const chosen = restoredChoices(r);
  if (chosen.length === 0) return r.dryRun ? [] : ['Restored: nothing.'];
  return chosen.map((c) => {
    const rpo = o.incidentStart !== undefined ? `, RPO ${formatDuration(Math.max(0, o.incidentStart - c.versionTime))}` : '';
    const override = c.flags.length ? ` (OVERRIDE: flagged ${c.flags.join(', ')}${c.proposed ? `, proposed was ${c.proposed.slice(0, 8)}` : ''})` : '';
    return `Restored: ${c.componentId} version ${c.name} of ${isoMinutes(c.versionTime)} UTC, ${formatBytes(c.size)}${rpo}${override}`;
  });
}
