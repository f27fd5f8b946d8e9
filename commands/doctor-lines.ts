import type { ContextCheck } from '../src/sources/kube/check-context';
import type { MetalApiCheck } from '../src/sources/metal-api/check-metal-api';
import type { BackupCheck } from '../src/sources/s3/check-backup';
import type { SwitchCheck } from '../src/sources/ssh/check-switch';
import { textWidth } from '../src/present/table-layout';

const padEnd = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - textWidth(text)));

/** One line per switch: name, verdict, endpoint, host key, what vtysh said; a hint line under a failure. */
export function doctorLines(checks: readonly SwitchCheck[], ascii = false): string[] {
  const nameWidth = Math.max(6, ...checks.map((c) => c.name.length));
  const endWidth = Math.max(8, ...checks.map((c) => c.endpoint.length));
  const lines: string[] = [];
  for (const c of checks) {
    const verdict = c.ok ? 'ok  ' : 'FAIL';
    const key = c.hostKey ? `${c.hostKey.type} ${c.hostKey.fingerprint}${c.hostKey.status === 'recorded' ? ' (recorded now)' : ''}` : '';
    const parts = [padEnd(c.name, nameWidth), verdict, padEnd(c.endpoint, endWidth)];
    if (key) parts.push(key);
    parts.push(`${c.detail} (${c.millis} ms)`);
    lines.push(parts.join('  '));
    if (!c.ok && c.hint) lines.push(`${' '.repeat(nameWidth)}  ${ascii ? '->' : '→'} ${c.hint}`);
  }
  return lines;
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
