import { quoteArg } from '../../shell-quote';
import type { ActionSpec } from './types';

/**
 * The exact thing an action will do, as shown before it runs (screen, line mode). Arguments that a shell would
 * split or expand are shown quoted so what the operator reads is unambiguous; nothing is ever run through a shell.
 */
export function specText(spec: ActionSpec): string {
  switch (spec.kind) {
    case 'command':
      return `$ ${spec.argv.map(quoteArg).join(' ')}`;
    case 'api':
      return `${spec.target} ${spec.method} ${spec.path}`;
    case 'sim':
      return `sim ${spec.op} ${Object.entries(spec.args)
        .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
        .join(' ')}`;
  }
}
