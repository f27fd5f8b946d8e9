import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { makeTheme } from '../../views/theme';
import { ThemeProvider } from '../../views/theme-context';

/** Renders under a theme (default: colour, Unicode). ink-testing-library's stdout is 100 columns wide. */
export function renderThemed(tree: ReactElement, opts: { color?: boolean; ascii?: boolean } = {}) {
  const theme = makeTheme(opts);
  const instance = render(<ThemeProvider theme={theme}>{tree}</ThemeProvider>);
  // Re-render under the same provider, so the component updates in place instead of remounting.
  const rerender = (next: ReactElement) => instance.rerender(<ThemeProvider theme={theme}>{next}</ThemeProvider>);
  return { ...instance, rerender };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point.
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export function plain(frame: string | undefined): string {
  return (frame ?? '').replace(ANSI, '');
}

/** Foreground (3x, 9x) or background (4x, 10x) colour escapes, not bold/dim/inverse. */
export function hasColorEscape(frame: string | undefined): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point.
  return /\u001b\[(3[0-8]|9[0-7]|4[0-8]|10[0-7])[;m]/.test(frame ?? '');
}

/** Lets Ink process written input and re-render. */
export const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
