// Writes esbuild's output files with every JavaScript file in ASCII. esbuild escapes non-ASCII characters in code
// (its default charset), but keeps the comments it preserves inside literals (key-bindings.ts, zod) as they are:
// one "→" there made V8 hold the whole 1 MB Ink and React chunk as a two-byte string (twice the memory, a slower
// decode on every start). Escaped, they read the same: \uXXXX is the same character in a comment, a string, a
// template or a regular expression (per UTF-16 unit, so a character beyond the BMP becomes its surrogate pair).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The text with each non-ASCII UTF-16 unit as a \uXXXX escape. */
export function asciiOnly(text) {
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Writes a build's output files (esbuild with write: false): .js in ASCII, the rest (source maps) as they are. */
export function writeOutputs(outputFiles) {
  for (const file of outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.path.endsWith('.js') ? asciiOnly(file.text) : file.contents);
  }
}
