// Every JavaScript file of the bundle in ASCII (write-outputs.mjs applies it). esbuild escapes non-ASCII characters
// in code (its default charset), but keeps the comments it preserves inside literals (key-bindings.ts, zod) as they are:
// one "→" there made V8 hold the whole 1 MB Ink and React chunk as a two-byte string (twice the memory, a slower
// decode on every start). Escaped, they read the same: \uXXXX is the same character in a comment, a string, a
// template or a regular expression (per UTF-16 unit, so a character beyond the BMP becomes its surrogate pair).

/** The text with each non-ASCII UTF-16 unit as a \uXXXX escape. */
export function asciiOnly(text) {
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
