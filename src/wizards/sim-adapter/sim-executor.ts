import type { Clock } from '../../clock';
import { describeError } from '../../errors';
import { formatBytes } from '../../text/format-bytes';
import type { SimRack } from '../../sim/engine';
import { sleep } from '../engine/sleep';
import type { Action, ActionOutcome, Executor } from '../engine/types';

type Io = Parameters<Executor['run']>[1];
type Args = Extract<Action['spec'], { kind: 'sim' }>['args'];

/**
 * Runs `sim` actions on the embedded rack: the stand-in for metalctl, kubectl and the backup-restore-sidecar
 * until the real executors exist. Command and API actions are refused rather than faked, so a runbook that
 * would touch real infrastructure can never look like it succeeded here.
 */
export function createSimExecutor(sim: SimRack, clock: Clock): Executor {
  return {
    kind: 'sim',
    async run(action, io) {
      const { spec } = action;
      if (spec.kind !== 'sim') {
        return { ok: false, error: `the simulator cannot run ${spec.kind} actions ("${action.description}"); real executors are not available yet` };
      }
      try {
        io.signal.throwIfAborted();
        // Operations happen at the present: without catching up, a power-on would be applied in the sim's past.
        sim.advanceTo(clock.now());
        switch (spec.op) {
          case 'power-on':
            return powerOn(sim, stringList(spec.args, 'ids'), io);
          case 'pause-backups':
          case 'resume-backups':
            return setPaused(sim, text(spec.args, 'component'), spec.op === 'pause-backups', io);
          case 'restore-backup':
            return restore(sim, text(spec.args, 'component'), text(spec.args, 'version'), io);
          case 'wait':
            return await wait(clock, number(spec.args, 'ms'), io);
          default:
            return { ok: false, error: `unknown sim operation ${String(spec.op)}` };
        }
      } catch (error) {
        return { ok: false, error: describeError(error) };
      }
    },
  };
}

function powerOn(sim: SimRack, ids: readonly string[], io: Io): ActionOutcome {
  const known = new Set([sim.layout.bootstrapId, ...sim.layout.machines.map((m) => m.id)]);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) return { ok: false, error: `no such node in the rack: ${unknown.join(', ')}` };
  const shown = ids.length > 6 ? `${ids.slice(0, 6).join(', ')} and ${ids.length - 6} more` : ids.join(', ');
  io.output(`powering on ${ids.length} node${ids.length === 1 ? '' : 's'}: ${shown}`);
  sim.powerOn(ids);
  io.output('power-on sent; machines PXE-boot and provision, which takes several minutes');
  return { ok: true, exitCode: 0 };
}

function setPaused(sim: SimRack, componentId: string, paused: boolean, io: Io): ActionOutcome {
  if (!sim.data().backups.some((b) => b.id === componentId)) return { ok: false, error: `no backup component ${componentId}` };
  io.output(`${paused ? 'pausing' : 'resuming'} scheduled backups of ${componentId}...`);
  sim.setBackupsPaused(componentId, paused);
  io.output(paused ? `backups of ${componentId} paused: no new upload can push good versions out` : `backups of ${componentId} resumed`);
  return { ok: true, exitCode: 0 };
}

function restore(sim: SimRack, componentId: string, versionId: string, io: Io): ActionOutcome {
  const component = sim.data().backups.find((b) => b.id === componentId);
  const version = component?.versions.find((v) => v.versionId === versionId);
  if (!component || !version) return { ok: false, error: `backup ${componentId} has no version ${versionId}` };
  io.output(`downloading ${version.key} version ${versionId.slice(0, 8)} (${formatBytes(version.size)}, taken ${new Date(version.time).toISOString()})`);
  io.output(`restoring ${componentId} version ${versionId.slice(0, 8)}...`);
  sim.restoreBackup(componentId, versionId);
  io.output(`restoring ${componentId} version ${versionId.slice(0, 8)}... done`);
  return { ok: true, exitCode: 0 };
}

async function wait(clock: Clock, ms: number, io: Io): Promise<ActionOutcome> {
  io.output(`waiting ${Math.round(ms / 1000)} s`);
  await sleep(clock, ms, io.signal);
  return { ok: true, exitCode: 0 };
}

function text(args: Args, name: string): string {
  const v = args[name];
  if (typeof v !== 'string' || v === '') throw new Error(`sim action needs a text argument "${name}"`);
  return v;
}

function number(args: Args, name: string): number {
  const v = args[name];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`sim action needs a non-negative number "${name}"`);
  return v;
}

function stringList(args: Args, name: string): readonly string[] {
  const v = args[name];
  if (!Array.isArray(v) || v.length === 0) throw new Error(`sim action needs a non-empty list "${name}"`);
  return v as readonly string[];
}
