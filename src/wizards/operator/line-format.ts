import type { EpochMs } from '../../model/time';
import { formatAge } from '../../text/format-age';
import { formatBytes } from '../../text/format-bytes';
import { specText } from '../engine/spec-text';
import type { Action, QuestionOffer, Step } from '../engine/types';
import type { AssessedVersion } from '../version-choice';
import { isoSeconds } from '../../text/time-text';

/** Plain-text renderings for the line-mode commands; the TUI wizard view renders the same data its own way. */

export function stepHeader(step: Step, index: number, total: number): string[] {
  return [
    '',
    `== Step ${index + 1}/${total}: ${step.title}${step.destructive ? '  [DESTRUCTIVE]' : ''}`,
    ...wrap(step.explanation, 78).map((l) => `   ${l}`),
  ];
}

export function actionLines(actions: readonly Action[]): string[] {
  if (actions.length === 0) return ['   No actions: this step only checks.'];
  return ['   Planned actions:', ...actions.flatMap((a) => [`   - ${a.destructive ? '[DESTRUCTIVE] ' : ''}${a.description}`, `       runs: ${specText(a.spec)}`])];
}


/**
 * Every version newest first, numbered for the answer, with time, size, change, id, age relative to the incident
 * and what looks wrong about it. The proposal is marked; it is never blindly the newest.
 */
export function versionLines(offer: QuestionOffer, incidentStart?: EpochMs): string[] {
  const versions = offer.versions ?? [];
  const head = `   ${'#'.padStart(3)}  ${'TIME (UTC)'.padEnd(19)}  ${'SIZE'.padStart(9)}  ${'CHANGE'.padStart(9)}  ${'VS INCIDENT'.padStart(12)}  VERSION ID`;
  const rows = versions.map((a, i) => `   ${String(i + 1).padStart(3)}  ${versionRow(a, incidentStart)}${a.version.versionId === offer.preselected ? '  <- proposed' : ''}`);
  return [head, ...rows];
}

function versionRow(a: AssessedVersion, incidentStart?: EpochMs): string {
  const v = a.version;
  const time = isoSeconds(v.time);
  const change = a.delta === undefined ? 'oldest' : `${a.delta >= 0 ? '+' : '-'}${formatBytes(Math.abs(a.delta))}`;
  const before = a.beforeIncident ?? (incidentStart !== undefined ? incidentStart - v.time : undefined);
  // A version taken at the very moment of the incident already counts as after it (as assessVersions judges).
  const vs = before === undefined ? '-' : before > 0 ? `${formatAge(before)} before` : `${formatAge(-before)} after`;
  const marks = a.flags.map((f) => (f === 'much-smaller' ? '[EMPTY?]' : '[AFTER INCIDENT]')).join(' ');
  return `${time}  ${formatBytes(v.size).padStart(9)}  ${change.padStart(9)}  ${vs.padStart(12)}  ${v.versionId}${marks ? `  ${marks}` : ''}`;
}

export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}
