// A real drill's report facts: what was injected, the chosen VersionId with its size and LastModified as listed, the
// first empty upload the RPO is measured to, the promoted copy and whether its checksum (ETag) matches, the next
// upload, and each phase's time from the two runs' journals.
import { describe, expect, it } from 'vitest';
import type { BackupVersion } from '../../src/model/backup';
import { MINUTE } from '../../src/model/time';
import type { DrillResult } from '../../src/wizards/drill/drill-result';
import { drillLines } from '../../commands/wizard/drill-lines';
import { realDrillFacts } from '../../src/wizards/drill/real-facts';
import { renderJson, renderMarkdown } from '../../src/wizards/drill/report';
import type { RunResult } from '../../src/wizards/engine/runner';
import { healthySnapshot, T0, withBackup } from '../fixtures/snapshot-builder';

/** A fake MD5 per size: the same size stands for the same content here. */
const md5ish = (size: number) => size.toString(16).padStart(32, '0');
const v = (versionId: string, minutesAgo: number, size: number, extra: Partial<BackupVersion> = {}): BackupVersion => ({ versionId, key: 'db.tar.gz', time: T0 - minutesAgo * MINUTE, size, isLatest: false, etag: md5ish(size), ...extra });
const good = v('good-1', 30, 18_000_000);
// Newest first: the next upload, the copy, two empty uploads, the good one and older ones.
const versions = [
  v('next-1', 2, 18_000_100, { etag: 'etag-next' }),
  v('copy-1', 5, 18_000_000, { copyOf: { versionId: 'good-1', time: good.time } }),
  v('empty-2', 21, 2100),
  v('empty-1', 24, 2000),
  good,
  v('good-0', 33, 17_999_900),
  v('good-00', 36, 17_999_800),
];
const after = withBackup(healthySnapshot(), 'metal-db', { versions });

const action = (op: 'stop-database' | 'clear-data' | 'start-database' | 'promote-version', endedAt: number) => ({
  id: op,
  description: op,
  destructive: op === 'clear-data',
  state: 'done' as const,
  endedAt,
  effect: op === 'promote-version' ? { op, component: 'metal-db', versionId: 'good-1' } : { op, component: 'metal-db' },
});
const run = (runId: string, startedAt: number, endedAt: number, actions: ReturnType<typeof action>[], extra: Partial<RunResult> = {}): RunResult => ({
  state: 'done',
  runId,
  resumed: false,
  dryRun: false,
  startedAt,
  endedAt,
  operatorTime: 0,
  machineTime: endedAt - startedAt,
  steps: [{ id: 's', title: 's', state: 'done', startedAt, endedAt, actions }],
  choices: {},
  stillChanged: [],
  ...extra,
});
const m = (minutesAgo: number) => T0 - minutesAgo * MINUTE;
const injection = run('inj-1', m(26), m(20), [action('stop-database', m(25.5)), action('clear-data', m(25)), action('start-database', m(24.5))]);
const recovery = run('rec-1', m(15), m(1), [action('stop-database', m(14)), action('promote-version', m(6)), action('clear-data', m(5.5)), action('start-database', m(4))], {
  choices: { s: { componentId: 'metal-db', versionId: 'good-1', name: 'good-1', versionTime: good.time, size: good.size, flags: [] } },
});

describe('realDrillFacts', () => {
  const facts = realDrillFacts({ rack: 'lab', injection, injectedComponent: 'metal-db', injectionCalls: ['$ kubectl … delete persistentvolumeclaim metal-db-metal-db-0'], recovery, after });

  it('names the versions as listed: chosen, first empty upload, the promoted copy with a matching ETag, the next upload', () => {
    expect(facts.components).toEqual([
      {
        component: 'metal-db',
        chosen: { versionId: 'good-1', time: good.time, size: 18_000_000, etag: md5ish(18_000_000) },
        firstEmptyUpload: { versionId: 'empty-1', time: m(24), size: 2000, etag: md5ish(2000) },
        promotedCopy: { versionId: 'copy-1', time: m(5), size: 18_000_000, etag: md5ish(18_000_000) },
        sameChecksum: true,
        nextUpload: { versionId: 'next-1', time: m(2), size: 18_000_100, etag: 'etag-next' },
      },
    ]);
  });

  it('compares checksums only when both are plain MD5s (a multipart ETag never equals its copy’s)', () => {
    const multipart = withBackup(healthySnapshot(), 'metal-db', { versions: versions.map((x) => (x.versionId === 'good-1' ? { ...x, etag: 'abc-3' } : x)) });
    expect(realDrillFacts({ rack: 'lab', recovery, after: multipart }).components[0]?.sameChecksum).toBeUndefined();
    const differs = withBackup(healthySnapshot(), 'metal-db', { versions: versions.map((x) => (x.versionId === 'copy-1' ? { ...x, etag: md5ish(1) } : x)) });
    expect(realDrillFacts({ rack: 'lab', recovery, after: differs }).components[0]?.sameChecksum).toBe(false);
  });

  it('times every phase from the journals and the listing, in order', () => {
    expect(facts.timeline).toEqual({
      injectionStarted: m(26),
      databaseStopped: m(25.5),
      volumeDeleted: m(25),
      databaseStartedEmpty: m(24.5),
      firstEmptyUpload: m(24),
      sizeDropFlagged: m(20),
      recoveryStarted: m(15),
      fenced: m(14),
      promoted: m(6),
      dataCleared: m(5.5),
      restarted: m(4),
      nextUpload: m(2),
      recoveryEnded: m(1),
    });
    expect(facts.injection).toEqual({ runId: 'inj-1', component: 'metal-db', outcome: 'done', calls: ['$ kubectl … delete persistentvolumeclaim metal-db-metal-db-0'] });
  });

  it('the JSON report has them (ISO times), the Markdown report a section of its own; a simulated drill has real: null', () => {
    const drill = { scenario: 'empty-backup-after-restart', realRack: 'lab', seed: 0, speed: 1, runId: 'rec-1', outcome: 'done', proposal: 'p', incidentStart: m(24), recoveryStart: m(15), recoveryEnd: m(1), machineTime: 1, operatorTime: 1, healthy: true, steps: [], restored: [], notRestored: [], remaining: [], real: facts } satisfies DrillResult;
    const json = renderJson(drill) as { realRack: string; real: { components: { chosen: unknown; sameChecksum: boolean }[]; timeline: Record<string, string> } };
    expect(json.realRack).toBe('lab');
    expect(json.real.components[0]?.chosen).toEqual({ versionId: 'good-1', lastModified: new Date(good.time).toISOString(), size: 18_000_000, etag: md5ish(18_000_000) });
    expect(json.real.components[0]?.sameChecksum).toBe(true);
    expect(Object.keys(json.real.timeline)).toEqual(['injectionStarted', 'databaseStopped', 'volumeDeleted', 'databaseStartedEmpty', 'firstEmptyUpload', 'sizeDropFlagged', 'recoveryStarted', 'fenced', 'promoted', 'dataCleared', 'restarted', 'nextUpload', 'recoveryEnded']);
    const md = renderMarkdown(drill);
    expect(md).toContain('## On the real rack');
    expect(md).toContain('promoted copy (what the sidecar restored): `copy-1`');
    expect(md).toContain('checksum: same ETag as the chosen version');
    expect(md).toMatch(/\| promoted \| \d{4}-/);
    expect(drillLines(drill, undefined).find((l) => l.startsWith('On the rack:'))).toMatch(/^On the rack: metal-db restored from copy copy-1 \(same ETag as the chosen version\); next upload \d/);
    const { real: _r, realRack: _n, ...sim } = drill;
    expect(renderJson(sim)).toMatchObject({ realRack: null, real: null });
  });
});
