// Quoting argv for the remote POSIX shell, checked by letting the real /bin/sh split the line again.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commandLine, quoteArg } from '../src/shell-quote';

/** What sh makes of the line: each argument printed NUL-terminated. */
function splitBySh(line: string): string[] {
  const out = execFileSync('sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('shell quoting', () => {
  it('leaves plain words as they are and single-quotes the rest', () => {
    expect(commandLine(['vtysh', '-c', 'show bgp vrf all summary json'])).toBe("vtysh -c 'show bgp vrf all summary json'");
    expect(quoteArg("it's")).toBe(`'it'\\''s'`);
    expect(quoteArg('')).toBe("''");
    expect(quoteArg('--json=x')).toBe('--json=x');
    expect(quoteArg('=cmd')).toBe("'=cmd'");
    expect(quoteArg('~root')).toBe("'~root'");
  });

  it('round-trips awkward arguments through a real sh unchanged', () => {
    const argv = ["it's", '', ' ', '$(reboot)', '`id`', 'a;b|c&d', '*', '$HOME', '"q"', 'back\\slash', 'new\nline', 'ümlaut ✓', "''", '-n', '=x', '~', '#x'];
    expect(splitBySh(commandLine(argv))).toEqual(argv);
  });

  it('refuses an empty argv', () => {
    expect(() => commandLine([])).toThrow('argv is empty');
  });
});
