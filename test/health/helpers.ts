import { expect } from 'vitest';
import type { Finding, HealthOptions } from '../../src/health';
import type { RackObservation } from '../../src/model/snapshot';
import { assess } from '../../src/store/assess';

/** The findings as the store makes them: the backups judged and every rule run, with these options. */
export function findings(snapshot: RackObservation, options?: Partial<HealthOptions>): readonly Finding[] {
  return assess(snapshot, options).findings;
}

/** Asserts exactly one finding of `rule` about `subjectId`, that it names its subject, and returns it. */
export function theFinding(all: readonly Finding[], rule: string, subjectId: string): Finding {
  const matching = all.filter((f) => f.rule === rule && f.subject.id === subjectId);
  expect(matching, `${rule} for ${subjectId} in ${JSON.stringify(all.map((f) => `${f.rule}:${f.subject.id}`))}`).toHaveLength(1);
  const f = matching[0] as Finding;
  expect(f.summary).toContain(f.subject.label);
  expect(f.summary).not.toContain('\n');
  expect(f.hint.length).toBeGreaterThan(10);
  expect(f.hint).not.toContain('\n');
  return f;
}

export const rules = (all: readonly Finding[]) => all.map((f) => f.rule);
