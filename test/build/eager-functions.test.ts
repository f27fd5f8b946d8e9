// The bundle's top-level functions compile eagerly (scripts/eager-functions.mjs), so the compile cache holds them;
// the rewrite must not change what a module does: a function used before its declaration keeps its hoisting, one
// that assigns its own name stays a declaration, async functions and generators are left alone.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'acorn';
import { type BuildOptions, build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const { eagerFunctions } = (await import(join(ROOT, 'scripts', 'eager-functions.mjs'))) as { eagerFunctions: (code: string) => string };
const { writeOutputs } = (await import(join(ROOT, 'scripts', 'write-outputs.mjs'))) as {
  writeOutputs: (files: import('esbuild').OutputFile[]) => void;
};

const SAMPLE = `
export const early = later();
function later() { return 'hoisted'; }
function self() { self = () => 'replaced'; return 'first'; }
function plain(x = 1) { return x + 1; }
function counter() { counter.calls = (counter.calls ?? 0) + 1; return counter.calls; }
async function slow() { return 'async'; }
function* gen() { yield 'gen'; }
export const results = [plain(), plain(41), counter(), counter(), plain.name, plain.length, self(), self(), await slow(), [...gen()], plain instanceof Function];
`;

async function run(code: string): Promise<Record<string, unknown>> {
  const file = join(mkdtempSync(join(tmpdir(), 'rackpilot-eager-')), 'm.mjs');
  writeFileSync(file, code);
  return { ...(await import(pathToFileURL(file).href)) };
}

describe('eagerly compiled top-level functions', () => {
  it('become parenthesized expressions where that means the same, and the module computes what it did', async () => {
    const eager = eagerFunctions(SAMPLE);
    expect(eager).toContain('var plain = (function plain(x = 1)');
    expect(eager).toContain('var counter = (function counter()');
    // Used above its declaration (hoisting), assigns its own name, async, generator: left as they are.
    for (const kept of ['\nfunction later()', '\nfunction self()', '\nasync function slow()', '\nfunction* gen()']) expect(eager).toContain(kept);
    // A name beyond ASCII may be written escaped, where the hoisting test could not see it: left as well.
    const escaped = 'export const c = caf\\u00e9();\nfunction caf\\u00e9() { return 1; }\n';
    expect(eagerFunctions(escaped)).toBe(escaped);
    expect(await run(eager)).toEqual(await run(SAMPLE));
  });

  it('the real bundle: every chunk still parses and most of its top-level functions are eager', async () => {
    const { buildOptions } = (await import(join(ROOT, 'scripts', 'build-options.mjs'))) as { buildOptions: BuildOptions };
    const outdir = mkdtempSync(join(tmpdir(), 'rackpilot-eager-bundle-'));
    const { outputFiles } = await build({ ...buildOptions, absWorkingDir: ROOT, outdir, write: false, logLevel: 'silent' });
    writeOutputs(outputFiles);
    let eager = 0;
    for (const f of readdirSync(outdir, { recursive: true, encoding: 'utf8' }).filter((x) => x.endsWith('.js'))) {
      const code = readFileSync(join(outdir, f), 'utf8');
      expect(() => parse(code, { ecmaVersion: 'latest', sourceType: 'module' }), f).not.toThrow();
      eager += code.match(/^var [\w$]+ = \(function [\w$]+\(/gm)?.length ?? 0;
    }
    expect(eager).toBeGreaterThan(500);
  }, 60_000);
});
