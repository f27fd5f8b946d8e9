/**
 * The switches' SSH shell, its client (src/clients/ssh and node-ssh) imported on the first command, so the way to
 * the first frame loads none of it. Behaves as the SshPool it stands for: the same pool, the same host-key checks.
 */
import type { SshPool } from '../src/clients/ssh/ssh-pool';
import type { CommandResult, HostKeyInfo, SshPoolOptions, SshTarget, SwitchShell } from '../src/clients/ssh/types';

export function lazySshPool(options: SshPoolOptions): SwitchShell {
  let pool: Promise<SshPool> | undefined;
  let loaded: SshPool | undefined;
  const get = () => {
    pool ??= import('../src/clients/ssh/ssh-pool').then((m) => {
      loaded = new m.SshPool(options);
      return loaded;
    });
    return pool;
  };
  return {
    run: async (target: SshTarget, argv: readonly string[], signal?: AbortSignal): Promise<CommandResult> => (await get()).run(target, argv, signal),
    hostKey: (target: SshTarget): HostKeyInfo | undefined => loaded?.hostKey(target),
    // Nothing to close before the first command; one loading now is closed once it is there.
    close: async () => {
      if (pool) await (await pool).close();
    },
  };
}
