import { confirmationText, looksEmpty, overrideWord, versionName } from '../../backups/judge';
import type { JudgedVersion } from '../../model/backup';
import { formatBytes } from '../../text/format-bytes';
import { isoMinutes, isoSeconds } from '../../text/time-text';
import { vsIncident } from '../../present/version-rows';
import type { TypedConfirmation, VersionOffer } from '../engine/types';

/**
 * What the operator reads before typing a restore confirmation, in line mode and on the full screen alike: what
 * will happen, and when the chosen version is one the backup judge flagged, why, and what it proposes instead.
 */
export function restorePlanLines(offer: VersionOffer, chosen: JudgedVersion): string[] {
  return [...planLines(offer, chosen), ...flaggedLines(offer, chosen)];
}

/** What will happen: the component, the version, and whether the database is stopped. */
export function planLines(offer: VersionOffer, chosen: JudgedVersion): string[] {
  const { component: c } = offer;
  const v = chosen.version;
  const when = offer.incidentStart === undefined ? '' : ` (${vsIncident(chosen, offer.incidentStart).replace('AFTER', 'AFTER the incident started').replace(/before$/, 'before the incident')})`;
  return [
    'What will happen:',
    `  restore    ${c.id}: ${c.name} of ${c.owner}, overwriting its current data`,
    `  version    ${versionName(c, v)}`,
    `             taken ${isoSeconds(v.time)} UTC${when}, ${formatBytes(v.size)}`,
    `  database   ${c.tool === 'k3s-etcd-snapshot' ? 'k3s is stopped for the restore' : c.paused ? 'stopped (fenced): no upload can replace versions meanwhile' : 'RUNNING: a new upload could push good versions out'}`,
  ];
}

/** Why a flagged version is flagged, the proposal instead, and the extra word that overrides the warning. */
export function flaggedLines(offer: VersionOffer, chosen: JudgedVersion): string[] {
  if (chosen.good) return [];
  const word = overrideWord(chosen.flags);
  const why: string[] = [];
  if (looksEmpty(chosen.flags)) {
    const pct = chosen.ratioToGood === undefined ? undefined : chosen.ratioToGood < 0.01 ? "under 1%" : `${Math.round(chosen.ratioToGood * 100)}%`;
    const base = pct ? `, ${pct} of the last good version before it` : "";
    why.push(`it looks EMPTY: ${formatBytes(chosen.version.size)}${base}`);
  }
  if (chosen.flags.includes('after-incident')) why.push('it was written AFTER the incident started');
  const p = offer.verdict.proposal;
  const instead = p
    ? `The proposal is ${versionName(offer.component, p.version).slice(0, 24)} of ${isoMinutes(p.version.time)} UTC (${formatBytes(p.version.size)}).`
    : 'No version looks good; this is your call.';
  return [
    '',
    `WARNING: this is not the version the wizard proposes: ${why.join('; ')}.`,
    instead,
    `To restore it anyway, type the extra word ${word} too (the audit log records the override).`,
  ];
}

/** "Type exactly: initial-metal-db 5pDwzJxk EMPTY" */
export function expectedText(offer: VersionOffer, chosen: JudgedVersion): string {
  return confirmationText(offer.component, chosen);
}

/** A step confirmed by typing: exactly what it will do, then the text to type (line mode and the full screen). */
export function typedLines(request: TypedConfirmation): string[] {
  return ['What will be done:', ...request.what.map((l) => `  ${l}`), `Type exactly: ${request.text}`];
}
