// The bundle is written in ASCII (scripts/ascii-output.mjs): V8 keeps a source with one non-ASCII character as a
// two-byte string, twice the memory of the 1 MB Ink and React chunk, and slower to decode at every start.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuildOptions, build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const { asciiOnly } = (await import(join(ROOT, 'scripts', 'ascii-output.mjs'))) as { asciiOnly: (text: string) => string };
const { writeOutputs } = (await import(join(ROOT, 'scripts', 'write-outputs.mjs'))) as {
  writeOutputs: (files: import('esbuild').OutputFile[]) => void;
};

describe('the bundle in ASCII', () => {
  it('every JavaScript file the build writes is ASCII, though esbuild keeps some comments with other characters', async () => {
    const { buildOptions } = (await import(join(ROOT, 'scripts', 'build-options.mjs'))) as { buildOptions: BuildOptions };
    const outdir = mkdtempSync(join(tmpdir(), 'rackpilot-ascii-'));
    const { outputFiles } = await build({ ...buildOptions, absWorkingDir: ROOT, outdir, write: false, logLevel: 'silent' });
    // The check checks something: esbuild's own output is not ASCII everywhere.
    expect(outputFiles.some((f) => f.path.endsWith('.js') && /[\u0080-\uffff]/.test(f.text))).toBe(true);
    writeOutputs(outputFiles);
    const js = readdirSync(outdir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(10);
    for (const f of js) expect(/[\u0080-\uffff]/.test(readFileSync(join(outdir, f), 'utf8')), f).toBe(false);
  }, 60_000);

  it('an escaped character reads the same in a string, a template, a regular expression and beyond the BMP', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a module with a template literal in it.
    const source = 'return ["→ ↑↓", `a — ${1}`, /→+/.test("→→"), "😀".length, "😀".codePointAt(0)]; // → comment';
    const escaped = asciiOnly(source);
    expect(escaped).not.toMatch(/[\u0080-\uffff]/);
    expect(new Function(escaped)()).toEqual(new Function(source)());
  });
});
