/**
 * Command calls of the real executor against real processes (printf, sh, sleep, false): exit codes, timeouts,
 * abort, output streamed line by line with secrets redacted, a missing program, and argv passed literally.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RealCall } from '../../../src/wizards/engine/calls';
import type { Action } from '../../../src/wizards/engine/types';
import { createRealExecutor } from '../../../src/wizards/real-executor/real-executor';

const cmd = (argv: string[], timeout?: number): RealCall => ({ kind: 'command', argv, ...(timeout ? { timeout } : {}) });
const action = (...calls: RealCall[]): Action => ({ id: 'a', description: 'test action', effect: { op: 'none' }, calls, destructive: false });

async function run(calls: RealCall[], signal = new AbortController().signal) {
  const lines: { line: string; at: number }[] = [];
  const outcome = await createRealExecutor().run(action(...calls), { signal, output: (line) => lines.push({ line, at: Date.now() }) });
  return { outcome, lines: lines.map((l) => l.line), timed: lines };
}

describe('the real executor runs command calls as processes', () => {
  it('runs each call in order, writing the call before it runs, and ends ok with exit code 0', async () => {
    const { outcome, lines } = await run([cmd(['printf', 'one\\n']), cmd(['printf', 'two\\n'])]);
    expect(outcome).toEqual({ ok: true, exitCode: 0 });
    expect(lines).toEqual(["$ printf 'one\\n'", 'one', "$ printf 'two\\n'", 'two']);
  });

  it('stops at the first failing call with its exit code and a line naming it; later calls never run', async () => {
    const { outcome, lines } = await run([cmd(['false']), cmd(['printf', 'never'])]);
    expect(outcome).toEqual({ ok: false, exitCode: 1, error: 'call 1/2 (false): exit code 1' });
    expect(lines).toEqual(['$ false']);
  });

  it('passes every argument literally: spaces, quotes and shell metacharacters reach the program unchanged (no shell)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rackpilot-noshell-'));
    try {
      const nasty = ['a b', '$HOME', '`id`', '$(touch pwned)', '; touch pwned2', '*', `>${join(dir, 'out')}`, "it's", '"q"', 'x && y | z'];
      const { outcome, lines } = await run([cmd(['printf', '[%s]\\n', ...nasty])]);
      expect(outcome.ok).toBe(true);
      expect(lines.slice(1)).toEqual(nasty.map((a) => `[${a}]`));
      expect(existsSync(join(dir, 'out'))).toBe(false);
      expect(existsSync('pwned') || existsSync('pwned2')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('streams stdout and stderr line by line while the process runs, secrets redacted', async () => {
    const script = 'echo first; sleep 0.6; echo "password=hunter2" >&2; echo "token: abc123"; echo "Authorization: Bearer eyJsecret"; echo done';
    const started = Date.now();
    const { outcome, lines, timed } = await run([cmd(['sh', '-c', script])]);
    expect(outcome.ok).toBe(true);
    expect(lines[0]).toMatch(/^\$ sh -c .*password=\*\*\*/);
    expect(lines.slice(1)).toEqual(['first', 'password=***', 'token: ***', 'Authorization: Bearer ***', 'done']);
    expect(lines.join('\n')).not.toMatch(/hunter2|abc123|eyJsecret/);
    // "first" arrived before the process slept, not with the rest at its end.
    expect((timed[1]?.at ?? Infinity) - started).toBeLessThan((timed.at(-1)?.at ?? 0) - started - 400);
  });

  it('redacts a secret given on the command line in the line it writes before running', async () => {
    const { lines } = await run([cmd(['printf', 'x\\n', '--password=hunter2', '--token', 's3cr3t'])]);
    expect(lines[0]).toBe("$ printf 'x\\n' '--password=***' --token '***'");
  });

  it('stops a call at its timeout and says so', async () => {
    const started = Date.now();
    const { outcome } = await run([cmd(['sleep', '10'], 300)]);
    expect(outcome).toMatchObject({ ok: false, error: 'call 1/1 (sleep 10): timed out after 300 ms, stopped' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("stops the tool's whole process group: a child the tool started does not keep the call running", async () => {
    const started = Date.now();
    const timedOut = await run([cmd(['sh', '-c', 'sleep 20; echo late'], 300)]);
    expect(timedOut.outcome).toMatchObject({ ok: false, error: expect.stringMatching(/timed out after 300 ms, stopped$/) });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    const aborted = await run([cmd(['sh', '-c', 'sleep 20 & sleep 20; wait'])], ac.signal);
    expect(aborted.outcome).toMatchObject({ ok: false, error: expect.stringMatching(/cancelled, stopped$/) });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops a running call when the run is aborted, and runs nothing after an abort', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    const started = Date.now();
    const { outcome, lines } = await run([cmd(['sleep', '10']), cmd(['printf', 'never'])], ac.signal);
    expect(outcome).toMatchObject({ ok: false, error: 'call 1/2 (sleep 10): cancelled, stopped' });
    expect(lines).toEqual(['$ sleep 10']);
    expect(Date.now() - started).toBeLessThan(5_000);
    const again = await run([cmd(['printf', 'x'])], ac.signal);
    expect(again.outcome).toMatchObject({ ok: false, error: 'call 1/1 (printf x): cancelled before it started' });
  });

  it('says plainly when the program does not exist', async () => {
    const { outcome } = await run([cmd(['rackpilot-no-such-tool', '--help'])]);
    expect(outcome).toEqual({ ok: false, error: 'call 1/1 (rackpilot-no-such-tool --help): rackpilot-no-such-tool: no such program (is it installed and on PATH?)' });
  });

  it('fails S3 calls clearly when no S3 client was given for the run, without running anything after them', async () => {
    const s3: RealCall = { kind: 's3', op: 'head-object', endpoint: 'http://s3.local', bucket: 'b', key: 'k' };
    const { outcome, lines } = await run([s3, cmd(['printf', 'never'])]);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/^call 1\/2 \(aws s3api .*head-object.*\): no S3 client for this run \(no backups: component names this endpoint and bucket\); nothing was changed in S3$/);
    expect(lines).toHaveLength(1);
  });
});
