import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { killedAfterEach, testDir } from '../helpers/cleanup';
import { auditEntries, journals, locks, type PromptKind, wizard } from './wizard-run';

const dir = testDir('rackpilot-signals-');
const running = killedAfterEach();

const CODES = { SIGINT: 130, SIGHUP: 129, SIGTERM: 143 } as const;
type Sig = keyof typeof CODES;
let n = 0;

function start(args: readonly string[], stopAt: { kind: PromptKind; nth?: number }) {
  const state = join(dir, `s${n++}`);
  const w = wizard(args, { HOME: dir, XDG_STATE_HOME: state }, stopAt);
  running.add(w.child);
  return { w, state };
}

const RECOVER = ['recover', '--scenario', 'empty-backup-after-restart', '--speed', '120'];
const BOOTSTRAP = ['bootstrap', '--speed', '240'];
const DRILL = ['drill', '--scenario', 'empty-backup-after-restart', '--speed', '240'];

describe('Ctrl-C, SIGTERM and SIGHUP at a prompt of a wizard in line mode (built program)', () => {
  const cases: [string, readonly string[], PromptKind, number, Sig, boolean][] = [
    ['recover, first step', RECOVER, 'step', 1, 'SIGINT', false],
    ['recover, before the fence', RECOVER, 'step', 2, 'SIGTERM', false],
    ['recover, choosing the version', RECOVER, 'version', 1, 'SIGHUP', true],
    ['recover, typing the confirmation', RECOVER, 'typed', 1, 'SIGINT', true],
    ['recover, the restore step shown', RECOVER, 'step', 3, 'SIGTERM', true],
    ['bootstrap, first step', BOOTSTRAP, 'step', 1, 'SIGHUP', false],
    ['bootstrap, third step', BOOTSTRAP, 'step', 3, 'SIGINT', false],
    ['drill, choosing the version', DRILL, 'version', 1, 'SIGTERM', true],
    ['drill, first step', DRILL, 'step', 1, 'SIGINT', false],
  ];

  it.each(cases)('%s: ends within 1 s with the summary, the lock released, the journal aborted', { timeout: 40_000 }, async (_name, args, kind, nth, sig, fenced) => {
    const { w, state } = start(args, { kind, nth });
    await w.reached(kind, nth);
    const sent = Date.now();
    w.child.kill(sig);
    const end = await w.exited(5000);
    expect(end.at - sent, 'ended within 1 s').toBeLessThan(1000);
    expect(end.code).toBe(CODES[sig]);
    const out = w.output();
    expect(out).toMatch(/Run ABORTED: interrupted: (Ctrl-C|SIGTERM|SIGHUP) pressed or received/);
    expect(out).toMatch(/Steps: \d+ of \d+ steps done/);
    // A fence left in place is never left unsaid.
    if (fenced) expect(out).toMatch(/! metal-db \(initial metal-stack\) is STILL STOPPED, and its backups with it\n\s+to undo: \$ kubectl/);
    else expect(out).toMatch(/Nothing the run changed is left paused or stopped/);
    expect(locks(state)).toEqual([]);
    expect(journals(state).map((j) => j.state)).toEqual(['aborted']);
    expect(auditEntries(state).at(-1)).toMatchObject({ event: 'run-end', outcome: 'aborted' });
  });

  it('at the question whether to resume an unfinished run: nothing is started, the unfinished run stays as it was', { timeout: 40_000 }, async () => {
    const { w: first, state } = start(RECOVER, { kind: 'step', nth: 3 });
    await first.reached('step', 3);
    first.child.kill('SIGKILL');
    await first.exited(5000);
    const second = wizard(RECOVER, { HOME: dir, XDG_STATE_HOME: state }, { kind: 'resume' });
    running.add(second.child);
    await second.reached('resume');
    const sent = Date.now();
    second.child.kill('SIGINT');
    const end = await second.exited(5000);
    expect(end.at - sent).toBeLessThan(1000);
    expect(end.code).toBe(130);
    expect(second.output()).toMatch(/Interrupted before anything was started: nothing was changed/);
    expect(locks(state)).toEqual([]);
    expect(journals(state).map((j) => j.state)).toEqual(['running']);
  });
});
