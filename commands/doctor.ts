import { SshPool } from '../src/clients/ssh/ssh-pool';
import { loadConfig } from '../src/config';
import { checkSwitch } from '../src/sources/ssh/check-switch';
import { UsageError } from '../src/errors';
import { doctorLines } from './doctor-lines';
import { EXIT } from '../src/present/verdict';
import { parseFlags } from './flags';
import type { Io } from './io';

export const DOCTOR_HELP = `Usage: rackpilot doctor [--config FILE] [--ascii]

Checks every switch in the config's switches: section, the way the sources
read it: SSH reachability, the host key against known_hosts, whether vtysh
answers with BGP JSON and whether lldpctl answers. One line per switch, a hint
under each failure.

  --config FILE     config file (default $XDG_CONFIG_HOME/rackpilot/config.yaml)
  --ascii           ASCII only
  -h, --help        show this help

Exit codes: 0 every switch passed, 2 at least one failed, 64 bad usage or config.
`;

export async function runDoctor(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseFlags(
    argv,
    { config: { type: 'string' }, ascii: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    'doctor',
  );
  if (values.help) {
    io.stdout(DOCTOR_HELP);
    return 0;
  }
  const loaded = await loadConfig({ flags: { config: values.config }, env: io.env });
  const { switches, ssh } = loaded.config;
  if (switches.length === 0) {
    throw new UsageError(`no switches to check: ${loaded.file ?? 'no config file found'} has no switches: section`, {
      hint: 'list your switches under switches: (name, role, address, user, identityFile); see README.md',
    });
  }
  io.stdout(`config ${loaded.file}: ${switches.length} switch${switches.length === 1 ? '' : 'es'}\n`);
  const pool = new SshPool(ssh);
  try {
    const checks = await Promise.all(switches.map((sw) => checkSwitch(sw, pool)));
    for (const line of doctorLines(checks, values.ascii)) io.stdout(`${line}\n`);
    const failed = checks.filter((c) => !c.ok).length;
    io.stdout(failed === 0 ? 'all switches passed\n' : `${failed} of ${checks.length} switches failed\n`);
    return failed === 0 ? 0 : EXIT.critical;
  } finally {
    await pool.close();
  }
}
