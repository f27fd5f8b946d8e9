import { expect } from 'vitest';
import { evaluate, type Finding, type HealthOptions } from '../../src/health';
import type { RackSnapshot } from '../../src/model/snapshot';

export function findings(snapshot: RackSnapshot, options?: Partial<HealthOptions>): Finding[] {
  return evaluate(snapshot, options);
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
