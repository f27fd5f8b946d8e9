import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DrillResult } from '../../src/wizards/drill/drill-result';
import { formatDuration } from '../../src/text/format-duration';
import { checkReportPath, renderJson, renderMarkdown, reportFormat, writeReport } from '../../src/wizards/drill/report';

const T = Date.UTC(2026, 10, 25, 3, 0, 0);
const dir = mkdtempSync(join(tmpdir(), 'rackpilot-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const drill: DrillResult = {
  scenario: 'empty-backup-after-restart',
  seed: 42,
  speed: 300,
  runId: 'run-1',
  outcome: 'done',
  proposal: 'This looks like: empty backup uploaded after a restart.',
  incidentStart: T,
  recoveryStart: T + 600_000,
  recoveryEnd: T + 737_000,
  machineTime: 125_000,
  operatorTime: 12_000,
  rto: 137_000,
  outage: 737_000,
  healthy: true,
  steps: [
    { id: 'assess', title: 'Assess the damage', state: 'done', startedAt: T + 600_000, endedAt: T + 604_000, duration: 4000 },
    { id: 'restore-initial-metal-db', title: 'Restore metal-db | initial', state: 'done', startedAt: T + 604_000, endedAt: T + 609_000, duration: 5000 },
  ],
  restored: [
    {
      component: 'initial-metal-db',
      name: 'metal-db',
      owner: 'initial metal-stack',
      versionId: 'goodgood-version',
      versionTime: T - 162_000,
      size: 19_100_000,
      rpo: 162_000,
      newest: false,
      newestVersionId: 'emptyemp-version',
      skipped: [{ versionId: 'emptyemp-version', size: 2100, flags: ['much-smaller', 'after-incident'] }],
    },
  ],
  notRestored: [],
  remaining: [],
};

describe('drill reports', () => {
  it('picks the format by extension', () => {
    expect(reportFormat('r.md')).toBe('markdown');
    expect(reportFormat('R.MARKDOWN')).toBe('markdown');
    expect(reportFormat('r.json')).toBe('json');
    expect(reportFormat('report')).toBe('json');
  });

  it('JSON names the restored version, its RPO, whether it was the newest, and per-step times', () => {
    // biome-ignore lint/suspicious/noExplicitAny: a JSON document is read as such
    const json = renderJson(drill) as Record<string, any>;
    expect(json.schemaVersion).toBe(1);
    expect(json.recovery).toMatchObject({ rtoMs: 137_000, rto: '2m 17s', machineTimeMs: 125_000, operatorTimeMs: 12_000, startedAt: '2026-11-25T03:10:00.000Z' });
    expect(json.restored[0]).toMatchObject({ versionId: 'goodgood-version', newest: false, rpoMs: 162_000, rpo: '2m 42s' });
    expect(json.restored[0].skipped[0].flags).toEqual(['much-smaller', 'after-incident']);
    expect(json.steps.map((s: { durationMs: number }) => s.durationMs)).toEqual([4000, 5000]);
    expect(json.remainingCritical).toEqual([]);
  });

  it('Markdown has the summary, a step table and a restore table', () => {
    const md = renderMarkdown(drill);
    expect(md).toMatch(/^# Recovery drill: empty-backup-after-restart/);
    expect(md).toMatch(/Machine time \(the rack's own work, simulated\): 2m 05s/);
    expect(md).toMatch(/Operator time \(reading and answering\): 12s/);
    expect(md).toMatch(/RTO \(machine \+ operator time, recovery start to healthy\): 2m 17s/);
    expect(md).toMatch(/\| 2 \| Restore metal-db \\\| initial \| done \| 5s \|/);
    expect(md).toMatch(/`goodgood-version`.*2m 42s \| no: 1 newer skipped \(much-smaller, after-incident\)/);
    expect(md).toMatch(/## Remaining critical findings\n\nNone\./);
  });

  it('says when the rack did not recover', () => {
    const md = renderMarkdown({ ...drill, healthy: false, outcome: 'cancelled', rto: undefined, remaining: [{ rule: 'backup-size-drop', subject: 'metal-db', summary: 'newest backup is tiny' }] } as DrillResult);
    expect(md).toMatch(/RTO .*not reached/);
    expect(md).toMatch(/- backup-size-drop: newest backup is tiny/);
    expect((renderJson({ ...drill, rto: undefined } as DrillResult).recovery as { rtoMs: unknown }).rtoMs).toBeNull();
  });

  it('writes JSON or Markdown by extension', () => {
    expect(writeReport(join(dir, 'r.json'), drill)).toBe('json');
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).restored[0].versionId).toBe('goodgood-version');
    expect(writeReport(join(dir, 'r.md'), drill)).toBe('markdown');
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toMatch(/^# Recovery drill/);
  });

  it('refuses a report path that is a directory or in a missing directory before the drill runs', () => {
    expect(() => checkReportPath(dir)).toThrow(/is a directory/);
    expect(() => checkReportPath(join(dir, 'missing', 'r.json'))).toThrow(/cannot write into/);
    expect(() => checkReportPath(join(dir, 'ok.json'))).not.toThrow();
  });

  it('formats durations exactly', () => {
    expect(formatDuration(12_000)).toBe('12s');
    expect(formatDuration(270_000)).toBe('4m 30s');
    expect(formatDuration(3_725_000)).toBe('1h 02m 05s');
    expect(formatDuration(90_000_000)).toBe('1d 01h 00m');
  });
});
