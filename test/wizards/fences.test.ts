// The fences rackpilot runs leave in place, read from their journals: what `status` and the panes name when a
// database is still stopped (e.g. after a crash mid-recovery).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFences, runFences } from '../../src/wizards/engine/fences';
import { Journal, type JournalData } from '../../src/wizards/engine/journal';
import { tmpState } from './helpers';

const T = Date.UTC(2026, 10, 30, 10, 0, 0);
const START = { kind: 'kube' as const, context: 'lab', namespace: 'metal-control-plane', verb: 'scale' as const, resource: 'statefulset' as const, name: 'metal-db', args: { replicas: 1 } };

function run(runId: string, at: number, ops: readonly ('stop' | 'start')[], extra: Partial<JournalData> = {}): JournalData {
  const j = Journal.memory({ runbookId: 'recover', rack: 'lab', operator: 'ops@host', startedAt: at, runId });
  j.update((d) => {
    d.steps.push({
      id: 'fence',
      title: 'Stop',
      state: 'done',
      actions: ops.map((op, i) => ({
        id: `${op}-${i}`,
        description: op,
        destructive: false,
        state: 'done' as const,
        endedAt: at + 1000 * (i + 1),
        effect: { op: op === 'stop' ? ('stop-database' as const) : ('start-database' as const), component: 'initial-metal-db' },
        ...(op === 'stop' ? { undo: { what: 'metal-db is STILL STOPPED', calls: [START] } } : {}),
      })),
    });
    Object.assign(d, extra);
  });
  return j.data as JournalData;
}

describe('runFences', () => {
  it('a run that stopped a database and did not start it again fences it: the run, its operator, since when, and the command that ends it', () => {
    expect(runFences([run('r1', T, ['stop'])], 'lab')).toEqual([
      { componentId: 'initial-metal-db', runId: 'r1', runbook: 'recover', operator: 'ops@host', since: T + 1000, runState: 'running', undo: '$ kubectl --context lab -n metal-control-plane scale statefulset metal-db --replicas=1' },
    ]);
  });

  it('a run that started it again leaves no fence; nor do dry runs and runs on other racks', () => {
    expect(runFences([run('r1', T, ['stop', 'start'])], 'lab')).toEqual([]);
    expect(runFences([run('r1', T, ['stop'], { dryRun: true })], 'lab')).toEqual([]);
    expect(runFences([run('r1', T, ['stop'])], 'other')).toEqual([]);
  });

  it('the newest run that touched the database decides: a later run that started it takes down an aborted run’s fence', () => {
    const aborted = run('r1', T, ['stop'], { state: 'aborted' });
    expect(runFences([run('r2', T + 60_000, ['stop', 'start']), aborted], 'lab')).toEqual([]);
    expect(runFences([aborted], 'lab')[0]?.runState).toBe('aborted');
  });
});

describe('readFences', () => {
  it('reads the journals of a runs directory (skipping what is not a journal) and changes nothing there', () => {
    const dir = join(tmpState(), 'runs');
    mkdirSync(dir, { recursive: true });
    const data = run('20261130-100000-abcdef', T, ['stop']);
    writeFileSync(join(dir, `${data.runId}.json`), JSON.stringify(data));
    writeFileSync(join(dir, 'broken.json'), '{');
    expect(readFences(dir, 'lab').map((f) => f.runId)).toEqual([data.runId]);
    expect(readFences(join(dir, 'missing'), 'lab')).toEqual([]);
  });
});
