import type { Config } from '../../src/config';
import { defaultStateDir } from '../../src/wizards/engine/state-files';
import { bootstrapRunbook, firstBackupPending } from '../../src/wizards/runbooks/bootstrap';
import { bootstrapCommands, bootstrapSettings } from '../../src/wizards/runbooks/bootstrap-config';
import type { LiveSources } from '../../src/wizards/runbooks/bootstrap-live';
import type { Io } from '../io';
import type { OperatorSide } from './operator-side';
import { runRealWizard } from './run-real-wizard';

/** The live sources of the config, by what each bootstrap step is verified with (bootstrap-live.ts). */
export function liveSourcesOf(config: Config): LiveSources {
  const k = config.kubernetes;
  return {
    ...(k?.initial ? { initial: k.initial } : {}),
    ...(k?.garden ? { garden: k.garden } : {}),
    nested: k?.nested.map((n) => n.shoot) ?? [],
    ...(config.metalApi ? { metalApi: config.metalApi.url } : {}),
    backups: config.backups.map((b) => b.id),
    switches: config.switches.map((s) => s.name),
  };
}

/**
 * `rackpilot bootstrap` on a real rack: the commands of `wizards.bootstrap` (or the defaults) run through the real
 * executor, in MEP-18's order, each step verified from the live sources `status` reads (the store over the config's
 * sources) or, where the config has none for it, confirmed by hand. Lock, journal, audit log and resume are those of
 * `recover` (run-real-wizard.ts); a command a crash cut off is run again only when the operator says so, unless its
 * step is marked idempotent.
 */
export function runRealBootstrap(o: { readonly config: Config; readonly io: Io; readonly dryRun: boolean; readonly fresh: boolean; readonly fromAudit: boolean; readonly side: OperatorSide }): Promise<number> {
  const { config } = o;
  const runbook = bootstrapRunbook({
    target: 'real',
    commands: bootstrapCommands(config.wizards),
    settings: bootstrapSettings(config.wizards),
    live: liveSourcesOf(config),
    ...(o.io.env.PATH !== undefined ? { path: o.io.env.PATH } : {}),
  });
  return runRealWizard({
    runbookId: 'bootstrap',
    config,
    env: o.io.env,
    stateDir: defaultStateDir(o.io.env),
    dryRun: o.dryRun,
    fresh: o.fresh,
    fromAudit: o.fromAudit,
    // The bring-up does not depend on what the rack looks like: the same runbook for a new or resumed run.
    build: () => ({ runbook }),
    pending: firstBackupPending,
    again: 'rackpilot bootstrap',
    side: o.side,
  });
}
