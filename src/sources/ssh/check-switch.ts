/**
 * `rackpilot doctor` for one switch: can we reach it, is its host key the one we know, and do FRR and lldpd
 * answer? Everything goes through the SwitchShell and the result checks the sources use, so a green doctor means
 * working polls.
 */
import { SshError, withoutSwitchName } from '../../clients/ssh/errors';
import type { CommandResult, HostKeyInfo, SwitchShell } from '../../clients/ssh/types';
import type { SwitchConfig } from '../../config';
import { describeError } from '../../errors';
import { visibleData } from '../../text/visible-data';
import { visibleText } from '../../text/visible-text';
import { commandName, judgeResult } from './command-result';
import { parseBgpSummary } from './parse-bgp-summary';
import { parseLldp } from './parse-lldp';

/** `vtysh`: it failed (bgpd down); `vtysh-output`: it answered with what is not FRR's JSON. */
export type CheckStage = 'ssh' | 'host-key' | 'vtysh' | 'vtysh-output' | 'lldpctl';

export interface SwitchCheck {
  readonly name: string;
  readonly endpoint: string;
  readonly ok: boolean;
  /** The stage that failed, when not ok. */
  readonly failed?: CheckStage;
  readonly hostKey?: HostKeyInfo;
  /** One line: what vtysh and lldpctl said, or why the check failed. */
  readonly detail: string;
  readonly hint?: string;
  readonly millis: number;
}

export function endpointOf(sw: SwitchConfig): string {
  const t = sw.target;
  const via = t.jumpHost ? ` via ${t.jumpHost.user}@${t.jumpHost.host}:${t.jumpHost.port}` : '';
  return `${t.user}@${t.host}:${t.port}${via}`;
}

type Outcome = { readonly result: CommandResult } | { readonly failure: Omit<SwitchCheck, 'name' | 'endpoint' | 'millis' | 'ok'> };

async function run(sw: SwitchConfig, shell: SwitchShell, argv: readonly string[]): Promise<Outcome> {
  try {
    return { result: await shell.run(sw.target, argv) };
  } catch (error) {
    const hostKeyFailure = error instanceof SshError && error.failure.startsWith('host-key');
    return {
      failure: {
        failed: hostKeyFailure ? 'host-key' : 'ssh',
        detail: withoutSwitchName(describeError(error), sw.name),
        ...(error instanceof SshError && error.hint ? { hint: error.hint } : {}),
      },
    };
  }
}

export async function checkSwitch(sw: SwitchConfig, shell: SwitchShell, now: () => number = Date.now): Promise<SwitchCheck> {
  const started = now();
  const base = { name: sw.name, endpoint: endpointOf(sw) };
  // doctor prints this without the store: what the switch said is made visible here, as the store does for polls.
  const done = (rest: Omit<SwitchCheck, 'name' | 'endpoint' | 'millis'>): SwitchCheck =>
    visibleData({ ...base, ...rest, detail: visibleText(rest.detail, 500), millis: now() - started });

  const bgpRun = await run(sw, shell, sw.commands.bgp);
  if ('failure' in bgpRun) return done({ ok: false, ...bgpRun.failure });
  const hostKey = shell.hostKey(sw.target);
  const withKey = hostKey ? { hostKey } : {};
  const bgp = judgeResult(bgpRun.result, sw.commands.bgp, (stdout) => parseBgpSummary(sw.name, stdout));
  if (!bgp.ok) return done({ ...withKey, ok: false, failed: bgp.kind === 'output' ? 'vtysh-output' : 'vtysh', detail: bgp.error });
  const established = bgp.value.sessions.filter((s) => s.state === 'Established').length;
  const bgpText = `${commandName(sw.commands.bgp)} answers: ${established}/${bgp.value.sessions.length} sessions Established`;

  const lldpRun = await run(sw, shell, sw.commands.lldp);
  if ('failure' in lldpRun) return done({ ...withKey, ok: false, ...lldpRun.failure, detail: `${bgpText}; ${lldpRun.failure.detail}` });
  const lldp = judgeResult(lldpRun.result, sw.commands.lldp, parseLldp);
  if (!lldp.ok) return done({ ...withKey, ok: false, failed: 'lldpctl', detail: `${bgpText}; ${lldp.error}` });
  const neighbours = lldp.value.length;
  return done({ ...withKey, ok: true, detail: `${bgpText}; ${commandName(sw.commands.lldp)}: ${neighbours} neighbour${neighbours === 1 ? '' : 's'}` });
}
