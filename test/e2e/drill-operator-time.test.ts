import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDir } from '../helpers/cleanup';
import { runCli } from '../helpers/run-cli';
import { wizard } from './wizard-run';

const dir = testDir('rackpilot-drill-time-');

const DRILL = ['drill', '--scenario', 'empty-backup-after-restart', '--seed', '5'];

/** "Machine time (the rack's own work): 3m 12s" -> ms */
function duration(out: string, label: string): number {
  const m = new RegExp(`${label}[^:]*: (?:(\\d+)h )?(?:(\\d+)m )?(\\d+)s`).exec(out);
  if (!m) throw new Error(`no "${label}" in:\n${out.slice(-2000)}`);
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3])) * 1000;
}

describe('a drill measures the machine and the operator apart (built program)', () => {
  it('an operator who reads 5 s at every prompt: the same machine time as --auto (within 10%), and the operator time on its own', { timeout: 120_000 }, async () => {
    const auto = runCli([...DRILL, '--auto'], { XDG_STATE_HOME: join(dir, 'auto') });
    expect(auto.code).toBe(0);
    const machineAuto = duration(auto.stdout, 'Machine time');
    expect(duration(auto.stdout, 'Operator time')).toBe(0);

    const person = wizard(DRILL, { HOME: dir, XDG_STATE_HOME: join(dir, 'person') }, undefined, 5000);
    const end = await person.exited(110_000);
    const out = person.output();
    expect(end.code, out.slice(-2000)).toBe(0);
    const machine = duration(out, 'Machine time');
    const operator = duration(out, 'Operator time');
    // At 300x, 5 s of reading would be 25 minutes of rack time per prompt if the simulated clock ran on.
    expect(Math.abs(machine - machineAuto)).toBeLessThanOrEqual(0.1 * machineAuto);
    expect(person.prompts()).toBeGreaterThanOrEqual(7);
    expect(operator).toBeGreaterThanOrEqual(person.prompts() * 5000 - 1000);
    expect(duration(out, 'RTO \\(machine')).toBe(machine + operator);
  });
});
