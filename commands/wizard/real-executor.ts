import type { Config } from '../../src/config';
import type { Executor } from '../../src/wizards/engine/types';
import { createRealExecutor } from '../../src/wizards/real-executor/real-executor';

/**
 * The executor a wizard command gets on a real rack: kube calls reach the contexts the config's `kubernetes:`
 * section names (the same the panes read), commands run as local processes. Not used by recover, bootstrap or
 * drill yet: they refuse a real rack until the live procedure (and its S3 calls) exists; see guard.ts.
 */
export function realExecutor(config: Config): Executor {
  return createRealExecutor(config.kubernetes ? { kubernetes: config.kubernetes } : {});
}
