import type { Config } from '../../src/config';
import { UsageError } from '../../src/errors';

/**
 * What the wizard commands refuse on a real rack. --auto types the confirmations itself, so it exists for the
 * simulator only: no flag may skip a human's confirmation on a real rack. `recover` runs on a real rack whose
 * config says where the databases run (`kubernetes:`) and where their backups are (`backups:`), and so does
 * `drill --real` (which breaks the rack first, confirmed by typing). `bootstrap` needs nothing more: a step whose
 * live source the config lacks is confirmed by hand.
 */
export function guardRealRack(config: Config, command: string, flags: { readonly auto?: boolean | undefined }): void {
  if (config.mode !== 'real') return;
  if (flags.auto) {
    throw new UsageError(`${command}: --auto is for the simulated rack only`, {
      hint: 'on a real rack every step is confirmed by a person; run without --auto',
    });
  }
  if (command === 'recover' || command === 'drill') {
    const missing = [...(config.kubernetes ? [] : ['a kubernetes: section (where the databases run)']), ...(config.backups.length ? [] : ['a backups: component (where their backups are)'])];
    if (missing.length === 0) return;
    throw new UsageError(`${command}: on a real rack the config needs ${missing.join(' and ')}`, { hint: 'see README: Recovery on a real rack' });
  }
}

/** --speed: rack time per wall time on the simulator. */
export function parseSpeed(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n >= 1 && n <= 100_000)) {
    throw new UsageError(`--speed: expected a number from 1 to 100000, got "${value}"`);
  }
  return n;
}
