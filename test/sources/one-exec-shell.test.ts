import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SshError } from '../../src/clients/ssh/errors';
import type { CommandResult, SshTarget, SwitchShell } from '../../src/clients/ssh/types';
import { commandLine } from '../../src/shell-quote';
import { oneExecPerSwitch } from '../../src/sources/ssh/one-exec-shell';

const target = (name: string): SshTarget => ({ name, host: `${name}.mgmt`, port: 22, user: 'admin', knownHosts: '/dev/null', trustOnFirstUse: false });

/** Runs each command line in a local POSIX shell, as the switch's login shell would: a stand-in for SSH. */
class LocalShell implements SwitchShell {
  readonly lines: string[] = [];
  constructor(private readonly answer?: (line: string) => CommandResult | undefined) {}
  run(_t: SshTarget, argv: readonly string[], signal?: AbortSignal): Promise<CommandResult> {
    const line = commandLine(argv);
    this.lines.push(line);
    const fixed = this.answer?.(line);
    if (fixed) return Promise.resolve(fixed);
    return new Promise((resolve) => {
      execFile('sh', ['-c', line], { ...(signal ? { signal } : {}) }, (error, stdout, stderr) => {
        const code = error && typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code as number) : error ? null : 0;
        resolve({ stdout, stderr, code });
      });
    });
  }
  hostKey() {
    return undefined;
  }
  async close() {}
}

describe('commands for one switch asked for together run as one exec (stand-in: a local sh for the switch)', () => {
  it('runs both in one exec and gives each command its own stdout, stderr and exit code', async () => {
    const inner = new LocalShell();
    const shell = oneExecPerSwitch(inner);
    const [bgp, lldp] = await Promise.all([
      shell.run(target('spine'), ['sh', '-c', 'printf "no bgpd\\n" >&2; exit 1']),
      shell.run(target('spine'), ['sh', '-c', 'printf "{\\"lldp\\": []}"; printf "warn\\n" >&2']),
    ]);
    expect(inner.lines).toHaveLength(1);
    expect(bgp).toEqual({ stdout: '', stderr: 'no bgpd\n', code: 1 });
    expect(lldp).toEqual({ stdout: '{"lldp": []}', stderr: 'warn\n', code: 0 });
  });

  it('keeps output that ends with or without a newline as the command printed it', async () => {
    const shell = oneExecPerSwitch(new LocalShell());
    const [a, b] = await Promise.all([shell.run(target('leaf01'), ['printf', 'one\\ntwo\\n']), shell.run(target('leaf01'), ['printf', 'three'])]);
    expect(a.stdout).toBe('one\ntwo\n');
    expect(b.stdout).toBe('three');
  });

  it('runs a command asked for alone as it is, and commands for different switches apart', async () => {
    const inner = new LocalShell();
    const shell = oneExecPerSwitch(inner);
    await Promise.all([shell.run(target('spine'), ['echo', 'a']), shell.run(target('leaf01'), ['echo', 'b'])]);
    expect(inner.lines.sort()).toEqual(['echo a', 'echo b']);
  });

  it('a switch that does not answer with the markers gets each command on its own, now and later', async () => {
    // A wrapper that ignores what it is asked and prints one thing.
    const inner = new LocalShell((line) => (line.startsWith('sh -c') ? { stdout: 'restricted shell', stderr: '', code: 0 } : undefined));
    const shell = oneExecPerSwitch(inner);
    const answers = await Promise.all([shell.run(target('spine'), ['echo', 'a']), shell.run(target('spine'), ['echo', 'b'])]);
    expect(answers.map((r) => r.stdout)).toEqual(['a\n', 'b\n']);
    inner.lines.length = 0;
    await Promise.all([shell.run(target('spine'), ['echo', 'c']), shell.run(target('spine'), ['echo', 'd'])]);
    expect(inner.lines.sort()).toEqual(['echo c', 'echo d']);
  });

  it('one command hanging does not fail the other: after the combined exec timed out, each runs on its own (for 10 minutes)', async () => {
    let clock = 0;
    const lines: string[] = [];
    // The switch: lldpctl hangs, so the combined exec times out; alone, vtysh answers and lldpctl times out itself.
    const inner: SwitchShell = {
      run: (t, argv) => {
        lines.push(argv[0] ?? '');
        if (argv[0] === 'sh' || argv[0] === 'lldpctl') return Promise.reject(new SshError(t.name, 'timeout', `${t.name}: \`${argv[0]}\` timed out after 3 s`));
        return Promise.resolve({ stdout: 'bgp', stderr: '', code: 0 });
      },
      hostKey: () => undefined,
      close: async () => {},
    };
    const shell = oneExecPerSwitch(inner, () => clock);
    const [bgp, lldp] = await Promise.allSettled([shell.run(target('leaf01'), ['vtysh']), shell.run(target('leaf01'), ['lldpctl'])]);
    expect(bgp).toEqual({ status: 'fulfilled', value: { stdout: 'bgp', stderr: '', code: 0 } });
    expect(lldp.status === 'rejected' && String(lldp.reason)).toMatch(/`lldpctl` timed out/);
    expect(lines).toEqual(['sh', 'vtysh', 'lldpctl']);
    lines.length = 0;
    await Promise.allSettled([shell.run(target('leaf01'), ['vtysh']), shell.run(target('leaf01'), ['lldpctl'])]);
    expect(lines).toEqual(['vtysh', 'lldpctl']);
    clock += 10 * 60_000 + 1;
    lines.length = 0;
    await Promise.allSettled([shell.run(target('leaf01'), ['vtysh']), shell.run(target('leaf01'), ['lldpctl'])]);
    expect(lines[0]).toBe('sh');
  });

  it('a failed exec fails every command in it; an aborted caller is answered at once, the other still gets its answer', async () => {
    const failing: SwitchShell = { run: (t) => Promise.reject(new SshError(t.name, 'connect', `${t.name}: connection refused`)), hostKey: () => undefined, close: async () => {} };
    const shell = oneExecPerSwitch(failing);
    const results = await Promise.allSettled([shell.run(target('spine'), ['a']), shell.run(target('spine'), ['b'])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);

    const slow = oneExecPerSwitch(new LocalShell());
    const stop = new AbortController();
    const cut = slow.run(target('spine'), ['sleep', '0.3'], stop.signal);
    const kept = slow.run(target('spine'), ['echo', 'kept']);
    stop.abort();
    await expect(cut).rejects.toThrow(/aborted/);
    expect((await kept).stdout).toBe('kept\n');
  });
});
