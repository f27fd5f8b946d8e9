import type { Config } from '../../src/config';
import { resolveAscii, resolveColor } from '../../views/theme';
import type { SideMode } from './operator-side';

/** Colour and ASCII as the config and the terminal ask for them: shared by the TUI and the wizard screen. */
export function displayOptions(config: Config, env: NodeJS.ProcessEnv): { color: boolean; ascii: boolean } {
  const color = config.ui.color === 'auto' ? resolveColor({ env }) : config.ui.color === 'always';
  return { color, ascii: config.ui.ascii || resolveAscii({ env }) };
}

/**
 * The full-screen wizard when a person is at a terminal (stdin and stdout TTYs) and will answer it; line mode for
 * pipes and scripts; --auto and --dry-run print as they go (their output is the point). Shared by recover,
 * bootstrap and drill.
 */
export function sideMode(flags: { readonly auto?: boolean | undefined; readonly 'dry-run'?: boolean | undefined }): SideMode {
  if (flags['dry-run']) return 'dry-run';
  if (flags.auto) return 'auto';
  return process.stdin.isTTY && process.stdout.isTTY ? 'screen' : 'line';
}
