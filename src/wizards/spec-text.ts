import type { ActionSpec } from './types';

/**
 * The exact thing an action will do, as shown before it runs (screen, line mode). Arguments with spaces or
 * quotes are shown shell-quoted so what the operator reads is unambiguous; nothing is ever run through a shell.
 */
export function specText(spec: ActionSpec): string {
  switch (spec.kind) {
    case 'command':
      return `$ ${spec.argv.map((a) => (/[\s'"$`\\]/.test(a) ? `'${a.replaceAll("'", "'\\''")}'` : a)).join(' ')}`;
    case 'api':
      return `${spec.target} ${spec.method} ${spec.path}`;
    case 'sim':
      return `sim ${spec.op} ${Object.entries(spec.args)
        .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
        .join(' ')}`;
  }
}
