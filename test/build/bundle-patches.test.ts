// The bundle's edits to its dependencies (scripts/bundle-patches.mjs) must not change what they compute: the
// string-width fast path counts a cell per character only for characters string-width itself counts as one cell,
// Ink's output with its caches shared between frames (and characters shared between lines) draws what Ink draws,
// and every edit still finds its text in the installed dependency (else the build fails).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const { bundlePatches, ONE_CELL, PATCHES } = (await import(join(ROOT, 'scripts', 'bundle-patches.mjs'))) as {
  bundlePatches: import('esbuild').Plugin;
  ONE_CELL: string;
  PATCHES: { file: RegExp; find: string }[];
};

/** Every code point of the class `[...]` ONE_CELL spells. */
function codePoints(set: string): number[] {
  const out: number[] = [];
  for (const [, from, to] of set.matchAll(/\\u([0-9A-F]{4})-\\u([0-9A-F]{4})/g)) {
    for (let c = Number.parseInt(from ?? '', 16); c <= Number.parseInt(to ?? '', 16); c++) out.push(c);
  }
  return out;
}

describe('the bundle patches', () => {
  it('count one cell per character only where string-width does', () => {
    const points = codePoints(ONE_CELL);
    expect(points.length).toBeGreaterThan(500);
    const wrong = points.filter((c) => stringWidth(String.fromCodePoint(c)) !== 1).map((c) => `U+${c.toString(16).toUpperCase()}`);
    expect(wrong).toEqual([]);
    // Whole lines as the panes draw them measure the same both ways.
    for (const line of ['│> machine0001 Phoned Home  7d │', '┌─ Machines (1700) ──┐', '▲ 2 problems above  ▼ 1 below', 'a → b … ⟨x⟩ §3 ×2']) {
      expect(stringWidth(line)).toBe([...line].length);
    }
  });

  it("draw Ink's frames as Ink does, frame after frame, with the output caches shared", async () => {
    const inkOutput = join(ROOT, 'node_modules', 'ink', 'build', 'output.js');
    const outfile = join(mkdtempSync(join(tmpdir(), 'rackpilot-patched-')), 'output.mjs');
    await build({ entryPoints: [inkOutput], bundle: true, format: 'esm', platform: 'node', outfile, plugins: [bundlePatches], logLevel: 'silent' });
    type OutputClass = new (o: { width: number; height: number }) => { write(x: number, y: number, text: string, o: { transformers: [] }): void; get(): { output: string } };
    const patched = ((await import(pathToFileURL(outfile).href)) as { default: OutputClass }).default;
    const original = ((await import(pathToFileURL(inkOutput).href)) as { default: OutputClass }).default;
    const red = (t: string) => `\u001b[31m${t}\u001b[39m`;
    const inverse = (t: string) => `\u001b[7m${t}\u001b[27m`;
    // The same characters in other styles, a line met again in a later frame, wide characters, a style across lines.
    const frames = [
      ['> machine0001 Phoned Home  7d', red('  machine0002 LastEventErrors'), '│ plain │'],
      [inverse('> machine0001 Phoned Home  7d'), '  machine0001 Phoned Home  7d', red('│ plain │')],
      ['日本語 wide ✓', `${red('a\nb')} c`, inverse(red('both')), '> machine0001 Phoned Home  7d'],
    ];
    for (const lines of [...frames, ...frames]) {
      const draw = (Output: OutputClass) => {
        const out = new Output({ width: 40, height: 5 });
        for (const [y, line] of lines.entries()) out.write(0, y, line, { transformers: [] });
        return out.get().output;
      };
      expect(draw(patched)).toBe(draw(original));
    }
  });

  it('each finds its text in the installed dependency', () => {
    const require = createRequire(join(ROOT, 'package.json'));
    const files = [
      require.resolve('yoga-layout').replace(/src[\\/]index\.js$/, join('binaries', 'yoga-wasm-base64-esm.js')),
      join(ROOT, 'node_modules', 'ink', 'build', 'output.js'),
      join(ROOT, 'node_modules', 'string-width', 'index.js'),
      join(ROOT, 'node_modules', 'zod', 'v4', 'locales', 'index.js'),
    ];
    for (const patch of PATCHES) {
      const file = files.find((f) => patch.file.test(f));
      expect(file, String(patch.file)).toBeDefined();
      expect(readFileSync(file ?? '', 'utf8')).toContain(patch.find);
    }
  });
});
