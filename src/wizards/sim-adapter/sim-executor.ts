import type { Clock } from '../../clock';
import { describeError } from '../../errors';
import type { SimRack } from '../../sim/engine';
import { formatBytes } from '../../text/format-bytes';
import type { Effect } from '../engine/calls';
import { sleep } from '../engine/sleep';
import type { ActionOutcome, Executor } from '../engine/types';

type Io = Parameters<Executor['run']>[1];

/**
 * Performs actions on the embedded rack: the stand-in for kubectl, S3, ssh and metalctl until real executors exist.
 * It performs each action's effect (what the real calls would change), never the calls themselves, so nothing a
 * runbook says about real infrastructure is ever faked as having run.
 */
export function createSimExecutor(sim: SimRack, clock: Clock): Executor {
  return {
    kind: 'sim',
    async run(action, io) {
      try {
        io.signal.throwIfAborted();
        // Operations happen at the present: without catching up, a power-on would be applied in the sim's past.
        sim.advanceTo(clock.now());
        return await perform(sim, clock, action.effect, io);
      } catch (error) {
        return { ok: false, error: describeError(error) };
      }
    },
  };
}

/** One effect on the sim; also used to replay the done actions of a journal onto a rebuilt rack. */
export async function perform(sim: SimRack, clock: Clock, e: Effect, io: Io): Promise<ActionOutcome> {
  const ok: ActionOutcome = { ok: true, exitCode: 0 };
  const component = 'component' in e ? e.component : undefined;
  if (component !== undefined && !sim.data().backups.some((b) => b.id === component)) return { ok: false, error: `no backup component ${component}` };
  switch (e.op) {
    case 'power-on':
    case 'reprovision-bootstrap': {
      const ids = e.op === 'power-on' ? e.ids : [e.id];
      const known = new Set([sim.layout.bootstrapId, ...sim.layout.machines.map((m) => m.id)]);
      const unknown = ids.filter((id) => !known.has(id));
      if (unknown.length > 0) return { ok: false, error: `no such node in the rack: ${unknown.join(', ')}` };
      if (e.op === 'reprovision-bootstrap' && sim.data().backups.some((b) => b.id === e.snapshotsOf)) sim.setBackupsPaused(e.snapshotsOf, true);
      // Named as the step and every pane name them ("power on machine01" -> "powering on machine01"), not by UUID.
      const names = ids.map((id) => sim.layout.machines.find((m) => m.id === id)?.name ?? (id === sim.layout.bootstrapId ? 'bootstrap' : id));
      io.output(`powering on ${names.length > 6 ? `${names.slice(0, 6).join(', ')} and ${names.length - 6} more` : names.join(', ')}`);
      sim.powerOn(ids);
      io.output('power-on sent; nodes boot and provision, which takes several minutes');
      return ok;
    }
    case 'stop-database':
      sim.stopDatabase(e.component);
      io.output(`${e.component}: StatefulSet scaled to 0; the database and its backups are stopped`);
      return ok;
    case 'start-database':
      sim.startDatabase(e.component);
      io.output(`${e.component}: StatefulSet scaled to 1; it restores the newest version if its data directory is empty`);
      return ok;
    case 'clear-data':
      sim.clearData(e.component);
      io.output(`${e.component}: data directory deleted`);
      return ok;
    case 'promote-version': {
      const v = sim.data().backups.find((b) => b.id === e.component)?.versions.find((x) => x.versionId === e.versionId);
      sim.promoteVersion(e.component, e.versionId);
      io.output(`${e.component}: version ${e.versionId.slice(0, 8)}${v ? ` (${formatBytes(v.size)})` : ''} copied onto its key: it is the newest version now`);
      return ok;
    }
    case 'set-aside-newer':
      sim.setAsideNewer(e.component, e.versionId);
      io.output(`${e.component}: snapshots newer than ${e.versionId.slice(0, 8)} moved aside`);
      return ok;
    case 'restore-snapshot':
      sim.restoreBackup(e.component, e.versionId);
      io.output(`${e.component}: snapshot ${e.versionId.slice(0, 8)} restored`);
      return ok;
    case 'pause-backups':
    case 'resume-backups':
      sim.setBackupsPaused(e.component, e.op === 'pause-backups');
      io.output(`scheduled backups of ${e.component} ${e.op === 'pause-backups' ? 'paused' : 'resumed'}`);
      return ok;
    case 'none':
      return ok;
    case 'wait':
      io.output(`waiting ${Math.round(e.ms / 1000)} s`);
      await sleep(clock, e.ms, io.signal);
      return ok;
  }
}
