import type { CauseEffects, CauseMember } from '../model/diagnosis';
import { counted } from '../text/count';
import type { Finding } from './finding';

/** "and" before the last of a list: "2 shoots, 5 control planes and 6 backups". */
function andList(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * What follows from a cause, counted by kind of thing, in the order the failure travels: cables and sessions,
 * shoots, control planes, backups. "with them: 9 links and 12 BGP sessions down; 2 shoots, 5 control planes and
 * 6 backups affected"; empty when nothing follows.
 */
export function followupText(findings: readonly Finding[], members: readonly CauseMember[], effects: CauseEffects, plural: boolean): string {
  const things = new Map<string, Set<string>>();
  const key = (f: Finding) => `${f.subject.kind}:${f.subject.id}`;
  // More findings about the cause's own subject (an empty backup, then its after-incident warning) are not more things.
  const causes = new Set(members.filter((m) => m.depth === 0).map((m) => key(findings[m.index] as Finding)));
  for (const m of members) {
    const f = findings[m.index] as Finding;
    if (m.depth === 0 || causes.has(key(f))) continue;
    const kind = f.subject.kind === 'backup-version' ? 'backup' : f.subject.kind;
    things.set(kind, (things.get(kind) ?? new Set()).add(f.subject.id));
  }
  const n = (kind: string) => things.get(kind)?.size ?? 0;
  const down = [
    ...(effects.linksDown + n('link') > 0 ? [counted(effects.linksDown + n('link'), 'link', 'links')] : []),
    ...(effects.sessionsDown + n('bgp-session') > 0 ? [counted(effects.sessionsDown + n('bgp-session'), 'BGP session', 'BGP sessions')] : []),
  ];
  const affected = [
    ...(n('machine') ? [counted(n('machine'), 'machine', 'machines')] : []),
    ...(n('switch') ? [counted(n('switch'), 'switch', 'switches')] : []),
    ...(n('shoot') ? [counted(n('shoot'), 'shoot', 'shoots')] : []),
    ...(n('control-plane') ? [counted(n('control-plane'), 'control plane', 'control planes')] : []),
    ...(n('cluster-node') + n('workload') + n('pod') ? [counted(n('cluster-node') + n('workload') + n('pod'), 'cluster part', 'cluster parts')] : []),
    ...(n('backup') ? [counted(n('backup'), 'backup', 'backups')] : []),
  ];
  const parts = [...(down.length ? [`${andList(down)} down`] : []), ...(affected.length ? [`${andList(affected)} affected`] : [])];
  return parts.length ? `with ${plural ? 'them' : 'it'}: ${parts.join('; ')}` : '';
}
