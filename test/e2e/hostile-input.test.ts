/**
 * The hostile-input suite: every mutated output of the fault report, served by a real SSH server (the ssh2 test
 * server, real protocol, host keys checked) to the built program, as `status` and `status --json` read it.
 * Nothing a switch prints may reach the terminal raw, forge a line, or pass for a healthy answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_CASES, RAW_IN_OUTPUT } from '../fixtures/hostile/mutations';
import { type HostileRack, serveHostileCases } from '../fixtures/hostile/serve';
import { killedAfterEach, testDir } from '../helpers/cleanup';
import { runCliAsync } from '../helpers/run-cli';


const dir = testDir('rackpilot-hostile-');
const children = killedAfterEach();
let rack: HostileRack | undefined;

const cli = (args: readonly string[]) => runCliAsync(args, { HOME: dir }, children);

beforeAll(async () => {
  rack = await serveHostileCases(HOSTILE_CASES, dir);
});
afterAll(async () => {
  await rack?.server.close();
});

/** Every string in a parsed JSON value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) strings(v, strings(k, out));
  return out;
}

describe('status on hostile switch output, over real SSH', { timeout: 60_000 }, () => {
  it.each(HOSTILE_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const config = rack?.configs.get(c.name) as string;
    const [text, json] = await Promise.all([cli(['status', '--config', config]), cli(['status', '--json', '--config', config])]);
    // Nothing raw reaches the terminal, on either stream.
    expect(text.stdout).not.toMatch(RAW_IN_OUTPUT);
    expect(text.stderr).not.toMatch(RAW_IN_OUTPUT);
    expect(json.stderr).not.toMatch(RAW_IN_OUTPUT);
    expect(text.code, text.stdout + text.stderr).toBe(c.exit);
    expect(json.code).toBe(c.exit);
    // No forged line: what a switch said stays inside the line that quotes it.
    for (const line of text.stdout.split('\n')) expect(line).not.toMatch(/^\s*CRIT\s+fake injected/);
    // status wraps long findings at 80 columns; read them unwrapped.
    const unwrapped = text.stdout.replace(/\n\s+/g, ' ');
    for (const shown of c.shows ?? []) expect(unwrapped).toContain(shown);
    // The JSON parses, and its one-line fields are one line.
    const parsed = JSON.parse(json.stdout) as { findings: Array<{ rule: string; subject: { id: string }; summary: string; hint: string }>; sources: Array<{ name: string; state: string }> };
    expect(strings(parsed).filter((s) => RAW_IN_OUTPUT.test(s) || s.includes('\n'))).toEqual([]);
    const found = parsed.findings.map((f) => [f.rule, f.subject.id]);
    for (const f of c.findings ?? []) expect(found).toContainEqual(f);
    const failing = parsed.sources.filter((s) => s.state === 'error').map((s) => s.name);
    expect(failing.sort()).toEqual([...(c.failing ?? [])].sort());
  });
});
