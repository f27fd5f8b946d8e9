/**
 * How long the store keeps old versions under a prefix, read defensively: the sidecar writes a rule
 * `<prefix>-backup-restore-lifecycle` with Filter.Prefix `<prefix>/`, NewerNoncurrentVersions (object-max-keep)
 * and NoncurrentDays, but radosgw refuses a rule with NewerNoncurrentVersions alone and drops it when NoncurrentDays
 * is set, so either may be missing. Odd rules are skipped, never fatal.
 */
import type { LifecycleFacts } from '../../model/backup';
import { type LifecycleRule, lifecycleRule } from './answers';

/** `answer` is GetBucketLifecycleConfiguration's output, or undefined when the bucket has none. */
export function lifecycleFacts(answer: unknown, keyPrefix: string): LifecycleFacts {
  if (answer === undefined) return { state: 'none' };
  const rules = typeof answer === 'object' && answer !== null && 'Rules' in answer && Array.isArray(answer.Rules) ? answer.Rules : [];
  const applying = rules
    .map((r: unknown) => lifecycleRule.safeParse(r))
    .flatMap((r) => (r.success ? [r.data] : []))
    .filter((r) => r.Status === 'Enabled' && r.NoncurrentVersionExpiration && keyPrefix.startsWith(rulePrefix(r)));
  // The most specific rule wins: the sidecar's own rule over a bucket-wide one.
  const rule = applying.sort((a, b) => rulePrefix(b).length - rulePrefix(a).length)[0];
  if (!rule) return { state: 'none' };
  const e = rule.NoncurrentVersionExpiration;
  return {
    state: 'rule',
    ...(rule.ID ? { id: rule.ID } : {}),
    ...(e?.NewerNoncurrentVersions !== undefined ? { newerNoncurrentVersions: e.NewerNoncurrentVersions } : {}),
    ...(e?.NoncurrentDays !== undefined ? { noncurrentDays: e.NoncurrentDays } : {}),
  };
}

function rulePrefix(r: LifecycleRule): string {
  return r.Filter?.Prefix ?? r.Filter?.And?.Prefix ?? r.Prefix ?? '';
}
