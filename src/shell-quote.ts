/**
 * Quoting for a POSIX shell, in one place: SSH carries one command string that the remote login shell splits
 * again, and the wizards show the commands they will run (executed without a shell) as the same unambiguous
 * line. Plain safe words stay as they are (readable), anything else goes in single quotes.
 */

/** Characters no POSIX shell gives a meaning to; `=` not first, as zsh expands a leading `=cmd` to a path. */
const SAFE_WORD = /^[A-Za-z0-9_@%+:,./-][A-Za-z0-9_@%+=:,./-]*$/;

export function quoteArg(arg: string): string {
  if (SAFE_WORD.test(arg)) return arg;
  // Inside single quotes nothing is special except the quote itself: close, add an escaped quote, reopen.
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** The remote command line for argv; an empty argument stays an argument (''). */
export function commandLine(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('commandLine: argv is empty');
  return argv.map(quoteArg).join(' ');
}
