import type { ContextCheck } from '../src/sources/kube/check-context';
import type { MetalApiCheck } from '../src/sources/metal-api/check-metal-api';
import type { BackupCheck } from '../src/sources/s3/check-backup';
import type { SwitchCheck } from '../src/sources/ssh/check-switch';
import { bgpdHint, lldpHint, outputHint, sshHint } from '../src/health/switch-hints';
import { wrap } from '../src/present/status-report';
import { textWidth } from '../src/present/table-layout';

const padEnd = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - textWidth(text)));

/**
 * Per switch: name, verdict, endpoint and time on the first line; under it, indented, what vtysh and lldpctl said,
 * for a failure a hint line (→) saying what to do, and the host key. Every line fits 80 columns (a jump host's
 * terminal): long text wraps under the indent instead of running on.
 */
export function doctorLines(checks: readonly SwitchCheck[], ascii = false): string[] {
  const nameWidth = Math.max(6, ...checks.map((c) => c.name.length));
  const endWidth = Math.max(8, ...checks.map((c) => c.endpoint.length));
  const indent = ' '.repeat(nameWidth + 2);
  const lines: string[] = [];
  const under = (text: string, mark = '') => lines.push(...wrap(`${indent}${mark}${text}`, `${indent}${' '.repeat(mark.length)}`));
  for (const c of checks) {
    lines.push(...wrap([padEnd(c.name, nameWidth), c.ok ? 'ok  ' : 'FAIL', padEnd(c.endpoint, endWidth), `${c.millis} ms`].join('  '), indent));
    under(c.detail);
    const hint = c.ok ? undefined : hintFor(c);
    if (hint) under(hint, ascii ? '-> ' : '→ ');
    if (c.hostKey) under(`host key ${c.hostKey.type} ${c.hostKey.fingerprint}${c.hostKey.status === 'recorded' ? ' (recorded now)' : ''}`);
  }
  return lines;
}

/** The check's own hint (a host key, a login), else the advice the findings give for the stage that failed. */
function hintFor(c: SwitchCheck): string | undefined {
  if (c.hint) return c.hint;
  switch (c.failed) {
    case 'ssh':
      return sshHint(c.name);
    case 'vtysh':
      return bgpdHint(c.name);
    case 'vtysh-output':
      return outputHint(c.name);
    case 'lldpctl':
      return lldpHint(c.name);
    default:
      return undefined;
  }
}

/** One line per Kubernetes context: its role, verdict, context and server, version, what may be read or why not. */
export function contextLines(checks: readonly ContextCheck[]): string[] {
  const roleWidth = Math.max(6, ...checks.map((c) => c.role.length));
  return checks.map((c) =>
    [padEnd(c.role, roleWidth), c.ok ? 'ok  ' : 'FAIL', `${c.context}${c.server ? ` ${c.server}` : ''}`, ...(c.version ? [c.version] : []), `${c.detail} (${c.millis} ms)`].join('  '),
  );
}

/** metal-api: verdict, URL, version, health and auth or why not. */
export function metalApiLine(c: MetalApiCheck): string {
  return ['metal-api', c.ok ? 'ok  ' : 'FAIL', c.url, ...(c.version ? [c.version] : []), `${c.detail} (${c.millis} ms)`].join('  ');
}

/** One line per backup component: id, verdict, endpoint/bucket/prefix, what its store holds or why not. */
export function backupLines(checks: readonly BackupCheck[]): string[] {
  const idWidth = Math.max(6, ...checks.map((c) => c.id.length));
  return checks.map((c) => [padEnd(c.id, idWidth), c.ok ? 'ok  ' : 'FAIL', c.where, `${c.detail} (${c.millis} ms)`].join('  '));
}
