/**
 * `rackpilot doctor` for one switch: can we reach it, is its host key the one we know, and does FRR answer?
 * Everything goes through the same SwitchShell the BGP source uses, so a green doctor means a working poll.
 */
import { SshError, withoutSwitchName } from '../clients/ssh/errors';
import type { HostKeyInfo, SwitchShell } from '../clients/ssh/types';
import type { SwitchConfig } from '../config';
import { describeError } from '../errors';
import { parseBgpSummary } from '../sources/ssh/parse-bgp-summary';

export type CheckStage = 'ssh' | 'host-key' | 'vtysh';

export interface SwitchCheck {
  readonly name: string;
  readonly endpoint: string;
  readonly ok: boolean;
  /** The stage that failed, when not ok. */
  readonly failed?: CheckStage;
  readonly hostKey?: HostKeyInfo;
  /** One line: what vtysh said, or why the check failed. */
  readonly detail: string;
  readonly hint?: string;
  readonly millis: number;
}

export function endpointOf(sw: SwitchConfig): string {
  const t = sw.target;
  const via = t.jumpHost ? ` via ${t.jumpHost.user}@${t.jumpHost.host}:${t.jumpHost.port}` : '';
  return `${t.user}@${t.host}:${t.port}${via}`;
}

export async function checkSwitch(sw: SwitchConfig, shell: SwitchShell, now: () => number = Date.now): Promise<SwitchCheck> {
  const started = now();
  const base = { name: sw.name, endpoint: endpointOf(sw) };
  const done = (rest: Omit<SwitchCheck, 'name' | 'endpoint' | 'millis'>): SwitchCheck => ({ ...base, ...rest, millis: now() - started });
  let result: Awaited<ReturnType<SwitchShell['run']>>;
  try {
    result = await shell.run(sw.target, sw.commands.bgp);
  } catch (error) {
    const hostKeyFailure = error instanceof SshError && error.failure.startsWith('host-key');
    return done({
      ok: false,
      failed: hostKeyFailure ? 'host-key' : 'ssh',
      detail: withoutSwitchName(describeError(error), sw.name),
      ...(error instanceof SshError && error.hint ? { hint: error.hint } : {}),
    });
  }
  const hostKey = shell.hostKey(sw.target);
  const withKey = hostKey ? { hostKey } : {};
  const command = sw.commands.bgp[0] ?? 'vtysh';
  if (result.code !== 0) {
    const said = firstLine(result.stderr) || firstLine(result.stdout) || 'no output';
    return done({ ...withKey, ok: false, failed: 'vtysh', detail: `${command}: ${said} (exit ${result.code ?? 'signal'})` });
  }
  try {
    const { sessions } = parseBgpSummary(sw.name, result.stdout);
    const established = sessions.filter((s) => s.state === 'Established').length;
    return done({ ...withKey, ok: true, detail: `${command} answers: ${established}/${sessions.length} sessions Established` });
  } catch (error) {
    return done({ ...withKey, ok: false, failed: 'vtysh', detail: `${command}: ${describeError(error)}` });
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}
