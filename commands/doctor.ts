import { SshPool } from '../src/clients/ssh/ssh-pool';
import { loadConfig } from '../src/config';
import { checkSwitch } from '../src/sources/ssh/check-switch';
import { UsageError } from '../src/errors';
import type { KubernetesConfig } from '../src/config/kubernetes';
import { CLUSTER_NEEDS, checkContext, GARDEN_NEEDS } from '../src/sources/kube/check-context';
import { backupLines, contextLines, doctorLines, metalApiLine } from './doctor-lines';
import { checkBackup } from '../src/sources/s3/check-backup';
import { backupSources } from './backup-sources';
import { checkMetalApi } from '../src/sources/metal-api/check-metal-api';
import { connectContext } from './kube-sources';
import { open } from './metal-api-sources';
import { EXIT } from '../src/present/verdict';
import { parseFlags } from './flags';
import type { Io } from './io';

export const DOCTOR_HELP = `Usage: rackpilot doctor [--config FILE] [--ascii]

Checks every switch in the config's switches: section, the way the sources
read it: SSH reachability, the host key against known_hosts, whether vtysh
answers with BGP JSON and whether lldpctl answers. One line per switch, a hint
under each failure. Then every context of the kubernetes: section: reachable,
authenticated, server version, and whether everything its source reads may
be listed and watched. Then metal-api: its health, version, and whether the
configured HMAC key or token is accepted. Then every backup component of the
backups: section, read once as the console reads it: bucket versioning, its
versions and the newest, the lifecycle rule, or why the store cannot be read.

  --config FILE     config file (default $XDG_CONFIG_HOME/rackpilot/config.yaml)
  --ascii           ASCII only
  -h, --help        show this help

Exit codes: 0 every check passed, 2 at least one failed, 64 bad usage or config.
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
  const { switches, ssh, kubernetes, metalApi, backups } = loaded.config;
  if (switches.length === 0 && !kubernetes && !metalApi && backups.length === 0) {
    throw new UsageError(`nothing to check: ${loaded.file ?? 'no config file found'} has no switches:, kubernetes:, metalApi: or backups: section`, {
      hint: 'list your switches under switches: (name, role, address, user, identityFile), your contexts under kubernetes:, metal-api under metalApi: or backup stores under backups:; see README.md',
    });
  }
  let failed = 0;
  if (switches.length > 0) {
    io.stdout(`config ${loaded.file}: ${switches.length} switch${switches.length === 1 ? '' : 'es'}\n`);
    const pool = new SshPool(ssh);
    try {
      const checks = await Promise.all(switches.map((sw) => checkSwitch(sw, pool)));
      for (const line of doctorLines(checks, values.ascii)) io.stdout(`${line}\n`);
      const bad = checks.filter((c) => !c.ok).length;
      io.stdout(bad === 0 ? 'all switches passed\n' : `${bad} of ${checks.length} switches failed\n`);
      failed += bad;
    } finally {
      await pool.close();
    }
  }
  if (kubernetes) failed += await checkContexts(kubernetes, io);
  if (metalApi) {
    const check = await checkMetalApi(() => open(metalApi, io.env), metalApi.url);
    io.stdout(`${metalApiLine(check)}\n`);
    failed += check.ok ? 0 : 1;
  }
  if (backups.length > 0) {
    const sources = backupSources(backups, loaded.config.rack.networks, io.env);
    const checks = await Promise.all(backups.map((b, i) => checkBackup(b.id, `${b.endpoint}/${b.bucket}/${b.prefix}`, sources[i] as (typeof sources)[number])));
    for (const line of backupLines(checks)) io.stdout(`${line}\n`);
    failed += checks.filter((c) => !c.ok).length;
  }
  return failed === 0 ? 0 : EXIT.critical;
}

async function checkContexts(k: KubernetesConfig, io: Io): Promise<number> {
  const roles = [
    ...(k.garden ? [{ role: 'garden', context: k.garden, needs: GARDEN_NEEDS }] : []),
    ...(k.initial ? [{ role: 'initial', context: k.initial, needs: CLUSTER_NEEDS }] : []),
    ...k.nested.map((n) => ({ role: n.shoot, context: n.context, needs: CLUSTER_NEEDS })),
  ];
  io.stdout(`kubeconfig ${k.kubeconfig.join(':')}: ${roles.length} context${roles.length === 1 ? '' : 's'}\n`);
  const checks = await Promise.all(roles.map((r) => checkContext(r.role, r.context, () => connectContext(k, r.context), r.needs)));
  for (const line of contextLines(checks)) io.stdout(`${line}\n`);
  const bad = checks.filter((c) => !c.ok).length;
  io.stdout(bad === 0 ? 'all contexts passed\n' : `${bad} of ${checks.length} contexts failed\n`);
  return bad;
}
